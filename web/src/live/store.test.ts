import { describe, expect, test } from 'vitest';
import type { ObservationDto, PatientDto } from '../api/types';
import { LiveStore } from './store';

function manual() {
  const queue: (() => void)[] = [];
  return { schedule: (f: () => void) => void queue.push(f), run: () => queue.splice(0).forEach((f) => f()), queue };
}

let nextId = 1;
function obs(patientId: number, type: ObservationDto['type'], value: number, atMs: number, extra: Partial<ObservationDto> = {}): ObservationDto {
  const id = nextId++;
  return {
    id, patientId, deviceId: 'dev-1', type, loinc: '', value, diastolic: null, unit: '', quality: null,
    measuredAt: new Date(atMs).toISOString(), receivedAt: new Date(atMs).toISOString(), clockSource: 'device', messageId: `m${id}`, ...extra,
  };
}

const T0 = Date.UTC(2025, 0, 1, 12);

describe('LiveStore batching', () => {
  test('a burst of events gives one flush and one notification per changed patient', () => {
    const s = manual();
    const store = new LiveStore(s.schedule);
    let calls1 = 0;
    let calls2 = 0;
    store.subscribe(1, () => calls1++);
    store.subscribe(2, () => calls2++);
    for (let i = 0; i < 5000; i++) store.observation(obs(1, 'heart_rate', 60 + (i % 40), T0 + i * 10));
    expect(s.queue).toHaveLength(1); // scheduled once, not per event
    expect(calls1).toBe(0); // nothing before the frame
    s.run();
    expect(calls1).toBe(1);
    expect(calls2).toBe(0); // other patients untouched
    expect(store.stats.flushes).toBe(1);
    expect(store.getPatient(1)!.latest.heart_rate!.value).toBe(60 + (4999 % 40));
  });

  test('snapshot identity is stable until the patient changes', () => {
    const s = manual();
    const store = new LiveStore(s.schedule);
    store.observation(obs(1, 'spo2', 97, T0));
    store.observation(obs(2, 'spo2', 95, T0));
    s.run();
    const a1 = store.getPatient(1);
    const b1 = store.getPatient(2);
    store.observation(obs(1, 'spo2', 96, T0 + 1000));
    s.run();
    expect(store.getPatient(1)).not.toBe(a1);
    expect(store.getPatient(2)).toBe(b1);
  });

  test('a doubtful reading (low signal quality) is the latest value, flagged; a good one after it clears the flag', () => {
    const s = manual();
    const store = new LiveStore(s.schedule);
    store.observation(obs(1, 'spo2', 97, T0));
    store.observation(obs(1, 'spo2', 81, T0 + 1000, { quality: 30, doubtful: true }));
    s.run();
    expect(store.getPatient(1)!.latest.spo2).toMatchObject({ value: 81, doubtful: true });
    store.observation(obs(1, 'spo2', 96, T0 + 2000, { quality: 90 })); // an older server: no flag
    s.run();
    expect(store.getPatient(1)!.latest.spo2).toMatchObject({ value: 96, doubtful: false });
  });

  test('an older reading arriving late does not replace the latest value', () => {
    const s = manual();
    const store = new LiveStore(s.schedule);
    store.observation(obs(1, 'temperature', 37.2, T0 + 5000));
    store.observation(obs(1, 'temperature', 36.1, T0));
    s.run();
    expect(store.getPatient(1)!.latest.temperature!.value).toBe(37.2);
  });

  test('sparkline series stay sorted, aligned and within the window', () => {
    const s = manual();
    const store = new LiveStore(s.schedule, 120_000);
    store.observation(obs(1, 'heart_rate', 70, T0));
    store.observation(obs(1, 'spo2', 98, T0 + 500));
    store.observation(obs(1, 'heart_rate', 72, T0 + 2000));
    store.observation(obs(1, 'heart_rate', 71, T0 + 1000)); // out of order
    s.run();
    const [x, hr, spo2] = store.getPatient(1)!.spark;
    expect(x).toEqual([T0, T0 + 500, T0 + 1000, T0 + 2000].map((t) => t / 1000));
    expect(hr).toEqual([70, null, 71, 72]);
    expect(spo2).toEqual([null, 98, null, null]);
    store.observation(obs(1, 'heart_rate', 80, T0 + 200_000));
    s.run();
    expect(store.getPatient(1)!.spark[0]).toEqual([(T0 + 200_000) / 1000]);
  });

  test('device status and observations update the device, keeping its type', () => {
    const s = manual();
    const store = new LiveStore(s.schedule);
    const device = { id: 'dev-1', type: 'wearable', patientId: 1, batteryLevel: 80, signalStrength: -60, lastCalibration: null, lastSeenAt: new Date(T0).toISOString(), revokedAt: null };
    const patient: PatientDto = { id: 1, displayName: 'A', dateOfBirth: '1970-01-01', devices: [device], latest: [] };
    store.load([patient]);
    store.deviceStatus({ deviceId: 'dev-1', patientId: 1, batteryLevel: 42, signalStrength: null, lastCalibration: null, lastSeenAt: new Date(T0 + 1000).toISOString() });
    s.run();
    let d = store.getPatient(1)!.devices[0]!;
    expect(d).toMatchObject({ type: 'wearable', batteryLevel: 42, signalStrength: -60 });
    store.observation(obs(1, 'heart_rate', 70, T0 + 9000));
    s.run();
    d = store.getPatient(1)!.devices[0]!;
    expect(Date.parse(d.lastSeenAt!)).toBe(T0 + 9000);
  });

  test('a clock found off is kept on the device until the server says otherwise, and marks the readings it stamped', () => {
    const s = manual();
    const store = new LiveStore(s.schedule);
    const at = new Date(T0).toISOString();
    store.deviceStatus({ deviceId: 'dev-1', patientId: 1, batteryLevel: 80, signalStrength: null, lastCalibration: null, lastSeenAt: at, clockOffsetMilliseconds: 3012 });
    store.deviceStatus({ deviceId: 'dev-1', patientId: 1, batteryLevel: 79, signalStrength: null, lastCalibration: null, lastSeenAt: at, clockOffsetMilliseconds: null });
    store.observation(obs(1, 'heart_rate', 70, T0 + 1000, { clockSource: 'device_doubtful', clockDoubtful: true }));
    s.run();
    expect(store.getPatient(1)!.devices[0]!.clockOffsetMilliseconds).toBe(3012); // a status without an estimate keeps the last one
    expect(store.getPatient(1)!.latest.heart_rate!.clockDoubtful).toBe(true);

    store.deviceStatus({ deviceId: 'dev-1', patientId: 1, batteryLevel: null, signalStrength: null, lastCalibration: null, lastSeenAt: at, clockOffsetMilliseconds: 12 });
    store.observation(obs(1, 'heart_rate', 71, T0 + 2000));
    s.run();
    expect(store.getPatient(1)!.devices[0]!).toMatchObject({ clockOffsetMilliseconds: 12, batteryLevel: 79 });
    expect(store.getPatient(1)!.latest.heart_rate!.clockDoubtful).toBe(false);
  });
});
