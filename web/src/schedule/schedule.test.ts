import { describe, expect, test } from 'vitest';
import { defaultSlot, fromLocalInput, toLocalInput, validateSchedule } from './schedule';

describe('schedule form', () => {
  test('datetime-local round trip', () => {
    const d = new Date(2025, 2, 12, 9, 5);
    expect(toLocalInput(d)).toBe('2025-03-12T09:05');
    expect(fromLocalInput('2025-03-12T09:05')?.getTime()).toBe(d.getTime());
    expect(fromLocalInput('')).toBeNull();
    expect(fromLocalInput('tomorrow')).toBeNull();
  });

  test('the default slot is a quarter hour at least 10 minutes ahead', () => {
    const s = defaultSlot(new Date(2025, 2, 12, 9, 2, 30));
    expect(toLocalInput(s)).toBe('2025-03-12T09:15');
    expect(toLocalInput(defaultSlot(new Date(2025, 2, 12, 9, 50)))).toBe('2025-03-12T10:00');
  });

  test('errors by field', () => {
    const now = new Date(2025, 2, 12, 9, 0).getTime();
    expect(validateSchedule({ patientId: '', when: '', reason: ' ' }, now)).toEqual({ patient: 'patientRequired', when: 'timeRequired', reason: 'reasonRequired' });
    expect(validateSchedule({ patientId: '3', when: '2025-03-12T08:00', reason: 'x' }, now)).toEqual({ when: 'timePast' });
    expect(validateSchedule({ patientId: '3', when: '2025-03-12T08:58', reason: 'x' }, now)).toEqual({});
    expect(validateSchedule({ patientId: '3', when: '2025-03-12T10:00', reason: 'x'.repeat(501) }, now)).toEqual({ reason: 'reasonLong' });
  });
});
