import type { ObservationDto, VitalType } from '../api/types';
import type { VitalReading } from '../live/store';

/** The newest reading of each vital sign in a follower's window (the API answers newest first). */
export function latestByType(newestFirst: readonly ObservationDto[]): Partial<Record<VitalType, VitalReading>> {
  const latest: Partial<Record<VitalType, VitalReading>> = {};
  for (const o of newestFirst) {
    if (latest[o.type]) continue;
    latest[o.type] = {
      value: o.value,
      diastolic: o.diastolic ?? null,
      measuredAtMs: Date.parse(o.measuredAt),
      deviceId: o.deviceId,
      id: o.id,
      doubtful: o.doubtful,
      clockDoubtful: o.clockDoubtful,
    };
  }
  return latest;
}

/** One sign's readings, oldest first, for a chart. */
export function seriesOf(newestFirst: readonly ObservationDto[], type: VitalType): ObservationDto[] {
  return newestFirst.filter((o) => o.type === type).reverse();
}

/** The windows a patient may share: hours → the label's key. */
export const HISTORY_CHOICES = [6, 24, 72, 168, 720] as const;

/** Delays a follower may choose before being paged (minutes). */
export const DELAY_CHOICES = [0, 5, 15, 30, 60, 120] as const;
