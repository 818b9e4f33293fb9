import { describe, expect, test } from 'vitest';
import { hasLimits, limitsKind, limitText, mergeLimits, parseLimit, readLimits, refusalErrors } from './thresholds';
import type { AlertThresholdDto } from './types';

const dto = (type: string, low: number | null, high: number | null, setAt = '2026-03-01T10:00:00Z'): AlertThresholdDto => ({ patientId: 3, type, low, high, setBy: 2, setAt });

describe('alert limit fields', () => {
  test('empty is no limit; a dot or a comma for decimals; spaces ignored', () => {
    expect(parseLimit('')).toBeNull();
    expect(parseLimit('   ')).toBeNull();
    expect(parseLimit('45')).toBe(45);
    expect(parseLimit(' 110 ')).toBe(110);
    expect(parseLimit('37,5')).toBe(37.5);
    expect(parseLimit('37.5')).toBe(37.5);
    expect(parseLimit('1 000')).toBe(1000);
    expect(parseLimit('-3')).toBe(-3);
  });

  test('anything else is not a number', () => {
    for (const s of ['abc', '4a', '1e3', '12..3', '1,2,3', '.', 'Infinity', '0x10']) expect(parseLimit(s), s).toBe('invalid');
  });

  test('a row is read only when both fields are numbers or empty; an inverted pair is the server’s to refuse', () => {
    expect(readLimits('45', '110')).toEqual({ ok: true, low: 45, high: 110 });
    expect(readLimits('', '110')).toEqual({ ok: true, low: null, high: 110 });
    expect(readLimits('110', '45')).toEqual({ ok: true, low: 110, high: 45 });
    expect(readLimits('x', 'y')).toEqual({ ok: false, field: 'low' });
    expect(readLimits('45', 'y')).toEqual({ ok: false, field: 'high' });
  });

  test('a stored limit goes back into its field as typed', () => {
    expect(limitText(null)).toBe('');
    expect(limitText(undefined)).toBe('');
    expect(limitText(37.5)).toBe('37.5');
  });
});

describe('the server’s refusals', () => {
  test('are placed by the field they name', () => {
    expect(refusalErrors('high: must be above the low limit')).toEqual({ high: 'must be above the low limit' });
    expect(refusalErrors('low: give a low limit, a high limit, or both')).toEqual({ low: 'give a low limit, a high limit, or both' });
    expect(refusalErrors('type: must be one of heart_rate, spo2')).toEqual({ type: 'must be one of heart_rate, spo2' });
  });

  test('several, joined by "; ", each go to their field', () => {
    expect(refusalErrors('low: 500 bpm is outside [20, 300] bpm; high: must be above the low limit')).toEqual({
      low: '500 bpm is outside [20, 300] bpm',
      high: 'must be above the low limit',
    });
    expect(refusalErrors('low: 1 is outside; low: 2 is outside')).toEqual({ low: '1 is outside; 2 is outside' });
  });

  test('a message naming no field belongs to the row', () => {
    expect(refusalErrors("only the doctor may set the patient's alert limits")).toEqual({ row: "only the doctor may set the patient's alert limits" });
    expect(refusalErrors('the highest value: 3')).toEqual({ row: 'the highest value: 3' });
  });
});

describe('limits per vital sign', () => {
  test('the newest per sign wins; unknown signs are ignored', () => {
    const a = dto('heart_rate', 45, 110, '2026-03-01T10:00:00Z');
    const b = dto('heart_rate', 50, 100, '2026-03-01T10:05:00Z');
    const s = dto('spo2', 92, null);
    expect(mergeLimits({}, [b, a, s, dto('glucose', 1, 2)])).toEqual({ heart_rate: b, spo2: s });
    expect(mergeLimits({ heart_rate: b }, [a]).heart_rate).toBe(b);
  });

  test('how they read', () => {
    expect(limitsKind(undefined)).toBe('none');
    expect(limitsKind(dto('spo2', null, null))).toBe('none');
    expect(limitsKind(dto('heart_rate', 45, 110))).toBe('between');
    expect(limitsKind(dto('spo2', 92, null))).toBe('atLeast');
    expect(limitsKind(dto('temperature', null, 38.5))).toBe('atMost');
    expect(hasLimits(dto('spo2', null, null))).toBe(false);
    expect(hasLimits(dto('spo2', 92, null))).toBe(true);
  });
});
