import { describe, expect, test } from 'vitest';
import type { DeviceDto } from '../api/types';
import { deviceTypeKey, presenceOf, PROVISIONABLE_DEVICE_TYPES, sortDevices } from './deviceStatus';

const device = (id: string, revokedAt: string | null = null): DeviceDto => ({
  id,
  type: 'thermometer',
  patientId: 1,
  batteryLevel: null,
  signalStrength: null,
  lastCalibration: null,
  lastSeenAt: null,
  revokedAt,
});

describe('device list', () => {
  test('active devices first, revoked ones after, by id within each', () => {
    const sorted = sortDevices([device('c', '2026-01-01T00:00:00Z'), device('b'), device('a', '2026-01-02T00:00:00Z'), device('d')]);
    expect(sorted.map((d) => d.id)).toEqual(['b', 'd', 'a', 'c']);
  });

  test('every type the server provisions has its own label', () => {
    for (const type of PROVISIONABLE_DEVICE_TYPES) expect(deviceTypeKey(type)).toBe(type);
    expect(deviceTypeKey('toaster')).toBe('other');
  });

  test('presence from the last contact', () => {
    const now = Date.UTC(2026, 0, 1, 12);
    expect(presenceOf(null, now)).toEqual({ kind: 'never' });
    expect(presenceOf(new Date(now - 5_000).toISOString(), now)).toEqual({ kind: 'online' });
    expect(presenceOf(new Date(now - 120_000).toISOString(), now)).toEqual({ kind: 'offline', sinceMs: now - 120_000 });
  });
});
