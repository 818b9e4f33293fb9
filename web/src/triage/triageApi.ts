import { http, unwrap } from '../api/client';
import type { components } from '../api/schema';
import type { Numbers } from '../api/types';

type Schemas = components['schemas'];

export type PatientReviewDto = Numbers<Schemas['PatientReviewDto']>;
export type TriageRowDto = Omit<Numbers<Schemas['TriageRowDto']>, 'coverageHours' | 'lastReview'> & {
  coverageHours: number[];
  lastReview: PatientReviewDto | null;
};
export type TriageBoardDto = Omit<Numbers<Schemas['TriageBoardDto']>, 'patients'> & { patients: TriageRowDto[] };

/** `/api/v1/triage`: the doctor's patients in board order, and "mark reviewed". */
export const triageApi = {
  board: (signal?: AbortSignal) => unwrap<TriageBoardDto>(http.GET('/api/v1/triage', { signal })),
  markReviewed: (patientId: number, note?: string) =>
    unwrap<PatientReviewDto>(http.POST('/api/v1/triage/{patientId}/reviewed', { params: { path: { patientId } }, body: { note: note ?? null } })),
};
