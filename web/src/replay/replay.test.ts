import { describe, expect, test } from 'vitest';
import { alert } from '../alerts/fixtures';
import type { ObservationDto } from '../api/types';
import {
  alertMarkers,
  chatUntil,
  doubtfulRings,
  eventIndexAt,
  exportFileName,
  offsetLabel,
  readingAt,
  replayBounds,
  replayEvents,
  sortedObservations,
  sortedTransitions,
  sparkOf,
  stateAt,
  transitionIndexAt,
} from './replay';
import type { ConsultationTimelineDto } from '../consultation/types';

const T0 = Date.parse('2025-03-12T14:00:00Z');
const iso = (s: number) => new Date(T0 + s * 1000).toISOString();

const obs = (id: number, type: ObservationDto['type'], s: number, value: number): ObservationDto =>
  ({ id, patientId: 1, deviceId: 'D1', type, value, diastolic: null, measuredAt: iso(s), receivedAt: iso(s) }) as ObservationDto;

const timeline: ConsultationTimelineDto = {
  consultation: {
    id: 7, patientId: 1, patientName: 'P', doctorId: 2, doctorName: 'D', scheduledAt: iso(-600), reason: 'r',
    state: 'completed', startedAt: iso(0), endedAt: iso(300), failureReason: null, note: 'ok', recordingConsent: 'not_asked',
  },
  transitions: [
    { from: 'iot_sync', to: 'active', trigger: 'begin', byRole: 'doctor', at: iso(40), reason: null },
    { from: 'scheduled', to: 'connecting', trigger: 'start', byRole: 'doctor', at: iso(0), reason: null },
    { from: 'connecting', to: 'iot_sync', trigger: 'accept', byRole: 'patient', at: iso(20), reason: null },
    { from: 'active', to: 'ending', trigger: 'end', byRole: 'doctor', at: iso(299), reason: null },
    { from: 'ending', to: 'completed', trigger: 'complete', byRole: 'system', at: iso(300), reason: null },
  ],
  chat: [
    { consultationId: 7, sequence: 2, clientMessageId: 'b', senderId: 1, senderRole: 'patient', senderName: 'P', text: 'hi', sentAt: iso(60) },
    { consultationId: 7, sequence: 1, clientMessageId: 'a', senderId: 2, senderRole: 'doctor', senderName: 'D', text: 'hello', sentAt: iso(50) },
  ],
  observations: [obs(3, 'heart_rate', 45, 80), obs(1, 'heart_rate', 10, 70), obs(2, 'spo2', 10, 97), obs(4, 'temperature', 100, 37.1)],
  alerts: [],
};

