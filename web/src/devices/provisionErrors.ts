import { ApiError } from '../api/client';
import type { Problem } from '../api/types';
import type { MessageKey } from '../i18n/en';
import { isValidDeviceId } from './deviceId';

/** The fields of `POST /api/v1/devices`, as the server names them in a validation problem's `errors`. */
export const PROVISION_FIELDS = ['patientId', 'type', 'id'] as const;
export type ProvisionField = (typeof PROVISION_FIELDS)[number];

export type FieldMessages = Partial<Record<ProvisionField, MessageKey>>;

/** Why a provisioning request failed, as the form shows it. */
export type ProvisionFailure =
  /** 400 with `errors`: the fields it names, and whatever it said about other keys. */
  | { kind: 'invalid'; fields: Partial<Record<ProvisionField, string[]>>; other: string[] }
  /** 409: a device with this id exists. */
  | { kind: 'conflict' }
  | { kind: 'error'; message: string };

/** Maps a problem's `errors` keys to the form's fields: case-insensitive, `$.patientId` (a JSON binding error) too. */
export function fieldErrors(problem: Problem | null): { fields: Partial<Record<ProvisionField, string[]>>; other: string[] } {
  const fields: Partial<Record<ProvisionField, string[]>> = {};
  const other: string[] = [];
  for (const [key, messages] of Object.entries(problem?.errors ?? {})) {
    const name = key.replace(/^\$\.?/, '').toLowerCase();
    const field = PROVISION_FIELDS.find((f) => f.toLowerCase() === name);
    const list = Array.isArray(messages) ? messages.map(String) : [String(messages)];
    if (field) fields[field] = [...(fields[field] ?? []), ...list];
    else other.push(...list.map((m) => (key ? `${key}: ${m}` : m)));
  }
  return { fields, other };
}

export function provisionFailure(error: unknown): ProvisionFailure {
  if (error instanceof ApiError) {
    if (error.status === 409) return { kind: 'conflict' };
    if (error.status === 400 && error.problem?.errors && Object.keys(error.problem.errors).length > 0)
      return { kind: 'invalid', ...fieldErrors(error.problem) };
    return { kind: 'error', message: error.message };
  }
  return { kind: 'error', message: error instanceof Error ? error.message : String(error) };
}

/** What to show next to each field for a failure (the server's English text is replaced by the app's own words). */
export function failureMessages(failure: ProvisionFailure | null): FieldMessages {
  if (!failure) return {};
  if (failure.kind === 'conflict') return { id: 'provision.error.exists' };
  if (failure.kind !== 'invalid') return {};
  const out: FieldMessages = {};
  if (failure.fields.patientId) out.patientId = 'provision.error.patient';
  if (failure.fields.type) out.type = 'provision.error.type';
  if (failure.fields.id) out.id = 'provision.error.id';
  return out;
}

/** What the form checks before sending: a patient and a type chosen, an id the server will accept. */
export function validateProvision(form: { patientId: number | null; type: string; id: string }): FieldMessages {
  const out: FieldMessages = {};
  if (form.patientId == null) out.patientId = 'provision.error.patientRequired';
  if (!form.type) out.type = 'provision.error.typeRequired';
  if (!isValidDeviceId(form.id.trim())) out.id = 'provision.error.id';
  return out;
}
