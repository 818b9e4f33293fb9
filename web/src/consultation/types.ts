// The consultation DTOs (docs/consultation-protocol.md). REST shapes come from the types generated
// from the server's OpenAPI document (schema.d.ts), with states and roles narrowed to their
// values; SignalR payloads are never in that document and are written here by hand.
import type { components } from '../api/schema';
import type { AlertDto } from '../alerts/types';
import type { Numbers, ObservationDto } from '../api/types';

type Schemas = components['schemas'];

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
  | 'cancel'
  | 'withdraw_consent';

/** Who acted or wrote: the two participants, a guest (interpreter, family member), or the server itself. */
export type ConsultationRole = 'doctor' | 'patient' | 'guest' | 'system';

/** The patient's answer about recording this consultation: nothing is recorded unless it is `given`. */
export type RecordingConsent = 'not_asked' | 'asked' | 'given' | 'refused' | 'withdrawn';

/** `GET /api/v1/consultations/{id}` and the like (generated from the server's OpenAPI document). */
export type ConsultationDto = Omit<Numbers<Schemas['ConsultationDto']>, 'state' | 'recordingConsent'> & { state: ConsultationState; recordingConsent: RecordingConsent };

/** `recordingConsentChanged`: asked, given, refused or withdrawn, to everyone in the room. */
export interface RecordingConsentEvent {
  consultationId: number;
  consent: RecordingConsent;
  at: string;
}

/** `POST /api/v1/consultations`. */
export type CreateConsultationRequest = { patientId: number; scheduledAt: string; reason: string };

export type ChatMessageDto = Omit<Numbers<Schemas['ChatMessageDto']>, 'senderRole'> & { senderRole: ConsultationRole };

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
  /** A guest's invitation id (for the vitals switch). */
  guestId?: number | null;
  /** Whether a guest may see the patient's vitals (sent again when the doctor changes it). */
  maySeeVitals?: boolean | null;
}

/** `JoinConsultation(id)`'s answer. */
export interface ConsultationSnapshot {
  consultation: ConsultationDto;
  lastChatSequence: number;
  devices: DeviceReadinessDto[];
  participants: ParticipantDto[];
  /** The patient's own alert limits (empty for a guest without vitals). */
  thresholds?: AlertThresholdDto[];
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

/** `POST /api/v1/consultations/{id}/guests`: the link (`joinPath`) is shown once. */
export type GuestInviteDto = Numbers<Schemas['GuestInviteDto']>;

export type IceServerDto = Schemas['IceServerDto'];
export type IceServersDto = { iceServers: IceServerDto[]; ttlSeconds: number };

/** `GET /api/v1/consultations/{id}/timeline`: transitions are `stateChanged` events as stored. */
export interface ConsultationTimelineDto {
  consultation: ConsultationDto;
  transitions: (ConsultationTransitionDto & { consultationId?: number })[];
  chat: ChatMessageDto[];
  observations: ObservationDto[];
  /** The alerts raised for the patient during the call, oldest first (the hub's `alert` payload). */
  alerts: AlertDto[];
}

/** `SetAlertThreshold`'s answer and the `thresholdChanged` event: a patient's own limits for one vital sign. */
import type { AlertThresholdDto } from '../alerts/types';
export type { AlertThresholdDto };
