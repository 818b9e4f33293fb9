import type { SignalEvent, SignalKind } from '../consultation/types';
import { newClientMessageId } from '../platform/ids';
import type { CallOptions, MediaPayload, SessionPayload } from './callState';
import { PerfectNegotiation } from './negotiation';
import { addOffererTransceivers, attachLocalToTransceivers, videoSender } from './peer';
import { CallStats, type StatsSample } from './stats';
import { CallMedia } from './callMedia';

export { INITIAL_CALL_STATE, relayOnlyFrom, type CallOptions, type CallState, type PcState } from './callState';

/** After `disconnected`, wait this long before restarting ICE (it often recovers by itself). */
const DISCONNECTED_GRACE_MS = 3_000;
/** If an ICE restart has not reconnected by then, the doctor starts a new call attempt. */
const RESTART_TIMEOUT_MS = 15_000;

/**
 * A WebRTC call with the other participant, signaled through the consultation hub: perfect
 * negotiation (doctor impolite), one "session" per call attempt so that a reloaded page starts
 * cleanly, ICE restart on failure and when the browser comes back online, the link read with getStats
 * every 2 s and the video adapted to its band (`videoAdapter.ts`). Media and audio only: `CallMedia`.
 */
export class CallSession extends CallMedia {
  private readonly instance = newClientMessageId();
  private pc: RTCPeerConnection | null = null;
  private session: string | null = null;
  /** The patient instance the doctor's current session answers. */
  private sessionFor: string | null = null;
  /** The perfect-negotiation state of the current peer connection. */
  private negotiation: PerfectNegotiation | null = null;
  private queue: Promise<void> = Promise.resolve();
  private pendingHelloFrom: string | null = null;
  private open = false;
  private announced = false;
  private readonly stats = new CallStats((s) => this.onStats(s));
  private disconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private restartTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly polite: boolean;
  private readonly onOnline = () => this.restartIce();

  constructor(options: CallOptions) {
    super(options);
    this.polite = options.role === 'patient';
    if (typeof window !== 'undefined') window.addEventListener('online', this.onOnline);
  }

  /** Sends a signal to the other side, addressed to them. */
  private signal(kind: SignalKind, payload: Record<string, unknown>): Promise<void> {
    const to = this.options.target?.();
    return this.options.send(kind, JSON.stringify(to == null ? payload : { ...payload, to }));
  }

  /**
   * The room's view. Not live (the consultation is not in a live state): the peer connection is
   * dropped. Live but the other side is not in the room: the connection is kept (a signaling blip
   * must not cut working media; ICE tells if they are really gone) and we greet them again when
   * they are back. Live with the other side present: this page announces itself (hello).
   */
  update(live: boolean, peerOnline: boolean): void {
    if (this.disposed) return;
    if (!live) {
      this.open = false;
      this.announced = false;
      this.teardown();
      return;
    }
    if (!peerOnline) {
      this.open = false;
      this.announced = false;
      return;
    }
    this.open = true;
    this.maybeAnnounce();
  }

  handleSignal(s: SignalEvent): void {
    // One at a time, in arrival order: an answer must be applied before the candidates behind it.
    this.queue = this.queue.then(() => this.onSignal(s)).catch((e) => console.warn('signal', s.kind, e));
  }

  /** ICE restart: the doctor renegotiates with new credentials; the patient asks by offering (perfect negotiation). */
  restartIce(): void {
    const pc = this.pc;
    if (!pc || pc.connectionState === 'closed') return;
    this.set({ iceRestarts: this.state.iceRestarts + 1 });
    pc.restartIce();
    if (!this.polite) {
      clearTimeout(this.restartTimer);
      this.restartTimer = setTimeout(() => {
        if (this.pc === pc && pc.connectionState !== 'connected' && this.sessionFor) this.newSession(this.sessionFor);
      }, RESTART_TIMEOUT_MS);
    }
  }

  /** Leaves the call: tells the other side, stops the camera and microphone. */
  hangup(): void {
    if (this.session) void this.signal('hangup', { session: this.session, instance: this.instance }).catch(() => undefined);
    this.dispose();
  }

