import createClient from 'openapi-fetch';
import { session } from './auth';
import type { paths } from './schema';
import type {
  DeviceBundleDto,
  DeviceDto,
  ObservationDto,
  ObservationPage,
  PatientDto,
  Problem,
  ProvisionDeviceRequest,
  ServerTime,
  VitalType,
} from './types';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** The problem-details body, when the server sent one (validation `errors` included). */
    readonly problem: Problem | null = null,
  ) {
    super(message);
  }
}

/**
 * Typed client generated from the server's OpenAPI document. Requests go through the session:
 * bearer token, and on a 401 one shared refresh and one retry.
 */
export const http = createClient<paths>({
  baseUrl: typeof window === 'undefined' ? '' : window.location.origin,
  fetch: session.fetch,
});

type Call = Promise<{ data?: unknown; error?: unknown; response: Response }>;

function failure(response: Response, error: unknown): ApiError {
  const problem = error !== null && typeof error === 'object' ? (error as Problem) : null;
  return new ApiError(response.status, `${response.status} ${problem?.detail ?? problem?.title ?? response.statusText}`, problem);
}

/** Unwraps an openapi-fetch result: data, or an ApiError carrying the problem details. */
export async function unwrap<T>(call: Call): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok || data === undefined) throw failure(response, error);
  return data as T;
}

/** For answers without a body (204). */
export async function unwrapEmpty(call: Call): Promise<void> {
  const { error, response } = await call;
  if (!response.ok) throw failure(response, error);
}

export const api = {
  patients: (signal?: AbortSignal) => unwrap<PatientDto[]>(http.GET('/api/v1/patients', { signal })),
  devices: (signal?: AbortSignal) => unwrap<DeviceDto[]>(http.GET('/api/v1/devices', { signal })),
  provisionDevice: (body: ProvisionDeviceRequest) => unwrap<DeviceBundleDto>(http.POST('/api/v1/devices', { body })),
  rotateDevice: (id: string) => unwrap<DeviceBundleDto>(http.POST('/api/v1/devices/{id}/rotate', { params: { path: { id } } })),
  revokeDevice: (id: string) => unwrapEmpty(http.POST('/api/v1/devices/{id}/revoke', { params: { path: { id } } })),
  time: (signal?: AbortSignal) => unwrap<ServerTime>(http.GET('/api/v1/time', { signal })),
  observations: (
    patientId: number,
    query: { type?: VitalType; from?: string; to?: string; limit?: number; cursor?: string },
    signal?: AbortSignal,
  ) =>
    unwrap<ObservationPage>(
      http.GET('/api/v1/patients/{patientId}/observations', { params: { path: { patientId }, query }, signal }),
    ),
};

/** Pages through a patient's history (newest first) until `maxItems` or the end; returns oldest first. */
export async function loadHistory(
  patientId: number,
  type: VitalType,
  from: Date,
  to: Date,
  maxItems = 5000,
  signal?: AbortSignal,
): Promise<ObservationDto[]> {
  const all: ObservationDto[] = [];
  let cursor: string | undefined;
  do {
    const page = await api.observations(
      patientId,
      { type, from: from.toISOString(), to: to.toISOString(), limit: 1000, cursor },
      signal,
    );
    all.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && all.length < maxItems);
  return all.reverse();
}
