import { beforeAll } from 'vitest';

// Just enough of the browser's media and WebRTC objects to drive the signaling logic.

export class FakeTrack {
  enabled = true;
  muted = false;
  readyState = 'live';
  onunmute: (() => void) | null = null;
  constructor(readonly kind: 'audio' | 'video') {}
  stop() {
    this.readyState = 'ended';
  }
}

export class FakeStream {
  private tracks: FakeTrack[];
  constructor(tracks: FakeTrack[] = []) {
    this.tracks = [...tracks];
  }
  getTracks() {
    return [...this.tracks];
  }
  getAudioTracks() {
    return this.tracks.filter((t) => t.kind === 'audio');
  }
  getVideoTracks() {
    return this.tracks.filter((t) => t.kind === 'video');
  }
  addTrack(t: FakeTrack) {
    this.tracks.push(t);
  }
  removeTrack(t: FakeTrack) {
    this.tracks = this.tracks.filter((x) => x !== t);
  }
}

let offers = 0;

/** An RTCRtpSender's parameters: one encoding, and every setParameters kept. */
export interface FakeSender {
  track: FakeTrack | null;
  replaceTrack: (t: FakeTrack | null) => Promise<void>;
  setStreams: () => void;
  encodings: RTCRtpEncodingParameters[];
  parametersSet: RTCRtpEncodingParameters[][];
  getParameters: () => { encodings: RTCRtpEncodingParameters[]; transactionId: string };
  setParameters: (p: { encodings: RTCRtpEncodingParameters[] }) => Promise<void>;
}

function fakeSender(track: FakeTrack | null): FakeSender {
  const sender: FakeSender = {
    track,
    replaceTrack: async (t) => void (sender.track = t),
    setStreams: () => undefined,
    encodings: [{ active: true }],
    parametersSet: [],
    getParameters: () => ({ encodings: sender.encodings.map((e) => ({ ...e })), transactionId: 'tx' }),
    setParameters: async (p) => {
      sender.encodings = p.encodings.map((e) => ({ ...e }));
      sender.parametersSet.push(sender.encodings);
    },
  };
  return sender;
}

export class FakePc {
  signalingState: RTCSignalingState = 'stable';
  connectionState: RTCPeerConnectionState = 'new';
  iceConnectionState: RTCIceConnectionState = 'new';
  localDescription: RTCSessionDescriptionInit | null = null;
  remoteDescription: RTCSessionDescriptionInit | null = null;
  readonly transceivers: { direction: string; currentDirection: string | null; sender: FakeSender; receiver: { track: FakeTrack } }[] = [];
  /** What getStats() answers (RTCStatsReport entries). */
  stats: Record<string, unknown>[] = [];
  readonly candidates: RTCIceCandidateInit[] = [];
  closed = false;
  restarts = 0;
  ontrack: unknown = null;
  onicecandidate: unknown = null;
  onnegotiationneeded: (() => Promise<void>) | null = null;
  oniceconnectionstatechange: unknown = null;
  onconnectionstatechange: unknown = null;
  constructor(readonly config: RTCConfiguration) {}

  addTransceiver(trackOrKind: FakeTrack | 'audio' | 'video', init: { direction: string }) {
    const kind = typeof trackOrKind === 'string' ? trackOrKind : trackOrKind.kind;
    const sender = fakeSender(typeof trackOrKind === 'string' ? null : trackOrKind);
    this.transceivers.push({ direction: init.direction, currentDirection: null, sender, receiver: { track: new FakeTrack(kind) } });
    this.needNegotiation();
  }
  getTransceivers() {
    return this.transceivers;
  }
  async setLocalDescription() {
    if (this.signalingState === 'stable') {
      this.localDescription = { type: 'offer', sdp: `offer-${++offers}` };
      this.signalingState = 'have-local-offer';
    } else if (this.signalingState === 'have-remote-offer') {
      this.localDescription = { type: 'answer', sdp: 'answer' };
      this.signalingState = 'stable';
    }
  }
  async setRemoteDescription(d: RTCSessionDescriptionInit) {
    this.remoteDescription = d;
    if (d.type === 'offer') {
      this.signalingState = 'have-remote-offer';
      if (this.transceivers.length === 0)
        for (const kind of ['audio', 'video'] as const) this.addTransceiverQuietly(kind);
    } else this.signalingState = 'stable';
  }
  async addIceCandidate(c: RTCIceCandidateInit) {
    this.candidates.push(c);
  }
  restartIce() {
    this.restarts++;
  }
  close() {
    this.closed = true;
    this.connectionState = 'closed';
  }
  async getStats() {
    return new Map(this.stats.map((s) => [s.id as string, s]));
  }
  /** The sender of the video transceiver. */
  videoSender(): FakeSender | undefined {
    return this.transceivers.find((t) => t.receiver.track.kind === 'video')?.sender;
  }
  /** The connection comes up (as the browser reports it). */
  connect() {
    this.connectionState = 'connected';
    (this.onconnectionstatechange as (() => void) | null)?.();
  }
  private addTransceiverQuietly(kind: 'audio' | 'video') {
    const sender = fakeSender(null);
    this.transceivers.push({ direction: 'recvonly', currentDirection: null, sender, receiver: { track: new FakeTrack(kind) } });
  }
  private negotiationQueued = false;
  /** Like the browser: one event for a burst of changes, fired only while stable. */
  private needNegotiation() {
    if (this.negotiationQueued) return;
    this.negotiationQueued = true;
    queueMicrotask(() => {
      this.negotiationQueued = false;
      if (this.signalingState === 'stable') void this.onnegotiationneeded?.();
    });
  }
}

/** Installs the fake MediaStream as the global one (the call code builds remote streams with it). */
export function installFakeMediaStream(): void {
  beforeAll(() => {
    (globalThis as unknown as { MediaStream: unknown }).MediaStream = FakeStream;
  });
}
