import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { BleBluetooth, BleCharacteristic, BleDevice } from './bluetooth';
import { MemoryOutboxStore, Outbox } from './outbox';
import { RelaySession } from './relay';
import { importDeviceSecret, type StandardMessage } from './signing';

/** A strap as Web Bluetooth shows it: notify() fires characteristicvaluechanged with the value's bytes. */
function fakeStrap() {
  const characteristic = Object.assign(new EventTarget(), {
    value: null as DataView | null,
    startNotifications: vi.fn(async () => characteristic),
    stopNotifications: vi.fn(async () => characteristic),
  }) as BleCharacteristic & { value: DataView | null };
  const device = Object.assign(new EventTarget(), {
    id: 'strap-1',
    name: 'HRM Pro',
    gatt: {
      connected: false,
      connect: vi.fn(async () => device.gatt),
      disconnect: vi.fn(),
      getPrimaryService: vi.fn(async () => ({ getCharacteristic: vi.fn(async () => characteristic) })),
    },
  }) as unknown as BleDevice;
  const bluetooth: BleBluetooth = { requestDevice: vi.fn(async () => device) };
  const notify = (...bytes: number[]) => {
    characteristic.value = new DataView(Uint8Array.from(bytes).buffer);
    characteristic.dispatchEvent(new Event('characteristicvaluechanged'));
  };
  return { bluetooth, device, notify };
}

describe('relay session', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] }));
  afterEach(() => vi.useRealTimers());

  async function setup() {
    const strap = fakeStrap();
    const sent: StandardMessage[][] = [];
    const outbox = new Outbox(new MemoryOutboxStore(), async (m) => {
      sent.push(m);
      return { kind: 'ok', stored: m.length, duplicate: 0, rejected: 0 };
    });
    const key = await importDeviceSecret(new Uint8Array(32));
    let n = 0;
    const session = new RelaySession({ deviceId: 'ble-hr-1', patientId: 1, key }, outbox, strap.bluetooth, Date.now, () => `m-${++n}`);
    return { strap, sent, outbox, session };
  }

  test('asks for a heart_rate strap, subscribes, and relays 10 readings as one signed batch', async () => {
    const { strap, sent, outbox, session } = await setup();
    await session.connect();
    expect(strap.bluetooth.requestDevice).toHaveBeenCalledWith({ filters: [{ services: ['heart_rate'] }] });
    expect(session.current).toMatchObject({ ble: 'connected', strapName: 'HRM Pro' });

    for (let i = 0; i < 10; i++) strap.notify(0x16, 70 + i, 0x00, 0x04); // contact detected, RR 1 s
    await session.settled();
    await outbox.idle();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.map((m) => m.payload.measurements[0]!.value)).toEqual([70, 71, 72, 73, 74, 75, 76, 77, 78, 79]);
    expect(sent[0]![0]!.header).toMatchObject({ device_id: 'ble-hr-1', patient_id: 1, message_id: 'm-1', source: 'ble:HRM Pro' });
    expect(sent[0]![0]!.signature).toMatch(/^hmac-sha256:[A-Za-z0-9_-]{43}$/);
    expect(session.current).toMatchObject({ lastHeartRate: 79, lastContact: 'detected', received: 10 });
    expect(session.current.outbox.sentReadings).toBe(10);
  });

  test('fewer readings go after 5 s; no contact, zero and malformed values are not sent', async () => {
    const { strap, sent, outbox, session } = await setup();
    await session.connect();
    strap.notify(0x01, 0x48, 0x00); // 72, uint16
    strap.notify(0x04, 0x00); // contact supported, not detected, 0
    strap.notify(0x00, 0x00); // 0 without contact sensing
    strap.notify(0x01, 0x48); // cut short
    expect(session.current).toMatchObject({ received: 4, malformed: 1, skipped: 2, lastHeartRate: 72 });
    await vi.advanceTimersByTimeAsync(5000);
    await session.settled();
    await outbox.idle();
    expect(sent.map((b) => b.map((m) => m.payload.measurements[0]!.value))).toEqual([[72]]);
  });

  test('a strap that drops flushes what it had and says so', async () => {
    const { strap, sent, outbox, session } = await setup();
    await session.connect();
    strap.notify(0x00, 80);
    strap.device.dispatchEvent(new Event('gattserverdisconnected'));
    await session.settled();
    await outbox.idle();
    expect(session.current.ble).toBe('disconnected');
    expect(sent).toHaveLength(1);
  });

  test('closing the chooser is not an error; without Web Bluetooth the session says unsupported', async () => {
    const { strap, session } = await setup();
    vi.mocked(strap.bluetooth.requestDevice).mockRejectedValueOnce(Object.assign(new Error('User cancelled'), { name: 'NotFoundError' }));
    await session.connect();
    expect(session.current).toMatchObject({ ble: 'idle', error: null });

    const none = new RelaySession({ deviceId: 'x', patientId: null, key: await importDeviceSecret(new Uint8Array(32)) }, new Outbox(new MemoryOutboxStore(), async () => ({ kind: 'network' })), null);
    expect(none.current.ble).toBe('unsupported');
  });
});
