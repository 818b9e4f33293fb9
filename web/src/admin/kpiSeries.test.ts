import { describe, expect, test } from 'vitest';
import type { KpiPoint } from './adminApi';
import { kilobytesPerSecond, seriesOf, sinceFirstActivity, wholeMinutes } from './kpiSeries';

const point = (at: string, over: Partial<KpiPoint> = {}): KpiPoint => ({
  at,
  latencyAvgMs: null,
  latencyP95Ms: null,
  commitLatencyAvgMs: null,
  commitLatencyP95Ms: null,
  received: 0,
  acknowledged: 0,
  deadLettered: 0,
  deliveryRate: null,
  dataQuality: null,
  deviceAvailability: null,
  activeDevices: null,
  consultationsInProgress: null,
  bytesIn: 0,
  bytesOut: 0,
  alertsRatedActionable: 0,
  alertsRatedNotActionable: 0,
  alertPrecision: null,
  ...over,
});

describe('KPI series', () => {
  test('ratios become percentages and an unmeasured minute stays a gap', () => {
    const data = seriesOf([point('2026-12-01T09:00:00Z', { deliveryRate: 0.9876 }), point('2026-12-01T09:01:00Z')], ['deliveryRate'], true);
    expect(data.x).toEqual([1796115600, 1796115660]);
    expect(data.series).toEqual([[98.8, null]]);
  });
  test('bandwidth is bytes per minute over 60 s in kB/s', () => {
    expect(kilobytesPerSecond([point('2026-12-01T09:00:00Z', { bytesIn: 120_000, bytesOut: 6_000 })]).series).toEqual([[2], [0.1]]);
  });
  test('the quiet minutes before the first activity are dropped, never the last one', () => {
    const quiet = point('2026-12-01T09:00:00Z');
    const busy = point('2026-12-01T09:01:00Z', { received: 3 });
    expect(sinceFirstActivity([quiet, busy, quiet])).toEqual([busy, quiet]);
    expect(sinceFirstActivity([quiet, quiet])).toEqual([quiet]);
  });
  test('the minute under way is left out of the charts once a whole one exists', () => {
    const a = point('2026-12-01T09:00:00Z');
    const b = point('2026-12-01T09:01:00Z');
    expect(wholeMinutes([a, b])).toEqual([a]);
    expect(wholeMinutes([b])).toEqual([b]);
  });
});
