import type { VitalType } from '../api/types';

/** Decimal places shown per vital sign. */
export const VITAL_DECIMALS: Record<VitalType, number> = {
  heart_rate: 0,
  spo2: 0,
  temperature: 1,
  blood_pressure: 0,
  respiratory_rate: 0,
};

export interface Formatters {
  /** The number alone, as shown in large type: "72", "36,8", "120/80". */
  vitalNumber: (type: VitalType, value: number, diastolic?: number | null) => string;
  /** Number with unit: "36,8 °C", "97 %", "72 bpm", "120/80 mmHg". */
  vitalWithUnit: (type: VitalType, value: number, diastolic?: number | null) => string;
  /** Age of an event relative to now: "now", "12 s ago", "il y a 3 min". */
  relative: (atMs: number, nowMs: number) => string;
  /** Wall-clock time, with the date when not today: "14:05", "2:05 PM", "12/03, 14:05". */
  clock: (atMs: number, nowMs: number) => string;
  /** A full date and time, for events worth dating (a revocation): "12 Mar 2025, 14:05", "12 mars 2025, 14:05". */
  dateTime: (atMs: number) => string;
  /** Axis-style time for charts. */
  axisTime: (atMs: number, withSeconds: boolean) => string;
  /** Percentage from 0–100: "85%", "85 %". */
  percent: (value: number) => string;
  integer: (value: number) => string;
  /** A wait: "45 seconds", "15 minutes" (minutes rounded up from 60 s on). */
  duration: (seconds: number) => string;
  /** A number with exactly `digits` decimals (chart axes). */
  decimal: (value: number, digits: number) => string;
}

/** Decimals needed to tell apart ticks `increment` apart: 5 → 0, 0.5 → 1, 0.05 → 2. */
export function decimalsFor(increment: number): number {
  if (!(increment > 0) || increment >= 1) return 0;
  return Math.min(6, Math.ceil(-Math.log10(increment) - 1e-9));
}

const UNIT_SUFFIX: Record<VitalType, string> = {
  heart_rate: 'bpm',
  spo2: '%',
  temperature: '°C',
  blood_pressure: 'mmHg',
  respiratory_rate: '/min',
};

/** Age in whole years on `now` (UTC calendar) for a yyyy-mm-dd date of birth; null when unreadable. */
export function ageInYears(dateOfBirth: string, now: Date): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(dateOfBirth);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  let age = now.getUTCFullYear() - y;
  const beforeBirthday = now.getUTCMonth() + 1 < mo || (now.getUTCMonth() + 1 === mo && now.getUTCDate() < d);
  if (beforeBirthday) age -= 1;
  return age >= 0 ? age : null;
}

export function createFormatters(locale: string): Formatters {
  const lang = locale.toLowerCase().split('-')[0];
  const hour12 = lang === 'fr' ? false : undefined; // 24-hour clock in French; locale default otherwise
  const decimals = new Map<number, Intl.NumberFormat>();
  const num = (digits: number) => {
    let f = decimals.get(digits);
    if (!f) {
      f = new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits });
      decimals.set(digits, f);
    }
    return f;
  };
  const celsius = new Intl.NumberFormat(locale, { style: 'unit', unit: 'celsius', unitDisplay: 'short', minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const secs = new Intl.NumberFormat(locale, { style: 'unit', unit: 'second', unitDisplay: 'long' });
  const mins = new Intl.NumberFormat(locale, { style: 'unit', unit: 'minute', unitDisplay: 'long' });
  const pct = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'always', style: 'short' });
  const rtfNow = new Intl.RelativeTimeFormat(locale, { numeric: 'auto', style: 'short' });
  const time = new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit', hour12 });
  const timeSec = new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit', second: '2-digit', hour12 });
  const dateTime = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', hour: 'numeric', minute: '2-digit', hour12 });
  const fullDateTime = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', hour: 'numeric', minute: '2-digit', hour12 });

  const vitalNumber = (type: VitalType, value: number, diastolic?: number | null) => {
    const f = num(VITAL_DECIMALS[type]);
    if (type === 'blood_pressure' && diastolic != null) return `${f.format(value)}/${f.format(diastolic)}`;
    return f.format(value);
  };

  return {
    vitalNumber,
    vitalWithUnit: (type, value, diastolic) => {
      if (type === 'temperature') return celsius.format(value); // Intl spaces it per locale: 36.8°C, 36,8 °C
      if (type === 'spo2') return pct.format(value / 100);
      return `${vitalNumber(type, value, diastolic)}\u00a0${UNIT_SUFFIX[type]}`;
    },
    relative: (atMs, nowMs) => {
      const s = Math.max(0, Math.round((nowMs - atMs) / 1000));
      if (s < 2) return rtfNow.format(0, 'second'); // "now", "maintenant"
      if (s < 60) return rtf.format(-s, 'second');
      const min = Math.floor(s / 60);
      if (min < 60) return rtf.format(-min, 'minute');
      const h = Math.floor(min / 60);
      if (h < 48) return rtf.format(-h, 'hour');
      return rtf.format(-Math.floor(h / 24), 'day');
    },
    clock: (atMs, nowMs) => {
      const at = new Date(atMs);
      const now = new Date(nowMs);
      const sameDay = at.toDateString() === now.toDateString();
      return sameDay ? time.format(at) : dateTime.format(at);
    },
    dateTime: (atMs) => fullDateTime.format(new Date(atMs)),
    axisTime: (atMs, withSeconds) => (withSeconds ? timeSec : time).format(new Date(atMs)),
    percent: (value) => pct.format(value / 100),
    integer: (value) => num(0).format(value),
    duration: (seconds) => (seconds < 60 ? secs.format(Math.max(1, Math.ceil(seconds))) : mins.format(Math.ceil(seconds / 60))),
    decimal: (value, digits) => num(digits).format(value),
  };
}
