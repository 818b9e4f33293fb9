import type { AlarmBurdenDto, AlarmProfileDto, AlarmProfileRequest, RuleBurdenDto, TrendRuleDto } from './api';

/** The editor's copy of a profile: text fields as typed, so a half-typed number is not lost. */
export interface LimitForm {
  type: string;
  low: number | null;
  high: number | null;
  nightLow: string;
  nightHigh: string;
  delaySeconds: string;
  severity: string;
}
export interface TrendForm {
  key: string;
  type: string;
  direction: 'up' | 'down';
  enabled: boolean;
  change: string;
  windowMinutes: string;
  severity: string;
}
export interface PeriodForm {
  from: string;
  until: string;
  deviceId: string;
}
export interface ProfileForm {
  timeZone: string;
  nightStart: string;
  nightEnd: string;
  limits: LimitForm[];
  trends: TrendForm[];
  deviceOff: PeriodForm[];
}

export const trendKey = (t: Pick<TrendRuleDto, 'type' | 'direction'>) => `trend:${t.type}:${t.direction}`;

const text = (n: number | null | undefined) => (n == null ? '' : String(n));

/** `2026-12-02T21:00:00Z` → `2026-12-02T22:00` in the browser's zone, for a datetime-local input. */
export function toLocalInput(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function toForm(p: AlarmProfileDto): ProfileForm {
  const trends: TrendForm[] = p.trends.map((t) => ({ key: trendKey(t), type: t.type, direction: t.direction === 'up' ? 'up' : 'down', enabled: true,
    change: text(t.change), windowMinutes: text(t.windowMinutes), severity: t.severity ?? 'major' }));
  for (const s of p.suggestedTrends) {
    if (!trends.some((t) => t.key === trendKey(s)))
      trends.push({ key: trendKey(s), type: s.type, direction: s.direction === 'up' ? 'up' : 'down', enabled: false, change: text(s.change),
        windowMinutes: text(s.windowMinutes), severity: s.severity ?? 'major' });
  }
  return {
    timeZone: p.timeZone,
    nightStart: p.nightStart,
    nightEnd: p.nightEnd,
    limits: p.limits.map((l) => ({ type: l.type, low: l.low, high: l.high, nightLow: text(l.nightLow), nightHigh: text(l.nightHigh),
      delaySeconds: text(l.delaySeconds), severity: l.severity ?? '' })),
    trends,
    deviceOff: p.deviceOff.map((d) => ({ from: toLocalInput(d.from), until: toLocalInput(d.until), deviceId: d.deviceId ?? '' })),
  };
}

export type FormErrors = Record<string, string>;

/**
 * The request for `PUT …/alarm-profile`, or the fields that are not numbers / dates (named as the server names them,
 * e.g. `limits[1].nightLow`). Day limits are left out: the limits editor above sets them.
 */
export function toRequest(f: ProfileForm, notNumber: string, notDate: string): { request: AlarmProfileRequest } | { errors: FormErrors } {
  const errors: FormErrors = {};
  const num = (value: string, field: string, optional: boolean): number | null => {
    const v = value.trim().replace(',', '.');
    if (v === '') {
      if (!optional) errors[field] = notNumber;
      return null;
    }
    const n = Number(v);
    if (!Number.isFinite(n)) errors[field] = notNumber;
    return Number.isFinite(n) ? n : null;
  };
  const date = (value: string, field: string): string => {
    const d = new Date(value);
    if (!value || Number.isNaN(d.getTime())) {
      errors[field] = notDate;
      return '';
    }
    return d.toISOString();
  };
  const limits = f.limits.map((l, i) => ({
    type: l.type, low: null, high: null,
    nightLow: num(l.nightLow, `limits[${i}].nightLow`, true),
    nightHigh: num(l.nightHigh, `limits[${i}].nightHigh`, true),
    delaySeconds: num(l.delaySeconds, `limits[${i}].delaySeconds`, true) ?? 0,
    severity: l.severity === '' ? null : l.severity,
  }));
  const enabled = f.trends.filter((t) => t.enabled);
  const trends = enabled.map((t, i) => ({
    type: t.type, direction: t.direction, severity: t.severity || null,
    change: num(t.change, `trends[${i}].change`, false) ?? 0,
    windowMinutes: num(t.windowMinutes, `trends[${i}].windowMinutes`, false) ?? 0,
  }));
  const deviceOff = f.deviceOff.map((d, i) => ({ from: date(d.from, `deviceOff[${i}].from`), until: date(d.until, `deviceOff[${i}].until`),
    deviceId: d.deviceId.trim() || null }));
  if (Object.keys(errors).length > 0) return { errors };
  return { request: { timeZone: f.timeZone.trim(), nightStart: f.nightStart, nightEnd: f.nightEnd, limits, trends, deviceOff } };
}

/** The server's field names for enabled trends count enabled rows only: map `trends[i]` back to the row's key. */
export function trendErrorKey(f: ProfileForm, field: string): string {
  const m = /^trends\[(\d+)\]\.(\w+)$/.exec(field);
  if (!m) return field;
  const row = f.trends.filter((t) => t.enabled)[Number(m[1])];
  return row ? `${row.key}.${m[2]}` : field;
}

export function burdenOf(burden: AlarmBurdenDto | null, rule: string): RuleBurdenDto | undefined {
  return burden?.rules.find((r) => r.rule === rule);
}

/** The rules a doctor may snooze: not critical (a critical alert is never snoozed), with a rule the patient has. */
export function snoozableRules(f: ProfileForm): string[] {
  const rules: string[] = [];
  for (const l of f.limits) {
    if (l.severity === '' || l.severity === 'critical') continue;
    if (l.low != null) rules.push(`${l.type}:low`);
    if (l.high != null) rules.push(`${l.type}:high`);
  }
  for (const t of f.trends) if (t.enabled && t.severity !== 'critical') rules.push(t.key);
  rules.push('news2');
  return rules;
}