  dispose(): void {
    if (this.disposed) return;
    this.teardown();
    this.disposed = true;
    if (typeof window !== 'undefined') window.removeEventListener('online', this.onOnline);
    if (!this.options.localMedia) this.state.localStream?.getTracks().forEach((t) => t.stop());
    this.clearListeners();
  }

  protected videoSender(): RTCRtpSender | undefined {
    return videoSender(this.pc);
  }

  protected mediaReady(): void {
    this.maybeAnnounce();
  }

  protected announceMedia(): Promise<void> {
    return this.sendMedia(false);
  }

  // ---- signaling ----

  private maybeAnnounce(): void {
    if (!this.open || this.state.media !== 'ready' || this.announced) return;
    this.announced = true;
    void this.sendMedia(true);
    if (!this.polite && this.pendingHelloFrom) {
      const from = this.pendingHelloFrom;
      this.pendingHelloFrom = null;
      this.newSession(from);
    }
  }

  private sendMedia(hello: boolean): Promise<void> {
    const auto = this.state.audioOnly && this.state.autoAudioOnly ? { auto: this.state.autoAudioOnly } : {};
    const payload: MediaPayload = { audioOnly: this.state.audioOnly, ...auto, session: this.session, instance: this.instance, ...(hello ? { hello: true } : {}) };
    return this.signal('media', { ...payload }).catch(() => undefined);
  }

  private async onSignal(s: SignalEvent): Promise<void> {
    if (this.disposed) return;
    let p: (SessionPayload & Record<string, unknown>) | null = null;
    try {
      p = JSON.parse(s.payload) as SessionPayload & Record<string, unknown>;
    } catch {
      return;
    }
    if (!p || typeof p !== 'object') return;
    if (typeof p.to === 'number' && this.options.me != null && p.to !== this.options.me) return; // meant for someone else
    switch (s.kind) {
      case 'media':
        return this.onMedia(p as MediaPayload);
      case 'hangup':
        if (p.session && p.session === this.session) {
          this.teardown();
          this.announced = false;
          if (this.open) this.maybeAnnounce();
        }
        return;
      case 'offer':
      case 'answer':
        return this.onDescription(s.kind, p);
      case 'ice':
        return this.onCandidate(p);
    }
  }

  private async onMedia(p: MediaPayload): Promise<void> {
    // A hello only ever turns audio only on (a freshly loaded page knows nothing of the call's mode).
    const audioOnly = p.hello ? (p.audioOnly === true ? true : undefined) : p.audioOnly;
    if (typeof audioOnly === 'boolean' && audioOnly !== this.state.audioOnly) await this.setAudioOnly(audioOnly, 'peer', false, p.auto ?? null);
    if (!p.hello || !p.instance) return;
    if (this.polite) {
      // The doctor's page is (again) ready: say we are, so that it offers.
      if (this.state.media === 'ready' && this.open) void this.sendHello();
      return;
    }
    // The patient is ready: offer, unless our current attempt already serves this very page.
    const healthy = this.pc && this.pc.connectionState !== 'failed' && this.pc.connectionState !== 'closed';
    if (healthy && this.sessionFor === p.instance) return;
    if (!this.open || this.state.media !== 'ready') {
      this.pendingHelloFrom = p.instance;
      return;
    }
    this.newSession(p.instance);
  }

  private sendHello(): Promise<void> {
    return this.sendMedia(true);
  }

  private async onDescription(kind: 'offer' | 'answer', p: SessionPayload & Record<string, unknown>): Promise<void> {
    if (kind === 'offer' && p.session && p.session !== this.session) {
      if (!this.polite) return; // the doctor makes new attempts, it never adopts one
      await this.createPc(p.session, p.instance ?? null);
    }
    if (!this.negotiation || p.session !== this.session) return; // an old attempt's answer
    await this.negotiation.description({ type: kind, sdp: String(p.sdp ?? '') });
  }

  private async onCandidate(p: SessionPayload & Record<string, unknown>): Promise<void> {
    if (!this.negotiation || p.session !== this.session || typeof p.candidate !== 'string') return;
    await this.negotiation.candidate({
      candidate: p.candidate,
      sdpMid: (p.sdpMid as string | null | undefined) ?? null,
      sdpMLineIndex: (p.sdpMLineIndex as number | null | undefined) ?? null,
      usernameFragment: (p.usernameFragment as string | null | undefined) ?? null,
    });
  }

