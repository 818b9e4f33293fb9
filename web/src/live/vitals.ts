import type { VitalType } from '../api/types';

export type Level = 'normal' | 'watch' | 'alert';

/**
 * NEWS2 sub-score (Royal College of Physicians, 2017; SpO2 scale 1) of one reading, 0–3.
 * Blood pressure is scored on the systolic value.
 */
export function news2SubScore(type: VitalType, value: number): number {
  switch (type) {
    case 'respiratory_rate':
      return value <= 8 ? 3 : value <= 11 ? 1 : value <= 20 ? 0 : value <= 24 ? 2 : 3;
    case 'spo2':
      return value <= 91 ? 3 : value <= 93 ? 2 : value <= 95 ? 1 : 0;
    case 'blood_pressure':
      return value <= 90 ? 3 : value <= 100 ? 2 : value <= 110 ? 1 : value < 220 ? 0 : 3;
    case 'heart_rate':
      return value <= 40 ? 3 : value <= 50 ? 1 : value <= 90 ? 0 : value <= 110 ? 1 : value <= 130 ? 2 : 3;
    case 'temperature':
      return value <= 35.0 ? 3 : value <= 36.0 ? 1 : value <= 38.0 ? 0 : value <= 39.0 ? 1 : 2;
  }
}

/** Gentle highlighting: sub-score 0 is normal, 1–2 worth a look, 3 abnormal. */
export function levelOf(type: VitalType, value: number): Level {
  const s = news2SubScore(type, value);
  return s === 0 ? 'normal' : s < 3 ? 'watch' : 'alert';
}

/** A reading older than this is shown faded (the sensor may have stopped). */
export const STALE_AFTER_MS = 5 * 60_000;

/** A device seen within this long is online. */
export const ONLINE_WITHIN_MS = 30_000;

/** The sparkline's time window. */
export const SPARK_WINDOW_MS = 120_000;
