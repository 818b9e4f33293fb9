import { describe, expect, test } from 'vitest';
import { levelOf, news2SubScore } from './vitals';
import { presenceOf, batteryLevel } from '../devices/deviceStatus';
import { retryDelay } from './connection';

describe('NEWS2 sub-scores at the band edges', () => {
  test.each([
    ['heart_rate', 40, 3], ['heart_rate', 41, 1], ['heart_rate', 51, 0], ['heart_rate', 90, 0], ['heart_rate', 91, 1], ['heart_rate', 111, 2], ['heart_rate', 131, 3],
    ['spo2', 96, 0], ['spo2', 95, 1], ['spo2', 93, 2], ['spo2', 91, 3],
    ['temperature', 35.0, 3], ['temperature', 35.5, 1], ['temperature', 36.8, 0], ['temperature', 38.5, 1], ['temperature', 39.5, 2],
    ['blood_pressure', 90, 3], ['blood_pressure', 100, 2], ['blood_pressure', 110, 1], ['blood_pressure', 120, 0], ['blood_pressure', 220, 3],
    ['respiratory_rate', 8, 3], ['respiratory_rate', 10, 1], ['respiratory_rate', 16, 0], ['respiratory_rate', 22, 2], ['respiratory_rate', 25, 3],
  ] as const)('%s %d → %d', (type, value, score) => {
    expect(news2SubScore(type, value)).toBe(score);
  });
  test('levels', () => {
    expect(levelOf('heart_rate', 72)).toBe('normal');
    expect(levelOf('heart_rate', 115)).toBe('watch');
    expect(levelOf('spo2', 88)).toBe('alert');
  });
});

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

test('hub reconnect never gives up and backs off to 10 s', () => {
  expect([0, 1, 2, 3, 4, 50].map(retryDelay)).toEqual([0, 1000, 2000, 5000, 10_000, 10_000]);
});