describe('replay', () => {
  const transitions = sortedTransitions(timeline);

  test('spans from the start to the end', () => {
    expect(replayBounds(timeline)).toEqual({ fromMs: T0, toMs: T0 + 300_000 });
  });

  test('the state at a time is where the last transition before it led', () => {
    expect(stateAt(transitions, T0 - 1)).toBe('scheduled');
    expect(stateAt(transitions, T0)).toBe('connecting');
    expect(stateAt(transitions, T0 + 30_000)).toBe('iot_sync');
    expect(stateAt(transitions, T0 + 120_000)).toBe('active');
    expect(stateAt(transitions, T0 + 300_000)).toBe('completed');
    expect(transitionIndexAt(transitions, T0 + 30_000)).toBe(1);
  });

  test('chat follows the slider, in sequence order', () => {
    expect(chatUntil(timeline.chat, T0 + 49_000)).toEqual([]);
    expect(chatUntil(timeline.chat, T0 + 55_000).map((m) => m.text)).toEqual(['hello']);
    expect(chatUntil(timeline.chat, T0 + 300_000).map((m) => m.sequence)).toEqual([1, 2]);
  });

  test('vital signs: the newest reading at the slider', () => {
    const sorted = sortedObservations(timeline.observations);
    expect(readingAt(sorted, 'heart_rate', T0 + 5_000)).toBeUndefined();
    expect(readingAt(sorted, 'heart_rate', T0 + 30_000)?.value).toBe(70);
    expect(readingAt(sorted, 'heart_rate', T0 + 50_000)?.value).toBe(80);
    expect(readingAt(sorted, 'temperature', T0 + 300_000)?.value).toBe(37.1);
  });

  test('the chart puts heart rate and SpO₂ on one axis, same instant shared', () => {
    const [x, hr, spo2] = sparkOf(sortedObservations(timeline.observations));
    expect(x).toEqual([(T0 + 10_000) / 1000, (T0 + 45_000) / 1000]);
    expect(hr).toEqual([70, 80]);
    expect(spo2).toEqual([97, null]);
  });

  test('labels and file name', () => {
    expect(offsetLabel(0)).toBe('00:00');
    expect(offsetLabel(65_400)).toBe('01:05');
    expect(offsetLabel(3_723_000)).toBe('1:02:03');
    expect(exportFileName(timeline)).toBe('consultation-7-2025-03-12.json');
  });

  test('an empty timeline still has a span', () => {
    const empty = { ...timeline, transitions: [], chat: [], consultation: { ...timeline.consultation, startedAt: null, endedAt: null } };
    const b = replayBounds(empty);
    expect(b.toMs).toBeGreaterThan(b.fromMs);
  });

  test('alerts join the steps: raised at raisedAt, resolved at resolvedAt only within the call', () => {
    const bounds = replayBounds(timeline);
    const a1 = alert({ id: 'a1', raisedAt: iso(40), severity: 'critical', status: 'resolved', resolvedAt: iso(120), resolvedByName: 'Dr Sarr' });
    const a2 = alert({ id: 'a2', raisedAt: iso(200), severity: 'warning' }); // still open at the end
    const a3 = alert({ id: 'a3', raisedAt: iso(250), severity: 'major', status: 'resolved', resolvedAt: iso(900) }); // resolved after the call
    const events = replayEvents(transitions, [a1, a2, a3], bounds);
    expect(events.map((e) => (e.kind === 'transition' ? e.transition.trigger : `${e.alert.id}:${e.phase}`))).toEqual([
      'start',
      'accept',
      'begin', // a step and an alert at the same instant: the step first
      'a1:raised',
      'a1:resolved',
      'a2:raised',
      'a3:raised',
      'end',
      'complete',
    ]);
    expect(events.map((e) => e.at)).toEqual([0, 20, 40, 40, 120, 200, 250, 299, 300].map((s) => T0 + s * 1000));
    expect(eventIndexAt(events, T0 - 1)).toBe(-1);
    expect(eventIndexAt(events, T0 + 40_000)).toBe(3);
    expect(eventIndexAt(events, T0 + 130_000)).toBe(4);
    expect(alertMarkers(events)).toEqual([
      { ms: T0 + 40_000, severity: 'critical', phase: 'raised' },
      { ms: T0 + 120_000, severity: 'critical', phase: 'resolved' },
      { ms: T0 + 200_000, severity: 'warning', phase: 'raised' },
      { ms: T0 + 250_000, severity: 'major', phase: 'raised' },
    ]);
    expect(replayEvents(transitions, [], bounds).every((e) => e.kind === 'transition')).toBe(true);
  });

  test('doubtful readings: marked at the slider, circled on the chart (heart rate and SpO₂ only)', () => {
    const sorted = sortedObservations([
      ...timeline.observations,
      { ...obs(5, 'heart_rate', 60, 150), doubtful: true },
      { ...obs(6, 'spo2', 60, 80), doubtful: true },
      { ...obs(7, 'temperature', 60, 41), doubtful: true },
    ]);
    expect(readingAt(sorted, 'heart_rate', T0 + 50_000)?.doubtful).toBe(false);
    expect(readingAt(sorted, 'heart_rate', T0 + 60_000)).toMatchObject({ value: 150, doubtful: true });
    const x = (T0 + 60_000) / 1000;
    expect(doubtfulRings(sorted)).toEqual([
      { x, y: 150, scale: 'hr' },
      { x, y: 80, scale: 'spo2' },
    ]);
  });
});
