import { describe, expect, test } from 'vitest';
import { isValidDeviceId, newDeviceId } from './deviceId';

describe('device ids', () => {
  test('a new id is FAJMA- and ten upper-case hex digits', () => {
    expect(newDeviceId(() => new Uint8Array([0x00, 0x3f, 0x9a, 0xc2, 0xff]))).toBe('FAJMA-003F9AC2FF');
    for (let i = 0; i < 20; i++) expect(newDeviceId()).toMatch(/^FAJMA-[0-9A-F]{10}$/);
  });

  test('generated ids are valid and differ', () => {
    const ids = new Set(Array.from({ length: 50 }, () => newDeviceId()));
    expect(ids.size).toBe(50);
    for (const id of ids) expect(isValidDeviceId(id)).toBe(true);
  });

  test('the server rule: 1–64 letters, digits or . _ : -', () => {
    expect(isValidDeviceId('FAJMA-IOT-001')).toBe(true);
    expect(isValidDeviceId('24:6F:28:00:00:01')).toBe(true);
    expect(isValidDeviceId('a.b_c')).toBe(true);
    expect(isValidDeviceId('x'.repeat(64))).toBe(true);
    expect(isValidDeviceId('x'.repeat(65))).toBe(false);
    expect(isValidDeviceId('')).toBe(false);
    expect(isValidDeviceId('has space')).toBe(false);
    expect(isValidDeviceId('fajma/sensors/+')).toBe(false);
    expect(isValidDeviceId('é')).toBe(false);
  });
});
