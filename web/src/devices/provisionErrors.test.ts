import { describe, expect, test } from 'vitest';
import { ApiError } from '../api/client';
import { failureMessages, fieldErrors, provisionFailure, validateProvision } from './provisionErrors';

const validation = (errors: Record<string, string[]>) =>
  new ApiError(400, '400 One or more validation errors occurred.', { title: 'One or more validation errors occurred.', status: 400, errors });

describe('field errors from a validation problem', () => {
  test('errors keyed by the server field names go next to those fields', () => {
    const failure = provisionFailure(
      validation({ id: ['must be 1–64 letters, digits or . _ : -'], type: ['must be one of esp32_monitor, …'], patientId: ['patient 99 does not exist'] }),
    );
    expect(failure).toEqual({
      kind: 'invalid',
      fields: { id: ['must be 1–64 letters, digits or . _ : -'], type: ['must be one of esp32_monitor, …'], patientId: ['patient 99 does not exist'] },
      other: [],
    });
    expect(failureMessages(failure)).toEqual({ id: 'provision.error.id', type: 'provision.error.type', patientId: 'provision.error.patient' });
  });

  test('keys match case-insensitively and as JSON paths; unknown keys are kept apart', () => {
    expect(fieldErrors({ errors: { PatientId: ['a'], '$.type': ['b'], '$.patientId': ['c'], request: ['d'] } })).toEqual({
      fields: { patientId: ['a', 'c'], type: ['b'] },
      other: ['request: d'],
    });
    expect(fieldErrors(null)).toEqual({ fields: {}, other: [] });
  });

  test('a field the server did not name gets no message', () => {
    expect(failureMessages(provisionFailure(validation({ type: ['x'] })))).toEqual({ type: 'provision.error.type' });
  });
});

describe('other failures', () => {
  test('409: the id exists, shown at the id field', () => {
    const failure = provisionFailure(new ApiError(409, "409 device 'X' exists; rotate its credentials instead", { status: 409 }));
    expect(failure).toEqual({ kind: 'conflict' });
    expect(failureMessages(failure)).toEqual({ id: 'provision.error.exists' });
  });

  test('a 400 without errors, a 403 or a network failure is a general error', () => {
    expect(provisionFailure(new ApiError(400, '400 Bad Request', null))).toEqual({ kind: 'error', message: '400 Bad Request' });
    expect(provisionFailure(new ApiError(403, '403 Forbidden'))).toEqual({ kind: 'error', message: '403 Forbidden' });
    expect(provisionFailure(new TypeError('Failed to fetch'))).toEqual({ kind: 'error', message: 'Failed to fetch' });
    expect(failureMessages({ kind: 'error', message: 'x' })).toEqual({});
    expect(failureMessages(null)).toEqual({});
  });
});

describe('checks before sending', () => {
  test('patient, type and a valid id are required', () => {
    expect(validateProvision({ patientId: null, type: '', id: 'bad id' })).toEqual({
      patientId: 'provision.error.patientRequired',
      type: 'provision.error.typeRequired',
      id: 'provision.error.id',
    });
    expect(validateProvision({ patientId: 3, type: 'thermometer', id: ' FAJMA-003F9AC2FF ' })).toEqual({});
    expect(validateProvision({ patientId: 3, type: 'thermometer', id: '' })).toEqual({ id: 'provision.error.id' });
  });
});
