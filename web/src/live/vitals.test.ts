import { describe, expect, test } from 'vitest';
import { levelOf, news2SubScore } from './vitals';

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
