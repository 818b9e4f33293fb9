import type { OnCallSpanDto } from './rotaApi';

/** One bar of the week view: a span clipped to the period, as fractions of its width. */
export interface Bar {
  span: OnCallSpanDto;
  left: number;
  width: number;
}

/** Lays spans over [from, to): each clipped to the period, its place and width as a fraction (0–1). */
export function barsFor(spans: readonly OnCallSpanDto[], from: Date, to: Date): Bar[] {
  const [a, b] = [from.getTime(), to.getTime()];
  const total = b - a;
  if (!(total > 0)) return [];
  return spans
    .map((span) => {
      const start = Math.max(a, Date.parse(span.start));
      const end = Math.min(b, Date.parse(span.end));
      return { span, left: (start - a) / total, width: (end - start) / total };
    })
    .filter((bar) => bar.width > 0);
}

/** Midnights of each day of the period in `timeZone`, as instants: the grid lines and day labels of the view. */
export function dayStarts(from: Date, to: Date, timeZone: string): Date[] {
  const format = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const minutesPast = (at: Date) => {
    const parts = format.formatToParts(at);
    const value = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
    return value('hour') * 60 + value('minute');
  };
  // A day later is the next midnight unless the clocks changed that day: then it is an hour off, either way.
  const snap = (at: Date) => {
    const off = minutesPast(at);
    return off === 0 ? at : new Date(at.getTime() - (off > 720 ? off - 1440 : off) * 60_000);
  };
  const days: Date[] = [];
  const minute = from.getTime() - (from.getTime() % 60_000);
  for (let at = snap(new Date(minute - minutesPast(from) * 60_000 + 86_400_000)); at < to; at = snap(new Date(at.getTime() + 86_400_000)))
    days.push(at);
  return days;
}

/** The viewer's own zone, as the browser knows it. */
export function viewerZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** Zones the editor offers (the browser's list), the rota's own first. */
export function zoneOptions(current: string): string[] {
  const all = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : ['UTC', 'Europe/Paris'];
  return all.includes(current) ? all : [current, ...all];
}
