import { ApiError, http, unwrap } from '../api/client';
import type { ChatMessageDto, GuestInviteDto, ConsultationDto, ConsultationTimelineDto, CreateConsultationRequest, IceServersDto } from './types';

// The consultation endpoints (docs/consultation-protocol.md), through the generated client: bearer
// token, one refresh on a 401, problem details in the ApiError.

const path = (id: number) => ({ params: { path: { id } } });

async function file(request: Promise<{ data?: unknown; error?: unknown; response: Response }>): Promise<Blob> {
  const { data, error, response } = await request;
  if (!response.ok) throw new ApiError(response.status, `${response.status} ${(error as { detail?: string } | undefined)?.detail ?? response.statusText}`);
  return data as Blob;
}

/** Saves a downloaded file under `name` (the browser's download, no new tab). */
export function saveFile(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export const consultationApi = {
  list: (signal?: AbortSignal) => unwrap<ConsultationDto[]>(http.GET('/api/v1/consultations', { signal })),
  get: (id: number, signal?: AbortSignal) => unwrap<ConsultationDto>(http.GET('/api/v1/consultations/{id}', { ...path(id), signal })),
  create: (body: CreateConsultationRequest) => unwrap<ConsultationDto>(http.POST('/api/v1/consultations', { body })),
  cancel: (id: number) => unwrap<ConsultationDto>(http.POST('/api/v1/consultations/{id}/cancel', path(id))),
  reschedule: (id: number, scheduledAt: string) => unwrap<ConsultationDto>(http.POST('/api/v1/consultations/{id}/reschedule', { ...path(id), body: { scheduledAt } })),
  chat: (id: number, after = 0, signal?: AbortSignal) =>
    unwrap<ChatMessageDto[]>(http.GET('/api/v1/consultations/{id}/chat', { params: { path: { id }, query: { after } }, signal })),
  timeline: (id: number, signal?: AbortSignal) => unwrap<ConsultationTimelineDto>(http.GET('/api/v1/consultations/{id}/timeline', { ...path(id), signal })),
  inviteGuest: (id: number, body: { name: string; allowVitals: boolean; validForMinutes: number | null }) =>
    unwrap<GuestInviteDto>(http.POST('/api/v1/consultations/{id}/guests', { ...path(id), body })),
  guestVitals: async (id: number, guestId: number, allow: boolean) => {
    const { error, response } = await http.POST('/api/v1/consultations/{id}/guests/{guestId}/vitals', { params: { path: { id, guestId } }, body: { allow } });
    if (!response.ok) throw new ApiError(response.status, `${response.status} ${(error as { detail?: string } | undefined)?.detail ?? response.statusText}`);
  },
  /** The visit report (a printable HTML page) in the reader's language. */
  report: (id: number, lang: string) => file(http.GET('/api/v1/consultations/{id}/report', { ...path(id), headers: { 'Accept-Language': lang }, parseAs: 'blob' })),
  /** The calendar invitation (.ics). */
  invitation: (id: number, lang: string) => file(http.GET('/api/v1/consultations/{id}/invitation.ics', { ...path(id), headers: { 'Accept-Language': lang }, parseAs: 'blob' })),
  iceServers: (signal?: AbortSignal) => unwrap<IceServersDto>(http.GET('/api/v1/rtc/ice-servers', { signal })),
};
