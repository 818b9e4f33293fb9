import { describe, expect, test } from 'vitest';
import { type DeviceCommandDto, isFinal, mergeAll, mergeCommand, toneOf } from './commands';

const command = (id: string, status: DeviceCommandDto['status'], createdAt: string): DeviceCommandDto => ({
  id,
  deviceId: 'ESP32-1',
  patientId: 1,
  action: 'read_now',
  parameters: { intervalMs: null, sensor: null, reference: null },
  status,
  detail: null,
  createdAt,
  updatedAt: null,
  expiresAt: createdAt,
  requestedBy: 2,
});

describe('mergeCommand', () => {
  test('a new command goes first, the list keeps the newest', () => {
    const list = [command('b', 'queued', '2026-12-02T10:00:02Z'), command('a', 'successful', '2026-12-02T10:00:01Z')];
    const merged = mergeCommand(list, command('c', 'queued', '2026-12-02T10:00:03Z'), 2);
    expect(merged.map((c) => c.id)).toEqual(['c', 'b']);
  });
  test('a status moves forward', () => {
    const merged = mergeCommand([command('a', 'sent', '2026-12-02T10:00:01Z')], command('a', 'successful', '2026-12-02T10:00:01Z'));
    expect(merged.map((c) => c.status)).toEqual(['successful']);
  });
  test('a late event never moves a command back', () => {
    const done = [command('a', 'successful', '2026-12-02T10:00:01Z')];
    expect(mergeCommand(done, command('a', 'delivered', '2026-12-02T10:00:01Z'))[0]?.status).toBe('successful');
    const delivered = [command('a', 'delivered', '2026-12-02T10:00:01Z')];
    expect(mergeCommand(delivered, command('a', 'queued', '2026-12-02T10:00:01Z'))[0]?.status).toBe('delivered');
  });
  test('a fetched list merges with what the hub told', () => {
    const live = [command('a', 'successful', '2026-12-02T10:00:01Z')];
    const fetched = [command('a', 'sent', '2026-12-02T10:00:01Z'), command('z', 'expired', '2026-12-02T09:00:00Z')];
    expect(mergeAll(live, fetched).map((c) => `${c.id}:${c.status}`)).toEqual(['a:successful', 'z:expired']);
  });
});

describe('status', () => {
  test('final statuses and tones', () => {
    expect(isFinal('delivered')).toBe(false);
    expect(isFinal('timeout')).toBe(true);
    expect(toneOf('successful')).toBe('ok');
    expect(toneOf('failed')).toBe('error');
    expect(toneOf('expired')).toBe('muted');
    expect(toneOf('queued')).toBe('pending');
  });
});
