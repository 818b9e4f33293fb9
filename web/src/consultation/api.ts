import { ApiError, http, unwrap } from '../api/client';
import type { ChatMessageDto, GuestInviteDto, ConsultationDto, ConsultationTimelineDto, CreateConsultationRequest, IceServersDto } from './types';

// The consultation endpoints (docs/consultation-protocol.md), through the generated client: bearer
// token, one refresh on a 401, problem details in the ApiError.

const path = (id: number) => ({ params: { path: { id } } });

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
  iceServers: (signal?: AbortSignal) => unwrap<IceServersDto>(http.GET('/api/v1/rtc/ice-servers', { signal })),
};
