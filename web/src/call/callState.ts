import type { SignalKind } from '../consultation/types';
import type { FallbackReason } from './adaptation';
import type { Band } from './bandwidth';

/** `?relay=1` in the address, or localStorage `fajma.rtc.relay` = "1": relay-only ICE (tests, strict networks). */
export function relayOnlyFrom(search: string, stored: string | null): boolean {
  const q = new URLSearchParams(search).get('relay');
  if (q != null) return q === '1' || q === 'true';
  return stored === '1' || stored === 'true';
}

export type PcState = RTCPeerConnectionState | 'none';

export interface CallState {
  media: 'idle' | 'requesting' | 'ready';
  /** What the browser refused (no camera, no permission): the call goes on with what there is. */
  mediaError: 'noVideo' | 'noMedia' | null;
  localStream: MediaStream | null;
  remoteStream: MediaStream | null;
  /** The remote stream's tracks changed (a new track): re-render the video element. */
  remoteVersion: number;
  pcState: PcState;
  iceState: RTCIceConnectionState | 'none';
  muted: boolean;
  cameraOff: boolean;
  /** Video stopped for the whole call (either side may turn it on). */
  audioOnly: boolean;
  audioOnlyBy: 'me' | 'peer' | 'auto' | null;
  /** Audio only by itself (this side, or the other side told us): why. Video comes back by itself. */
  autoAudioOnly: FallbackReason | null;
  /** The band whose limits our video sender has (bitrate, resolution, frame rate). */
  videoLimits: Band | undefined;
  band: Band | undefined;
  bitrate: number | undefined;
  candidateType: string | undefined;
  roundTripMs: number | undefined;
  /** The link has stayed below 1 Mbps: propose audio only (until dismissed). */
  proposeAudioOnly: boolean;
  iceRestarts: number;
}

/** A call before anything happened: no media, no peer connection, nothing measured. */
export const INITIAL_CALL_STATE: Readonly<CallState> = {
  media: 'idle',
  mediaError: null,
  localStream: null,
  remoteStream: null,
  remoteVersion: 0,
  pcState: 'none',
  iceState: 'none',
  muted: false,
  cameraOff: false,
  audioOnly: false,
  audioOnlyBy: null,
  autoAudioOnly: null,
  videoLimits: undefined,
  band: undefined,
  bitrate: undefined,
  candidateType: undefined,
  roundTripMs: undefined,
  proposeAudioOnly: false,
  iceRestarts: 0,
};

export interface CallOptions {
  /** The doctor is impolite (wins offer collisions) and makes the first offer; the patient is polite. */
  role: 'doctor' | 'patient';
  send: (kind: SignalKind, payload: string) => Promise<void>;
  /** This user's id: a signal addressed (`to`) to someone else is ignored (a guest may be in the room). */
  me?: number;
  /** The other side's user id, put in every payload as `to`. */
  target?: () => number | undefined;
  iceServers: () => Promise<RTCIceServer[]>;
  relayOnly: boolean;
  /**
   * Camera and microphone shared with other calls (a mesh: one peer connection per participant).
   * When given, this call neither asks the browser itself nor stops the tracks when it ends.
   */
  localMedia?: () => Promise<{ stream: MediaStream; mediaError: CallState['mediaError'] }>;
  /** With shared media: the camera track to send when video comes back (one for all calls). */
  cameraTrack?: () => Promise<MediaStreamTrack | null>;
  /** Browser hooks, replaceable in tests. */
  getUserMedia?: (c: MediaStreamConstraints) => Promise<MediaStream>;
  createPeerConnection?: (config: RTCConfiguration) => RTCPeerConnection;
}

export interface SessionPayload {
  /** The user the message is meant for (with more than two people in the room, signals reach all others). */
  to?: number;
  /** The call attempt this message belongs to; a message of another attempt is dropped. */
  session?: string | null;
  /** The sender's page instance: a reloaded page is a new instance. */
  instance?: string;
}
export interface MediaPayload extends SessionPayload {
  audioOnly?: boolean;
  /** Set when the sender went audio only by itself, and why. */
  auto?: FallbackReason;
  /** "I am ready for a call": the doctor answers a patient's hello with an offer, the patient answers the doctor's with its own hello. */
  hello?: boolean;
}
