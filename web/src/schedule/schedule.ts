// The schedule form's rules, apart from React so that they can be tested.

/** A Date as the value of an `<input type="datetime-local">` (local time, minutes). */
export function toLocalInput(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** An `<input type="datetime-local">` value as a Date (local time), or null when empty or unreadable. */
export function fromLocalInput(value: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value.trim());
  if (!m) return null;
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0));
  return Number.isNaN(d.getTime()) ? null : d;
}

/** A sensible default: the next quarter hour at least 10 minutes from now. */
export function defaultSlot(now: Date): Date {
  const d = new Date(now.getTime() + 10 * 60_000);
  d.setSeconds(0, 0);
  const m = d.getMinutes();
  d.setMinutes(Math.ceil(m / 15) * 15);
  return d;
}

export const REASON_MAX = 500;
/** A time a few minutes past is still accepted (the form was filled in slowly). */
export const PAST_TOLERANCE_MS = 5 * 60_000;

export type ScheduleError = 'patientRequired' | 'timeRequired' | 'timePast' | 'reasonRequired' | 'reasonLong';

export interface ScheduleInput {
  patientId: string;
  when: string;
  reason: string;
}

/** Field errors of the schedule form, by field; empty when it may be sent. */
export function validateSchedule(input: ScheduleInput, nowMs: number): Partial<Record<'patient' | 'when' | 'reason', ScheduleError>> {
  const errors: Partial<Record<'patient' | 'when' | 'reason', ScheduleError>> = {};
  if (!input.patientId) errors.patient = 'patientRequired';
  const when = fromLocalInput(input.when);
  if (!when) errors.when = 'timeRequired';
  else if (when.getTime() < nowMs - PAST_TOLERANCE_MS) errors.when = 'timePast';
  const reason = input.reason.trim();
  if (!reason) errors.reason = 'reasonRequired';
  else if (reason.length > REASON_MAX) errors.reason = 'reasonLong';
  return errors;
}
