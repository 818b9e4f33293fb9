import { describe, expect, it } from 'vitest';
import type { ObservationDto } from '../api/types';
import { latestByType, seriesOf } from './readings';

const reading = (id: number, type: ObservationDto['type'], value: number, at: string): ObservationDto =>
  ({ id, type, value, diastolic: null, measuredAt: at, deviceId: 'D1', doubtful: false, clockDoubtful: false }) as unknown as ObservationDto;

describe('follower readings', () => {
  const newestFirst = [
    reading(3, 'heart_rate', 80, '2026-12-03T03:02:00Z'),
    reading(2, 'spo2', 95, '2026-12-03T03:01:00Z'),
    reading(1, 'heart_rate', 70, '2026-12-03T03:00:00Z'),
  ];

  it('keeps the newest reading of each sign', () => {
    const latest = latestByType(newestFirst);
    expect(latest.heart_rate?.value).toBe(80);
    expect(latest.spo2?.value).toBe(95);
    expect(latest.temperature).toBeUndefined();
  });

  it('charts one sign oldest first', () => {
    expect(seriesOf(newestFirst, 'heart_rate').map((o) => o.value)).toEqual([70, 80]);
  });
});
