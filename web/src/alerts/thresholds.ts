import type { VitalType } from '../api/types';
import type { AlertThresholdDto } from './types';

/**
 * Lines drawn on the consultation's charts: the edges of NEWS2's zero-score range (see
 * monitoring/vitals.ts), where a reading starts to count.
 */
export const THRESHOLDS = {
  heart_rate: [51, 90],
  spo2: [96],
} as const;

// The patient's own alert limits (docs/consultation-protocol.md, `SetAlertThreshold`): per vital
// sign, a low and/or a high limit in the display unit (systolic for blood pressure). The server
// checks them against what can be measured; here only that each field is a number (or empty).

/** The vital signs that take alert limits, in the editor's order. */
export const ALERT_TYPES: readonly VitalType[] = ['heart_rate', 'spo2', 'temperature', 'blood_pressure', 'respiratory_rate'];

export type AlertLimits = Partial<Record<VitalType, AlertThresholdDto>>;

/** A field as typed: empty (no limit), a number (a comma or a dot for decimals), or not a number. */
export function parseLimit(text: string): number | null | 'invalid' {
  const s = text.trim().replace(/\s+/g, '').replace(',', '.');
  if (!s) return null;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(s)) return 'invalid';
  const n = Number(s);
  return Number.isFinite(n) ? n : 'invalid';
}

export type LimitField = 'type' | 'low' | 'high';

/** The editor's row, read: both numbers, or which field is not a number. */
export function readLimits(low: string, high: string): { ok: true; low: number | null; high: number | null } | { ok: false; field: 'low' | 'high' } {
  const l = parseLimit(low);
  if (l === 'invalid') return { ok: false, field: 'low' };
  const h = parseLimit(high);
  if (h === 'invalid') return { ok: false, field: 'high' };
  return { ok: true, low: l, high: h };
}

/**
 * A refusal from the server names its fields ("high: must be above the low limit", several joined
 * by "; "): each message by the field it names (type, low or high); anything else under `row`.
 */
export type LimitErrors = Partial<Record<LimitField | 'row', string>>;

export function refusalErrors(message: string): LimitErrors {
  const errors: LimitErrors = {};
  const add = (key: LimitField | 'row', text: string) => {
    errors[key] = errors[key] ? `${errors[key]}; ${text}` : text;
  };
  for (const part of message.split(/;\s*(?=(?:type|low|high)\s*:)/i)) {
    const m = /^\s*(type|low|high)\s*:\s*(.+)$/is.exec(part);
    if (m) add(m[1]!.toLowerCase() as LimitField, m[2]!.trim());
    else if (part.trim()) add('row', part.trim());
  }
  return errors;
}

/** The latest limits per vital sign (a newer `setAt` wins; a vital sign not listed is unknown). */
export function mergeLimits(current: AlertLimits, items: readonly AlertThresholdDto[]): AlertLimits {
  const next: AlertLimits = { ...current };
  for (const dto of items) {
    if (!(ALERT_TYPES as readonly string[]).includes(dto.type)) continue;
    const type = dto.type as VitalType;
    const prev = next[type];
    if (!prev || Date.parse(dto.setAt) >= Date.parse(prev.setAt)) next[type] = dto;
  }
  return next;
}

/** True when a limit is set (a low, a high or both). */
export const hasLimits = (dto: AlertThresholdDto | undefined): dto is AlertThresholdDto => dto != null && (dto.low != null || dto.high != null);

/** A limit as the editor shows it in its field: "" when none, else the number (a dot, as inputs take). */
export const limitText = (v: number | null | undefined): string => (v == null ? '' : String(v));

/** How a vital sign's limits read: both sides, one side, or none. */
export function limitsKind(dto: AlertThresholdDto | undefined): 'between' | 'atLeast' | 'atMost' | 'none' {
  if (!dto || (dto.low == null && dto.high == null)) return 'none';
  if (dto.low != null && dto.high != null) return 'between';
  return dto.low != null ? 'atLeast' : 'atMost';
}

/** A limit saved, or refused with the errors to show at its fields. */
export type ThresholdResult = { ok: true; threshold: AlertThresholdDto } | { ok: false; errors: LimitErrors };

/** What edits a patient's limits (the consultation room, for the doctor). */
export interface ThresholdSetter {
  setThreshold(type: VitalType, low: number | null, high: number | null): Promise<ThresholdResult>;
}
