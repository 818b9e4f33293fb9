import type { DoctorAction } from '../consultation/controls';
import type { AlertLimits } from '../alerts/thresholds';
import { EMPTY_CHAT, type ChatState } from './chat';
import type { ConsultationDto, DeviceReadinessDto, ParticipantDto } from '../consultation/types';

export interface Me {
  id: number;
  name: string;
  role: 'doctor' | 'patient' | 'guest';
}

export interface RoomState {
  phase: 'joining' | 'joined' | 'error';
  /** Why joining failed (a hub refusal, e.g. not a participant). */
  error: string | null;
  /** The last refused action, shown until the next one. */
  actionError: string | null;
  busy: DoctorAction | 'accept' | 'consent' | null;
  consultation: ConsultationDto | null;
  devices: readonly DeviceReadinessDto[];
  /** True once `iotSyncComplete` arrived (every device answered or timed out). */
  iotSynced: boolean;
  participants: readonly ParticipantDto[];
  chat: ChatState;
  /** What each participant has read, by user id. */
  readMarks: Readonly<Record<number, number>>;
  /** The patient was called in (`consultationInvite`) and has not accepted yet. */
  invitedBy: string | null;
  /** The newest sequence I marked read. */
  myRead: number;
  /** The last answer of each device to a room command (`SendDeviceCommand`), by device id. */
  commandResults: Readonly<Record<string, DeviceCommandResult>>;
  /** A command on its way: its name and the device (null: all of them). */
  commandBusy: { command: DeviceCommand; deviceId: string | null } | null;
  /** The patient's own alert limits, by vital sign (join snapshot, then `thresholdChanged`). */
  thresholds: AlertLimits;
}

export type DeviceCommand = 'request_sensor_data' | 'set_sampling_rate_low' | 'set_sampling_rate_normal';

export interface DeviceCommandResult {
  command: DeviceCommand;
  status: DeviceReadinessDto['status'];
  detail: string | null;
}

export const INITIAL: RoomState = {
  phase: 'joining',
  error: null,
  actionError: null,
  busy: null,
  consultation: null,
  devices: [],
  iotSynced: false,
  participants: [],
  chat: EMPTY_CHAT,
  readMarks: {},
  invitedBy: null,
  myRead: 0,
  commandResults: {},
  commandBusy: null,
  thresholds: {},
};

/**
 * An answer or snapshot read before a state change the room has heard since it asked must not take the room back to an
 * older state: a change heard meanwhile is at least as new (the server joins the room's group before it reads), so its
 * state — with the times and reason that go with it — stands, and the answer's other fields are taken.
 */
export const newerStateKept = (answer: ConsultationDto, current: ConsultationDto | null, changedSince: boolean): ConsultationDto =>
  current && changedSince
    ? { ...answer, state: current.state, startedAt: current.startedAt, endedAt: current.endedAt, failureReason: current.failureReason }
    : answer;

export const allAnswered = (devices: readonly DeviceReadinessDto[]) => devices.length > 0 && devices.every((d) => d.status !== 'pending');

export const METHOD: Record<DoctorAction, string> = {
  start: 'StartConsultation',
  begin: 'BeginConsultation',
  pause: 'PauseConsultation',
  resume: 'ResumeConsultation',
  startRecording: 'StartRecording',
  stopRecording: 'StopRecording',
  end: 'EndConsultation',
};
