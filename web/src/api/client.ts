import { getAccessToken } from './auth';
import type { ObservationDto, ObservationPage, PatientDto, ServerTime, DeviceDto, VitalType } from './types';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function getJson<T>(path: string, query?: Record<string, string | number | undefined>, signal?: AbortSignal): Promise<T> {
  const url = new URL(path, window.location.origin);
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
  const headers: Record<string, string> = { Accept: 'application/json' };
  const token = getAccessToken();
  if (token) headers.Authorization = `Bearer ${token}`;
  const res = await fetch(url, { headers, signal });
  if (!res.ok) {
    let detail = res.statusText;
    try {
      const body = (await res.json()) as { title?: string; detail?: string };
      detail = body.detail ?? body.title ?? detail;
    } catch {
      /* not JSON */
    }
    throw new ApiError(res.status, `${res.status} ${detail}`);
  }
  return (await res.json()) as T;
}

export const api = {
  patients: (signal?: AbortSignal) => getJson<PatientDto[]>('/api/v1/patients', undefined, signal),
  devices: (signal?: AbortSignal) => getJson<DeviceDto[]>('/api/v1/devices', undefined, signal),
  time: (signal?: AbortSignal) => getJson<ServerTime>('/api/v1/time', undefined, signal),
  observations: (
    patientId: number,
    q: { type?: VitalType; from?: string; to?: string; limit?: number; cursor?: string },
    signal?: AbortSignal,
  ) => getJson<ObservationPage>(`/api/v1/patients/${patientId}/observations`, q, signal),
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
