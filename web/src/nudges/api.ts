import { http, unwrap } from '../api/client';
import type { components } from '../api/schema';
import type { Numbers } from '../api/types';

export const NUDGE_KINDS = ['missing_measurement', 'low_battery', 'sensor_off_skin'] as const;
export type NudgeKind = (typeof NUDGE_KINDS)[number];
/** A nudge to the patient (`GET /api/v1/patients/{id}/nudges`): open until `clearedAt`; `escalatedAt` when the care team was told. */
export type NudgeDto = Omit<Numbers<components['schemas']['NudgeDto']>, 'kind'> & { kind: NudgeKind };

export const nudgesApi = {
  list: (patientId: number, open: boolean, signal?: AbortSignal) =>
    unwrap<NudgeDto[]>(http.GET('/api/v1/patients/{patientId}/nudges', { params: { path: { patientId }, query: { open } }, signal })),
  dismiss: (patientId: number, nudgeId: string) =>
    unwrap<NudgeDto>(http.POST('/api/v1/patients/{patientId}/nudges/{nudgeId}/dismiss', { params: { path: { patientId, nudgeId } } })),
};
