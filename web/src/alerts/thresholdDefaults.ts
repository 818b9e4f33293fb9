import type { VitalType } from '../api/types';
import { ApiError } from '../api/client';
import type { LimitErrors, LimitField } from './thresholds';

/** The server's default alert limits, which apply while a patient has no own limits for a sign (display units; systolic for blood pressure). */
export const DEFAULT_LIMITS: Partial<Record<VitalType, { low: number | null; high: number | null }>> = {
  heart_rate: { low: 50, high: 120 },
  spo2: { low: 90, high: null },
  temperature: { low: null, high: 38.5 },
  blood_pressure: { low: 90, high: 180 },
};

/** A refusal of `PUT …/thresholds/{type}`: the messages by the field they name (low, high, type), the rest under `row`. */
export function thresholdErrors(e: unknown): LimitErrors {
  if (e instanceof ApiError && e.problem?.errors) {
    const out: LimitErrors = {};
    for (const [key, messages] of Object.entries(e.problem.errors as Record<string, string[]>)) {
      const k = key.toLowerCase();
      const field: LimitField | 'row' = k === 'low' || k === 'high' || k === 'type' ? k : 'row';
      const text = messages.join(' ');
      out[field] = out[field] ? `${out[field]} ${text}` : text;
    }
    return out;
  }
  return { row: e instanceof Error ? e.message : String(e) };
}
