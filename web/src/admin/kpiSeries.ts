import type { KpiPoint } from './adminApi';

/** One chart's lines: x in Unix seconds, each series' values (null = nothing measured that minute, drawn as a gap). */
export interface ChartData {
  x: number[];
  series: (number | null)[][];
}

/** Picks `fields` out of the minutes, turning 0–1 ratios into percentages when `percent`. */
export function seriesOf(minutes: readonly KpiPoint[], fields: readonly (keyof KpiPoint)[], percent = false): ChartData {
  return {
    x: minutes.map((m) => Math.floor(Date.parse(m.at) / 1000)),
    series: fields.map((f) =>
      minutes.map((m) => {
        const v = m[f];
        return typeof v === 'number' ? (percent ? Math.round(v * 1000) / 10 : v) : null;
      }),
    ),
  };
}

/** Bytes per minute as kB/s, for a bandwidth chart that reads like a link's speed. */
export function kilobytesPerSecond(minutes: readonly KpiPoint[]): ChartData {
  const base = seriesOf(minutes, ['bytesIn', 'bytesOut']);
  return { x: base.x, series: base.series.map((s) => s.map((v) => (v == null ? null : Math.round((v / 60 / 1000) * 100) / 100))) };
}

/** Drops the quiet minutes before the first one with any data, so a fresh server's chart does not start with an empty hour. */
export function sinceFirstActivity(minutes: readonly KpiPoint[]): KpiPoint[] {
  const first = minutes.findIndex((m) => m.received > 0 || m.activeDevices != null);
  return first < 0 ? [...minutes.slice(-1)] : minutes.slice(first);
}

/** The chart's minutes: the current one is under way, its counts partial, so it is left out once a whole minute exists. */
export function wholeMinutes(minutes: readonly KpiPoint[]): KpiPoint[] {
  return minutes.length > 1 ? minutes.slice(0, -1) : [...minutes];
}
