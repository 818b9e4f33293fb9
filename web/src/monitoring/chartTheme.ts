import type { VitalType } from '../api/types';

/** Calm, distinguishable line colours (also used for legends). */
export const CHART_COLORS: Record<VitalType, string> = {
  heart_rate: '#c2415d',
  spo2: '#2f6f9f',
  temperature: '#b7791f',
  blood_pressure: '#6b4fa0',
  respiratory_rate: '#2f855a',
};

export const AXIS_STYLE = {
  stroke: '#5b6876',
  grid: { stroke: '#e8edf1', width: 1 },
  ticks: { stroke: '#d5dce2', width: 1 },
  font: '12px system-ui, sans-serif',
};
