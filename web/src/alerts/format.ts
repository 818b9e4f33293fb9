import { VITAL_TYPES, type VitalType } from '../api/types';
import type { MessageKey } from '../i18n/en';
import type { Formatters } from '../i18n/format';
import type { AlertDto, News2Dto, News2Risk } from './types';

type T = (key: MessageKey, params?: Record<string, string | number>) => string;

const isVital = (v: string | null): v is VitalType => v != null && (VITAL_TYPES as readonly string[]).includes(v);

/** "CARDIAC_ARRHYTHMIA" → "Cardiac arrhythmia" (a device's own alert type, not translated). */
export function humanizeCode(code: string): string {
  const words = code.replace(/[_-]+/g, ' ').trim().toLowerCase();
  return words ? words[0]!.toUpperCase() + words.slice(1) : code;
}

/** The device's alert type from a rule `device:DEVICE:TYPE`. */
export function deviceAlertType(rule: string): string {
  const parts = rule.split(':');
  return parts.length >= 3 ? parts.slice(2).join(':') : (parts[1] ?? rule);
}

/** A value with its unit: localized for known vital signs, else the number and the server's unit. */
function valueText(fmt: Formatters, vitalType: string | null, value: number, unit: string | null): string {
  if (isVital(vitalType)) return fmt.vitalWithUnit(vitalType, value);
  const n = Number.isInteger(value) ? fmt.integer(value) : fmt.decimal(value, 1);
  return unit ? `${n}\u00a0${unit}` : n;
}

/**
 * What an alert says, in the user's language, built from its structured fields; the server's
 * English title only when the fields do not say enough (a system alert, a redacted copy).
 */
export function alertTitle(a: AlertDto, t: T, fmt: Formatters): string {
  switch (a.kind) {
    case 'threshold': {
      if (!isVital(a.vitalType) || a.limit == null) break;
      const vital = t(`vital.${a.vitalType}`);
      const side = a.rule.endsWith(':low') ? 'low' : 'high';
      const limit = valueText(fmt, a.vitalType, a.limit, a.unit);
      if (a.value == null) return t(`alerts.title.${side}`, { vital, limit });
      return t(`alerts.title.${side}.value`, { vital, limit, value: valueText(fmt, a.vitalType, a.value, a.unit) });
    }
    case 'trend': {
      const [, sign = '', direction] = a.rule.split(':');
      const what = sign === 'news2' ? 'NEWS2' : isVital(sign) ? t(`vital.${sign}`) : null;
      if (!what || a.limit == null) break;
      const change = sign === 'news2' || !isVital(sign) ? fmt.integer(a.limit) : valueText(fmt, sign, a.limit, a.unit);
      return t(direction === 'up' ? 'alerts.title.trend.up' : 'alerts.title.trend.down', { what, change });
    }
    case 'news2':
      if (a.value == null) break;
      return t('alerts.title.news2', { score: fmt.integer(a.value) });
    case 'nodata':
      return t(a.detail ? 'alerts.title.lost' : 'alerts.title.nodata', { device: a.deviceId ?? a.rule.split(':')[1] ?? '' });
    case 'device': {
      const type = humanizeCode(deviceAlertType(a.rule));
      const device = a.deviceId ?? '';
      if (a.confidence != null) return t('alerts.title.device.confidence', { type, device, confidence: fmt.percent(a.confidence * 100) });
      return t('alerts.title.device', { type, device });
    }
    case 'system':
      break;
  }
  return a.title;
}

/** A second line with the device's own description and figures, when it sent any. */
export function alertDetail(a: AlertDto, fmt: Formatters): string | null {
  if (a.kind !== 'device') return null;
  const parts: string[] = [];
  if (a.detail) parts.push(a.detail);
  if (a.measurements)
    for (const [k, v] of Object.entries(a.measurements)) parts.push(`${k.replace(/_/g, ' ')} ${Number.isInteger(v) ? fmt.integer(v) : fmt.decimal(v, 1)}`);
  return parts.length ? parts.join(' · ') : null;
}

/** A NEWS2 parameter's name: the vital sign's, or consciousness, oxygen. */
function paramName(m: string, t: T): string {
  if (isVital(m)) return t(`vital.${m}`);
  if (m === 'systolic_blood_pressure') return t('vital.blood_pressure');
  if (m === 'consciousness') return t('news2.consciousness');
  if (m === 'supplemental_oxygen') return t('news2.oxygen');
  return humanizeCode(m);
}

/** The NEWS2 badge: what it reads and its colour class. */
export interface News2View {
  kind: 'score' | 'na' | 'none';
  text: string;
  risk: News2Risk | 'none';
  partial: boolean;
  title: string;
}

export function news2View(dto: News2Dto | undefined, t: T): News2View {
  if (!dto) return { kind: 'none', text: t('news2.none'), risk: 'none', partial: false, title: t('news2.noneTitle') };
  if (!dto.adult) return { kind: 'na', text: t('news2.na'), risk: 'none', partial: false, title: t('news2.naTitle') };
  if (dto.total == null || dto.risk == null) return { kind: 'none', text: t('news2.none'), risk: 'none', partial: false, title: t('news2.noneTitle') };
  const risk = t(`news2.risk.${dto.risk}`);
  const partial = !dto.complete;
  const missing = dto.missing.map((m) => paramName(m, t)).join(', ');
  return {
    kind: 'score',
    text: t('news2.score', { total: dto.total, risk }),
    risk: dto.risk,
    partial,
    title: partial ? t('news2.partialTitle', { total: dto.total, missing }) : t('news2.scoreTitle', { total: dto.total, risk }),
  };
}
