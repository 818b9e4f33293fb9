import { describe, expect, test } from 'vitest';
import type { ObservationDto } from '../api/types';
import { chatUntil, exportFileName, offsetLabel, readingAt, replayBounds, sortedObservations, sortedTransitions, sparkOf, stateAt, transitionIndexAt } from './replay';
import type { ConsultationTimelineDto } from './types';

const T0 = Date.parse('2025-03-12T14:00:00Z');
const iso = (s: number) => new Date(T0 + s * 1000).toISOString();

const obs = (id: number, type: ObservationDto['type'], s: number, value: number): ObservationDto =>
  ({ id, patientId: 1, deviceId: 'D1', type, value, diastolic: null, measuredAt: iso(s), receivedAt: iso(s) }) as ObservationDto;

const timeline: ConsultationTimelineDto = {
  consultation: {
    id: 7, patientId: 1, patientName: 'P', doctorId: 2, doctorName: 'D', scheduledAt: iso(-600), reason: 'r',
    state: 'completed', startedAt: iso(0), endedAt: iso(300), failureReason: null, note: 'ok',
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
});
