import { http, unwrap } from '../api/client';
import type { ChatMessageDto, ConsultationDto, ConsultationTimelineDto, CreateConsultationRequest, IceServersDto } from './types';

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
  iceServers: (signal?: AbortSignal) => unwrap<IceServersDto>(http.GET('/api/v1/rtc/ice-servers', { signal })),
};
