/** "Tue 08:00" (or "mar. 08:00") in `timeZone`; the date too when `withDate`. */
export function shiftTime(at: string | Date, locale: string, timeZone?: string, withDate = false): string {
  const date = typeof at === 'string' ? new Date(at) : at;
  return new Intl.DateTimeFormat(locale, {
    timeZone,
    weekday: 'short',
    ...(withDate ? { day: 'numeric', month: 'short' } : {}),
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(date);
}

/** Within a week the weekday says which day; further ahead the date is needed. */
export function withinWeek(at: string, nowMs: number): boolean {
  return Date.parse(at) - nowMs < 6 * 86_400_000;
}
