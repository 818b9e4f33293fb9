import { session } from '../api/auth';
import { ApiError } from '../api/client';
import type { Problem } from '../api/types';
import type {
  ChatMessageDto,
  ConsultationDto,
  ConsultationTimelineDto,
  CreateConsultationRequest,
  IceServersDto,
} from './types';

// The consultation endpoints (docs/consultation-protocol.md). Plain requests through the session
// (bearer token, one refresh on a 401), typed by hand until the OpenAPI document lists them.

async function call<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  const request = new Request(new URL(path, window.location.origin), {
    method,
    signal,
    headers: body === undefined ? { Accept: 'application/json' } : { Accept: 'application/json', 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const response = await session.fetch(request);
  const text = await response.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = null;
  }
  if (!response.ok) {
    const problem = parsed !== null && typeof parsed === 'object' ? (parsed as Problem) : null;
    throw new ApiError(response.status, `${response.status} ${problem?.detail ?? problem?.title ?? response.statusText}`, problem);
  }
  return parsed as T;
}

const base = '/api/v1/consultations';

export const consultationApi = {
  list: (signal?: AbortSignal) => call<ConsultationDto[]>('GET', base, undefined, signal),
  get: (id: number, signal?: AbortSignal) => call<ConsultationDto>('GET', `${base}/${id}`, undefined, signal),
  create: (body: CreateConsultationRequest) => call<ConsultationDto>('POST', base, body),
  cancel: (id: number) => call<ConsultationDto>('POST', `${base}/${id}/cancel`),
  reschedule: (id: number, scheduledAt: string) => call<ConsultationDto>('POST', `${base}/${id}/reschedule`, { scheduledAt }),
  chat: (id: number, after = 0, signal?: AbortSignal) => call<ChatMessageDto[]>('GET', `${base}/${id}/chat?after=${after}`, undefined, signal),
  timeline: (id: number, signal?: AbortSignal) => call<ConsultationTimelineDto>('GET', `${base}/${id}/timeline`, undefined, signal),
  iceServers: (signal?: AbortSignal) => call<IceServersDto>('GET', '/api/v1/rtc/ice-servers', undefined, signal),
};
