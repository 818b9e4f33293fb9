import { ApiError, http, unwrap } from '../api/client';
import { session } from '../api/auth';
import type { components } from '../api/schema';
import type { Numbers } from '../api/types';

export type ErasureRequestDto = Omit<Numbers<components['schemas']['ErasureRequestDto']>, 'status'> & { status: 'pending' | 'approved' | 'refused' };

async function blob(response: Response): Promise<Blob> {
  if (!response.ok) throw new ApiError(response.status, `${response.status} ${response.statusText}`);
  return response.blob();
}

/** The patient's record (readable page, FHIR Bundle) and erasure requests (docs/gdpr.md). */
export const privacyApi = {
  /** The readable, printable record in the reader's language. */
  record: async (patientId: number, lang: string) => {
    const { data, response } = await http.GET('/api/v1/patients/{patientId}/record', {
      params: { path: { patientId }, query: { lang } },
      parseAs: 'blob',
    } as never);
    if (!response.ok) throw new ApiError(response.status, `${response.status} ${response.statusText}`);
    return data as unknown as Blob;
  },
  /** The whole record as a FHIR R4 Bundle (the FHIR part's `$everything`). */
  fhir: (patientId: number) =>
    session
      .fetch(new Request(`${window.location.origin}/fhir/R4/Patient/${patientId}/$everything`, { headers: { Accept: 'application/fhir+json' } }))
      .then(blob),
  mine: (patientId: number, signal?: AbortSignal) =>
    unwrap<ErasureRequestDto[]>(http.GET('/api/v1/patients/{patientId}/erasure-requests', { params: { path: { patientId } }, signal })),
  file: (patientId: number, reason: string) =>
    unwrap<ErasureRequestDto>(http.POST('/api/v1/patients/{patientId}/erasure-requests', { params: { path: { patientId } }, body: { reason } })),
  all: (signal?: AbortSignal) => unwrap<ErasureRequestDto[]>(http.GET('/api/v1/erasure-requests', { signal })),
  decide: (id: number, approve: boolean, reason: string) =>
    unwrap<ErasureRequestDto>(http.POST('/api/v1/erasure-requests/{id}/decision', { params: { path: { id } }, body: { approve, reason } })),
};
