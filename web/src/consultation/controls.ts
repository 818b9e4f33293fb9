import type { ConsultationState } from './types';

/** States in which the call is up: signaling open, media flowing (paused keeps the line, not the record). */
export const LIVE_STATES: readonly ConsultationState[] = ['iot_sync', 'active', 'paused', 'recording'];
/** States from which the doctor may end the consultation. */
export const ENDABLE_STATES: readonly ConsultationState[] = ['connecting', 'iot_sync', 'active', 'paused', 'recording'];
export const FINISHED_STATES: readonly ConsultationState[] = ['completed', 'failed', 'cancelled'];

export const isCallLive = (s: ConsultationState) => LIVE_STATES.includes(s);
export const isFinished = (s: ConsultationState) => FINISHED_STATES.includes(s);

export type DoctorAction = 'start' | 'begin' | 'pause' | 'resume' | 'startRecording' | 'stopRecording' | 'end';

/**
 * The doctor's buttons for a state, in display order. `start` calls the patient in (scheduled),
 * `begin` opens the clinical consultation once the patient accepted (iot_sync), then pause/resume,
 * recording on/off and end.
 */
export function doctorActions(state: ConsultationState): DoctorAction[] {
  switch (state) {
    case 'scheduled':
      return ['start'];
    case 'connecting':
      return ['end'];
    case 'iot_sync':
      return ['begin', 'end'];
    case 'active':
      return ['pause', 'startRecording', 'end'];
    case 'paused':
      return ['resume', 'end'];
    case 'recording':
      return ['stopRecording', 'end'];
    default:
      return [];
  }
}

/** Where the patient is, from the consultation's state (a reload or an old link lands here too). */
export type PatientView = 'waiting' | 'invited' | 'call' | 'ending' | 'over';

export function patientView(state: ConsultationState): PatientView {
  switch (state) {
    case 'scheduled':
      return 'waiting';
    case 'connecting':
      return 'invited';
    case 'iot_sync':
    case 'active':
    case 'paused':
    case 'recording':
      return 'call';
    case 'ending':
      return 'ending';
    default:
      return 'over';
  }
}
