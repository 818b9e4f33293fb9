import type { ObservationDto, VitalType } from '../api/types';
import type { AlignedSpark } from '../monitoring/series';
import type { VitalReading } from '../monitoring/store';
import type { ChatMessageDto, ConsultationState, ConsultationTimelineDto, ConsultationTransitionDto } from './types';

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
  return { value: found.value, diastolic: found.diastolic, measuredAtMs: ms(found.measuredAt), deviceId: found.deviceId, id: found.id };
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

/** "mm:ss" (or "h:mm:ss") from the start. */
export function offsetLabel(offsetMs: number): string {
  const s = Math.max(0, Math.floor(offsetMs / 1000));
  const h = Math.floor(s / 3600);
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

/** The file name of the JSON export. */
export function exportFileName(tl: ConsultationTimelineDto): string {
  const day = (tl.consultation.startedAt ?? tl.consultation.scheduledAt).slice(0, 10);
  return `consultation-${tl.consultation.id}-${day}.json`;
}
