import type uPlot from 'uplot';
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

/** Alert severities on charts (the replay's markers); the same hues as the alerts' CSS. */
export const SEVERITY_COLORS = { critical: '#b42323', major: '#a15c07', warning: '#3b6a86' } as const;

/** A point to circle on a chart: x in seconds, y on `scale`. */
export interface Ring {
  x: number;
  y: number;
  scale: string;
}

/** Circles doubtful readings (low signal quality) with a hollow grey ring, from a uPlot draw hook. */
export function drawRings(u: uPlot, rings: readonly Ring[]): void {
  if (rings.length === 0) return;
  const ctx = u.ctx;
  const { left, top, width, height } = u.bbox;
  ctx.save();
  ctx.lineWidth = 1.5 * devicePixelRatio;
  ctx.strokeStyle = '#6b7785';
  ctx.fillStyle = '#ffffff';
  for (const r of rings) {
    const x = u.valToPos(r.x, 'x', true);
    const y = u.valToPos(r.y, r.scale, true);
    if (x < left || x > left + width || y < top || y > top + height) continue;
    ctx.beginPath();
    ctx.arc(x, y, 4.5 * devicePixelRatio, 0, 2 * Math.PI);
    ctx.fill();
    ctx.stroke();
  }
  ctx.restore();
}
