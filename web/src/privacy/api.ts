import { ApiError, http, unwrap } from '../api/client';
import { session } from '../api/auth';
import type { components } from '../api/schema';
import type { Numbers } from '../api/types';
import { wholeBundle, type FhirBundle } from './fhirPages';

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
  /** The whole record as one FHIR R4 Bundle: the FHIR part's `$everything`, every page of it. */
  fhir: async (patientId: number) => {
    const page = async (url: string) =>
      JSON.parse(await (await blob(await session.fetch(new Request(url, { headers: { Accept: 'application/fhir+json' } })))).text()) as FhirBundle;
    const whole = await wholeBundle(`${window.location.origin}/fhir/R4/Patient/${patientId}/$everything?_count=1000`, page);
    return new Blob([JSON.stringify(whole, null, 2)], { type: 'application/fhir+json' });
  },
  mine: (patientId: number, signal?: AbortSignal) =>
    unwrap<ErasureRequestDto[]>(http.GET('/api/v1/patients/{patientId}/erasure-requests', { params: { path: { patientId } }, signal })),
  file: (patientId: number, reason: string) =>
    unwrap<ErasureRequestDto>(http.POST('/api/v1/patients/{patientId}/erasure-requests', { params: { path: { patientId } }, body: { reason } })),
  all: (signal?: AbortSignal) => unwrap<ErasureRequestDto[]>(http.GET('/api/v1/erasure-requests', { signal })),
  decide: (id: number, approve: boolean, reason: string) =>
    unwrap<ErasureRequestDto>(http.POST('/api/v1/erasure-requests/{id}/decision', { params: { path: { id } }, body: { approve, reason } })),
};
