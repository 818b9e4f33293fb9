import { describe, expect, test } from 'vitest';
import { batteryLevel, presenceOf } from '../devices/deviceStatus';

// The board's device badge: presence and battery as the card shows them.
describe('device presence', () => {
  const now = Date.UTC(2025, 0, 1, 12);
  test('online within 30 s, offline after', () => {
    expect(presenceOf(new Date(now - 29_000).toISOString(), now).kind).toBe('online');
    expect(presenceOf(new Date(now - 30_000).toISOString(), now)).toEqual({ kind: 'offline', sinceMs: now - 30_000 });
    expect(presenceOf(null, now).kind).toBe('never');
  });
  test('battery', () => {
    expect(batteryLevel(null)).toBe('unknown');
    expect(batteryLevel(8)).toBe('critical');
    expect(batteryLevel(20)).toBe('low');
    expect(batteryLevel(21)).toBe('ok');
  });
});
