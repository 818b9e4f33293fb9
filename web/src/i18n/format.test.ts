import { describe, expect, test } from 'vitest';
import { ageInYears, createFormatters, decimalsFor } from './format';

const fr = createFormatters('fr-FR');
const en = createFormatters('en-GB');
const us = createFormatters('en-US');
const norm = (s: string) => s.replace(/[\u00a0\u202f]/g, ' '); // Intl uses (narrow) no-break spaces

describe('vital numbers per locale', () => {
  test('temperature keeps one decimal with the locale separator', () => {
    expect(fr.vitalNumber('temperature', 36.8)).toBe('36,8');
    expect(en.vitalNumber('temperature', 36.8)).toBe('36.8');
    expect(fr.vitalNumber('temperature', 37)).toBe('37,0');
  });
  test('with units', () => {
    expect(norm(fr.vitalWithUnit('temperature', 36.8))).toBe('36,8 °C');
    expect(norm(fr.vitalWithUnit('spo2', 97))).toBe('97 %');
    expect(en.vitalWithUnit('spo2', 97)).toBe('97%');
    expect(norm(en.vitalWithUnit('heart_rate', 71.6))).toBe('72 bpm');
  });
  test('blood pressure shows systolic/diastolic', () => {
    expect(fr.vitalNumber('blood_pressure', 121, 79)).toBe('121/79');
    expect(norm(en.vitalWithUnit('blood_pressure', 120, 80))).toBe('120/80 mmHg');
    expect(fr.vitalNumber('blood_pressure', 121, null)).toBe('121');
  });
  test('large numbers are grouped per locale', () => {
    expect(norm(fr.integer(12345))).toBe('12 345');
    expect(en.integer(12345)).toBe('12,345');
  });
});

describe('relative ages', () => {
  const now = Date.UTC(2025, 0, 1, 12, 0, 0);
  test('seconds, minutes, hours, days', () => {
    expect(en.relative(now - 12_000, now)).toMatch(/^12 sec\.? ago$/);
    expect(norm(fr.relative(now - 12_000, now))).toBe('il y a 12 s');
    expect(norm(fr.relative(now - 3 * 60_000, now))).toBe('il y a 3 min');
    expect(en.relative(now - 5 * 3600_000, now)).toMatch(/^5 hr\.? ago$/);
    expect(norm(fr.relative(now - 3 * 86400_000, now))).toBe('il y a 3 j');
  });
  test('under 2 s reads as now; slightly in the future (clock skew) too, never "in 2 s"', () => {
    expect(fr.relative(now - 1000, now)).toBe('maintenant');
    expect(en.relative(now + 2000, now)).toBe('now');
    expect(norm(fr.relative(now - 2000, now))).toBe('il y a 2 s');
  });
});

describe('clock', () => {
  const at = new Date(2025, 2, 12, 14, 5).getTime();
  test('French uses a 24-hour clock', () => {
    expect(fr.clock(at, at + 60_000)).toBe('14:05');
  });
  test('US English uses a 12-hour clock', () => {
    expect(norm(us.clock(at, at + 60_000))).toBe('2:05 PM');
  });
  test('another day shows the date', () => {
    expect(norm(fr.clock(at, at + 2 * 86400_000))).toBe('12 mars, 14:05');
  });
  test('a full date and time always has the date and year', () => {
    expect(norm(fr.dateTime(at))).toBe('12 mars 2025, 14:05');
    expect(norm(en.dateTime(at))).toBe('12 Mar 2025, 14:05');
  });
});

describe('ageInYears', () => {
  test('before and after the birthday', () => {
    expect(ageInYears('1970-06-15', new Date(Date.UTC(2025, 5, 14)))).toBe(54);
    expect(ageInYears('1970-06-15', new Date(Date.UTC(2025, 5, 15)))).toBe(55);
  });
  test('unreadable or future dates give null', () => {
    expect(ageInYears('soon', new Date())).toBeNull();
    expect(ageInYears('2999-01-01', new Date(Date.UTC(2025, 0, 1)))).toBeNull();
  });
});

describe('axis decimals', () => {
  test('enough decimals to keep ticks distinct', () => {
    expect([10, 1, 0.5, 0.2, 0.05, 0.01].map(decimalsFor)).toEqual([0, 0, 1, 1, 2, 2]);
    expect(fr.decimal(36.75, decimalsFor(0.05))).toBe('36,75');
  });
});

describe('durations (lockout waits)', () => {
  test('seconds under a minute, whole minutes rounded up after', () => {
    expect(norm(us.duration(45))).toBe('45 seconds');
    expect(norm(us.duration(900))).toBe('15 minutes');
    expect(norm(us.duration(61))).toBe('2 minutes');
    expect(norm(fr.duration(900))).toBe('15 minutes');
    expect(norm(fr.duration(1))).toBe('1 seconde');
  });
});