  private sendDescription(pc: RTCPeerConnection): Promise<void> {
    const d = pc.localDescription;
    if (!d) return Promise.resolve();
    return this.signal(d.type === 'offer' ? 'offer' : 'answer', { type: d.type, sdp: d.sdp, session: this.session, instance: this.instance });
  }

  /** The doctor starts a new call attempt for the patient's page `forInstance`. */
  private newSession(forInstance: string): void {
    void this.createPc(newClientMessageId(), forInstance).catch((e) => console.warn('createPc', e));
  }

  private async createPc(session: string, peerInstance: string | null): Promise<void> {
    this.teardown();
    this.session = session;
    this.sessionFor = peerInstance;
    const iceServers = await this.options.iceServers().catch(() => [] as RTCIceServer[]);
    if (this.disposed || this.session !== session) return;
    const config: RTCConfiguration = { iceServers, iceTransportPolicy: this.options.relayOnly ? 'relay' : 'all', bundlePolicy: 'max-bundle' };
    const pc = (this.options.createPeerConnection ?? ((c) => new RTCPeerConnection(c)))(config);
    this.pc = pc;
    const negotiation = new PerfectNegotiation(pc, this.polite, () => this.sendDescription(pc), () => attachLocalToTransceivers(pc, this.state.localStream));
    this.negotiation = negotiation;
    const remote = new MediaStream();
    this.set({ remoteStream: remote, pcState: pc.connectionState, iceState: pc.iceConnectionState });

    pc.ontrack = (e) => {
      if (!remote.getTracks().includes(e.track)) remote.addTrack(e.track);
      e.track.onunmute = () => this.set({ remoteVersion: this.state.remoteVersion + 1 });
      this.set({ remoteVersion: this.state.remoteVersion + 1 });
    };
    pc.onicecandidate = ({ candidate }) => {
      if (!candidate || this.pc !== pc) return;
      void this.signal('ice', { ...candidate.toJSON(), session, instance: this.instance }).catch(() => undefined);
    };
    pc.onnegotiationneeded = async () => {
      if (this.pc !== pc) return;
      await negotiation.negotiationNeeded();
    };
    pc.oniceconnectionstatechange = () => {
      if (this.pc !== pc) return;
      const ice = pc.iceConnectionState;
      this.set({ iceState: ice });
      clearTimeout(this.disconnectTimer);
      if (ice === 'failed') this.restartIce();
      else if (ice === 'disconnected') this.disconnectTimer = setTimeout(() => pc.iceConnectionState === 'disconnected' && this.restartIce(), DISCONNECTED_GRACE_MS);
    };
    pc.onconnectionstatechange = () => {
      if (this.pc !== pc) return;
      const st = pc.connectionState;
      this.set({ pcState: st });
      if (st === 'connected') {
        clearTimeout(this.restartTimer);
        this.adapter.reset();
        this.stats.start(pc, Date.now(), () => this.pc === pc);
      } else if (st === 'failed') this.restartIce();
    };

    if (!this.polite) addOffererTransceivers(pc, this.state.localStream);
  }

  private onStats(sample: StatsSample): void {
    const { link, monitor } = sample;
    const band = this.adapter.sample(sample);
    this.set({
      bitrate: monitor.estimate ?? link.availableOutgoingBitrate,
      band,
      candidateType: link.localCandidateType,
      roundTripMs: link.roundTripMs,
      proposeAudioOnly: !this.dismissedProposal && !this.state.audioOnly && band === 'low',
    });
  }

  private teardown(): void {
    this.stats.stop();
    clearTimeout(this.disconnectTimer);
    clearTimeout(this.restartTimer);
    const pc = this.pc;
    this.pc = null;
    this.session = null;
    this.sessionFor = null;
    this.negotiation = null;
    if (pc) {
      pc.ontrack = pc.onicecandidate = pc.onnegotiationneeded = pc.oniceconnectionstatechange = pc.onconnectionstatechange = null;
      pc.close();
      this.state.remoteStream?.getTracks().forEach((t) => t.stop());
      this.set({ remoteStream: null, pcState: 'none', iceState: 'none', band: undefined, videoLimits: undefined, bitrate: undefined, candidateType: undefined, roundTripMs: undefined });
    }
  }
}
