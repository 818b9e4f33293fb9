/**
 * Lines drawn on the consultation's charts: the edges of NEWS2's zero-score range (see
 * monitoring/vitals.ts), where a reading starts to count.
 */
export const THRESHOLDS = {
  heart_rate: [51, 90],
  spo2: [96],
} as const;
