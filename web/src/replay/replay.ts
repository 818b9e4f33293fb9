import type { AlertDto } from '../alerts/types';
import type { ObservationDto, VitalType } from '../api/types';
import type { Ring } from '../monitoring/chartTheme';
import type { AlignedSpark } from '../live/series';
import type { VitalReading } from '../live/store';
import type { AlertMarker } from '../consultation/VitalsChart';
import { offsetLabel } from '../consultation/time';
import type { ChatMessageDto, ConsultationState, ConsultationTimelineDto, ConsultationTransitionDto } from '../consultation/types';

const ms = (iso: string | null | undefined) => (iso ? Date.parse(iso) : NaN);

/** The replay's time span: from the first event (the start) to the last (the end). */
export function replayBounds(tl: ConsultationTimelineDto): { fromMs: number; toMs: number } {
  const times = [
    ms(tl.consultation.startedAt),
    ms(tl.consultation.endedAt),
    ...tl.transitions.map((t) => ms(t.at)),
    ...tl.chat.map((m) => ms(m.sentAt)),
  ].filter((x) => Number.isFinite(x));
  if (times.length === 0) {
    const at = ms(tl.consultation.scheduledAt);
    return { fromMs: at, toMs: at + 60_000 };
  }
  const fromMs = Math.min(...times);
  const toMs = Math.max(...times);
  return { fromMs, toMs: Math.max(toMs, fromMs + 1_000) };
}

export function sortedTransitions(tl: ConsultationTimelineDto): ConsultationTransitionDto[] {
  return [...tl.transitions].sort((a, b) => ms(a.at) - ms(b.at));
}

/** Index of the transition in force at `t` (the last one at or before it), or -1 before the first. */
export function transitionIndexAt(sorted: readonly ConsultationTransitionDto[], t: number): number {
  let i = -1;
  for (let k = 0; k < sorted.length; k++) {
    if (ms(sorted[k]!.at) <= t) i = k;
    else break;
  }
  return i;
}

/** The state at `t`: where the last transition before it led; before any, where the first came from. */
export function stateAt(sorted: readonly ConsultationTransitionDto[], t: number): ConsultationState {
  const i = transitionIndexAt(sorted, t);
  if (i >= 0) return sorted[i]!.to;
  return sorted[0]?.from ?? 'scheduled';
}

/** Messages sent at or before `t`, in sequence order. */
export function chatUntil(chat: readonly ChatMessageDto[], t: number): ChatMessageDto[] {
  return chat.filter((m) => ms(m.sentAt) <= t).sort((a, b) => a.sequence - b.sequence);
}

/** Observations of the timeline, oldest first. */
export function sortedObservations(observations: readonly ObservationDto[]): ObservationDto[] {
  return [...observations].sort((a, b) => ms(a.measuredAt) - ms(b.measuredAt) || a.id - b.id);
}

/** The newest reading of `type` measured at or before `t` (observations oldest first). */
export function readingAt(sorted: readonly ObservationDto[], type: VitalType, t: number): VitalReading | undefined {
  let found: ObservationDto | undefined;
  for (const o of sorted) {
    if (ms(o.measuredAt) > t) break;
    if (o.type === type) found = o;
  }
  if (!found) return undefined;
  return { value: found.value, diastolic: found.diastolic, measuredAtMs: ms(found.measuredAt), deviceId: found.deviceId, id: found.id, doubtful: found.doubtful === true };
}

/** Heart rate and SpO₂ on one time axis (seconds) for the chart. */
export function sparkOf(sorted: readonly ObservationDto[]): AlignedSpark {
  const xs: number[] = [];
  const hr: (number | null)[] = [];
  const spo2: (number | null)[] = [];
  for (const o of sorted) {
    if (o.type !== 'heart_rate' && o.type !== 'spo2') continue;
    const x = ms(o.measuredAt) / 1000;
    const last = xs.length - 1;
    if (last >= 0 && xs[last] === x) {
      if (o.type === 'heart_rate') hr[last] = o.value;
      else spo2[last] = o.value;
      continue;
    }
    xs.push(x);
    hr.push(o.type === 'heart_rate' ? o.value : null);
    spo2.push(o.type === 'spo2' ? o.value : null);
  }
  return [xs, hr, spo2];
}

/** Heart-rate and SpO₂ readings of low signal quality, to circle on the chart (same scales as `sparkOf`). */
export function doubtfulRings(sorted: readonly ObservationDto[]): Ring[] {
  const rings: Ring[] = [];
  for (const o of sorted)
    if (o.doubtful && (o.type === 'heart_rate' || o.type === 'spo2'))
      rings.push({ x: ms(o.measuredAt) / 1000, y: o.value, scale: o.type === 'heart_rate' ? 'hr' : 'spo2' });
  return rings;
}

/** An entry of the replay's event list: a state change, or an alert raised or resolved during the call. */
export type ReplayEvent =
  | { kind: 'transition'; at: number; transition: ConsultationTransitionDto }
  | { kind: 'alert'; at: number; phase: 'raised' | 'resolved'; alert: AlertDto };

const EVENT_RANK = { transition: 0, raised: 1, resolved: 2 } as const;
const rankOf = (e: ReplayEvent) => EVENT_RANK[e.kind === 'transition' ? 'transition' : e.phase];

/**
 * The steps and the alerts on one list, oldest first: each alert at its `raisedAt`, and once more at
 * its `resolvedAt` if it was resolved before the call ended. At one instant a step comes first, then
 * raised alerts, then resolutions; otherwise the order given is kept.
 */
export function replayEvents(
  sortedTransitions: readonly ConsultationTransitionDto[],
  alerts: readonly AlertDto[],
  bounds: { toMs: number },
): ReplayEvent[] {
  const events: ReplayEvent[] = sortedTransitions.map((transition) => ({ kind: 'transition', at: ms(transition.at), transition }));
  for (const alert of alerts) {
    events.push({ kind: 'alert', at: ms(alert.raisedAt), phase: 'raised', alert });
    const resolved = ms(alert.resolvedAt);
    if (Number.isFinite(resolved) && resolved <= bounds.toMs) events.push({ kind: 'alert', at: resolved, phase: 'resolved', alert });
  }
  return events.sort((a, b) => a.at - b.at || rankOf(a) - rankOf(b));
}

/** Index of the last event at or before `t` (events oldest first), or -1 before the first. */
export function eventIndexAt(events: readonly { at: number }[], t: number): number {
  let i = -1;
  for (let k = 0; k < events.length && events[k]!.at <= t; k++) i = k;
  return i;
}

/** A vertical line on the replay's chart: an alert raised (solid) or resolved (dashed), in its severity's colour. */

export type { AlertMarker };
/** Re-exported: the replay's clock labels (the room's timer uses the same). */
export { offsetLabel };

export const alertMarkers = (events: readonly ReplayEvent[]): AlertMarker[] =>
  events.flatMap((e) => (e.kind === 'alert' ? [{ ms: e.at, severity: e.alert.severity, phase: e.phase }] : []));

/** The file name of the JSON export. */
export function exportFileName(tl: ConsultationTimelineDto): string {
  const day = (tl.consultation.startedAt ?? tl.consultation.scheduledAt).slice(0, 10);
  return `consultation-${tl.consultation.id}-${day}.json`;
}
