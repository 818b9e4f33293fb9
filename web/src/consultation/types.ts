// The consultation DTOs, written by hand from docs/consultation-protocol.md (the contract) until
// the server's OpenAPI document carries them; SignalR payloads are never in that document.
import type { ObservationDto } from '../api/types';

export const CONSULTATION_STATES = [
  'scheduled',
  'connecting',
  'iot_sync',
  'active',
  'paused',
  'recording',
  'ending',
  'completed',
  'failed',
  'cancelled',
] as const;
export type ConsultationState = (typeof CONSULTATION_STATES)[number];

export type ConsultationTrigger =
  | 'start'
  | 'accept'
  | 'begin'
  | 'pause'
  | 'resume'
  | 'start_recording'
  | 'stop_recording'
  | 'end'
  | 'complete'
  | 'fail'
  | 'cancel';

export type ConsultationRole = 'doctor' | 'patient' | 'system';

export interface ConsultationDto {
  id: number;
  patientId: number;
  patientName: string;
  doctorId: number;
  doctorName: string;
  /** ISO 8601 UTC. */
  scheduledAt: string;
  reason: string;
  state: ConsultationState;
  startedAt: string | null;
  endedAt: string | null;
  failureReason: string | null;
  note: string | null;
}

export interface CreateConsultationRequest {
  patientId: number;
  scheduledAt: string;
  reason: string;
}

export interface ChatMessageDto {
  consultationId: number;
  sequence: number;
  clientMessageId: string;
  senderId: number;
  senderRole: ConsultationRole;
  senderName: string;
  text: string;
  sentAt: string;
}

export type DeviceReadinessStatus = 'pending' | 'ready' | 'failed' | 'timeout';

export interface DeviceReadinessDto {
  deviceId: string;
  type: string;
  status: DeviceReadinessStatus;
  detail: string | null;
}

export interface ParticipantDto {
  userId: number;
  role: ConsultationRole;
  name: string;
  online: boolean;
}

/** `JoinConsultation(id)`'s answer. */
export interface ConsultationSnapshot {
  consultation: ConsultationDto;
  lastChatSequence: number;
  devices: DeviceReadinessDto[];
  participants: ParticipantDto[];
}

/** A state change, as the `stateChanged` event and the timeline's `transitions[]` carry it. */
export interface ConsultationTransitionDto {
  from: ConsultationState;
  to: ConsultationState;
  trigger: ConsultationTrigger;
  byRole: ConsultationRole;
  at: string;
  reason: string | null;
}

export interface StateChangedEvent extends ConsultationTransitionDto {
  consultationId: number;
}

export interface ConsultationInviteEvent {
  consultationId: number;
  doctorName: string;
  at: string;
}

export interface IotSyncCompleteEvent {
  consultationId: number;
  devices: DeviceReadinessDto[];
}

export interface ChatReadEvent {
  consultationId: number;
  userId: number;
  sequence: number;
}

export type SignalKind = 'offer' | 'answer' | 'ice' | 'hangup' | 'media';

export interface SignalEvent {
  consultationId: number;
  fromUserId: number;
  kind: SignalKind;
  /** JSON text: an SDP description, an ICE candidate, or `{"audioOnly":true}`. */
  payload: string;
}

export interface ParticipantsChangedEvent {
  consultationId: number;
  participants: ParticipantDto[];
}

export interface IceServerDto {
  urls: string[];
  username?: string | null;
  credential?: string | null;
}

export interface IceServersDto {
  iceServers: IceServerDto[];
  ttlSeconds: number;
}

export interface ConsultationTimelineDto {
  consultation: ConsultationDto;
  transitions: ConsultationTransitionDto[];
  chat: ChatMessageDto[];
  observations: ObservationDto[];
}
