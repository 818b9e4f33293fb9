import { CallSession, INITIAL_CALL_STATE, type CallOptions, type CallState } from './call';
import type { ConsultationRole, ParticipantDto, SignalEvent, SignalKind } from '../consultation/types';
import { acquireMedia, userMedia, VIDEO } from './media';

// A small mesh for three (or more) people in a consultation: one CallSession — one peer connection,
// with its own offer/answer/ice/hangup/media signaling addressed with `to` — per other participant,
// keyed by user id, all sending the same camera and microphone.
//
// Who offers (and is the "impolite" side of perfect negotiation) is fixed per pair, so that two
// pages never both start a call attempt: the doctor offers to everyone, the patient offers to
// guests, and between two guests the lower user id offers. With just a doctor and a patient this is
// exactly the 1:1 call as before (the doctor offers).

const RANK: Record<ConsultationRole, number> = { doctor: 0, patient: 1, guest: 2, system: 3 };

export interface MeshMe {
  id: number;
  role: ConsultationRole;
}

/** True when `me` makes the offers to `peer` (see above). */
export function offersTo(me: MeshMe, peer: { userId: number; role: ConsultationRole }): boolean {
  const a = RANK[me.role];
  const b = RANK[peer.role];
  return a !== b ? a < b : me.id < peer.userId;
}

export interface MeshPeer {
  userId: number;
  name: string;
  role: ConsultationRole;
  online: boolean;
  state: CallState;
}

export interface MeshState {
  /** My side of the call while nobody else is connected (the preview, the toggles). */
  local: CallState;
  /** One entry per other participant, in user id order. */
  peers: readonly MeshPeer[];
}

/** What the call's buttons need: both one CallSession and the mesh provide it. */
export interface CallActions {
  toggleMute(): void;
  toggleCamera(): void;
  setAudioOnly(on: boolean): Promise<void>;
  dismissProposal(): void;
}

export type MeshOptions = Omit<CallOptions, 'role' | 'me' | 'target' | 'send' | 'localMedia' | 'cameraTrack'> & {
  me: MeshMe;
  send: (kind: SignalKind, payload: string) => Promise<void>;
};


interface Link {
  call: CallSession;
  /** The link's audio only as last seen, to notice a participant's switch. */
  audioOnly: boolean;
  info: Omit<MeshPeer, 'state'>;
  off: () => void;
}

export class CallMesh implements CallActions {
  private readonly links = new Map<number, Link>();
  private readonly listeners = new Set<() => void>();
  private local: CallState = INITIAL_CALL_STATE;
  private state: MeshState = { local: INITIAL_CALL_STATE, peers: [] };
  private media: Promise<{ stream: MediaStream; mediaError: CallState['mediaError'] }> | null = null;
  private camera: Promise<MediaStreamTrack | null> | null = null;
  private disposed = false;
  /** True while the mesh itself switches its links (their changes are not a participant's). */
  private applying = false;

  constructor(private readonly options: MeshOptions) {}

  getState = (): MeshState => this.state;

  get isDisposed(): boolean {
    return this.disposed;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** The user ids with a call, for tests and the room. */
  peerIds(): number[] {
    return [...this.links.keys()].sort((a, b) => a - b);
  }

  /** The session with one participant (tests). */
  link(userId: number): CallSession | undefined {
    return this.links.get(userId)?.call;
  }

  /** Camera and microphone, once for all the calls. */
  async prepareMedia(): Promise<void> {
    const { stream, mediaError } = await this.shared();
    if (this.disposed) return;
    this.setLocal({ media: 'ready', localStream: stream, mediaError });
  }

  /**
   * The room's view: who is in it and whether the call is open. A call per other participant is
   * created when they first appear, and hung up when they leave the list (not when they are merely
   * offline: a signaling blip must not cut working media).
   */
  update(live: boolean, participants: readonly ParticipantDto[]): void {
    if (this.disposed) return;
    const others = participants.filter((p) => p.userId !== this.options.me.id && p.role !== 'system');
    const wanted = new Set(others.map((p) => p.userId));
    for (const [id, link] of this.links) {
      if (!wanted.has(id)) {
        link.off();
        link.call.hangup();
        this.links.delete(id);
      }
    }
    for (const p of others) {
      let link = this.links.get(p.userId);
      if (!link) link = this.addLink(p);
      link.info = { userId: p.userId, name: p.name, role: p.role, online: p.online };
      link.call.update(live, p.online);
    }
    this.publish();
  }

  handleSignal(s: SignalEvent): void {
    this.links.get(s.fromUserId)?.call.handleSignal(s);
  }

  toggleMute(): void {
    const muted = !this.local.muted;
    this.local.localStream?.getAudioTracks().forEach((t) => (t.enabled = !muted));
    this.setLocal({ muted });
    for (const l of this.links.values()) l.call.setMuted(muted);
  }

  toggleCamera(): void {
    const cameraOff = !this.local.cameraOff;
    this.local.localStream?.getVideoTracks().forEach((t) => (t.enabled = !cameraOff));
    this.setLocal({ cameraOff });
    for (const l of this.links.values()) l.call.setCameraOff(cameraOff);
  }

  /** Audio only for the whole call: every link follows and tells its participant. */
  async setAudioOnly(on: boolean, by: 'me' | 'peer' = 'me'): Promise<void> {
    if (on === this.local.audioOnly) return;
    this.setLocal({ audioOnly: on, audioOnlyBy: on ? by : null });
    const stream = this.local.localStream;
    if (on && stream) {
      for (const t of stream.getVideoTracks()) {
        t.stop();
        stream.removeTrack(t);
      }
    }
    this.applying = true;
    const switching = [...this.links.values()].map((l) => l.call.setAudioOnly(on, by, true));
    this.applying = false;
    await Promise.all(switching);
    if (!on && !this.links.size) await this.cameraTrack();
    this.setLocal({ localStream: stream });
  }

  dismissProposal(): void {
    for (const l of this.links.values()) l.call.dismissProposal();
  }

  /** Leaves the call with everyone; stops the camera and microphone. */
  hangup(): void {
    if (this.disposed) return;
    for (const l of this.links.values()) {
      l.off();
      l.call.hangup();
    }
    this.links.clear();
    this.disposed = true;
    this.local.localStream?.getTracks().forEach((t) => t.stop());
    void this.media?.then(({ stream }) => stream.getTracks().forEach((t) => t.stop()));
    this.listeners.clear();
  }

  private addLink(p: ParticipantDto): Link {
    const peerId = p.userId;
    const call = new CallSession({
      ...this.options,
      role: offersTo(this.options.me, p) ? 'doctor' : 'patient',
      me: this.options.me.id,
      target: () => peerId,
      localMedia: () => this.shared(),
      cameraTrack: () => this.cameraTrack(),
    });
    const link: Link = { call, audioOnly: false, info: { userId: p.userId, name: p.name, role: p.role, online: p.online }, off: () => undefined };
    link.off = call.subscribe(() => this.onLinkChanged(link));
    this.links.set(peerId, link);
    if (this.local.muted) call.setMuted(true);
    if (this.local.cameraOff) call.setCameraOff(true);
    this.applying = true;
    const preparing = call.prepareMedia();
    this.applying = false;
    void preparing.then(() => {
      if (!this.local.audioOnly || call.getState().audioOnly) return;
      this.applying = true;
      void call.setAudioOnly(true, this.local.audioOnlyBy ?? 'me', false);
      this.applying = false;
    });
    return link;
  }

  private onLinkChanged(link: Link): void {
    const s = link.call.getState();
    const changed = s.audioOnly !== link.audioOnly;
    link.audioOnly = s.audioOnly;
    // A participant switched audio only on or off with us: the whole call follows (the others are told).
    if (changed && !this.applying && s.audioOnly !== this.local.audioOnly) void this.setAudioOnly(s.audioOnly, 'peer');
    this.publish();
  }

  private shared(): Promise<{ stream: MediaStream; mediaError: CallState['mediaError'] }> {
    this.media ??= (async () => {
      if (this.local.media === 'idle') this.setLocal({ media: 'requesting' });
      const { stream, mediaError } = await acquireMedia(userMedia(this.options), false);
      return { stream: stream ?? new MediaStream(), mediaError };
    })();
    return this.media;
  }

  /** One camera track for every link when video comes back after audio only. */
  private cameraTrack(): Promise<MediaStreamTrack | null> {
    const stream = this.local.localStream;
    const live = stream?.getVideoTracks().find((t) => t.readyState === 'live');
    if (live) return Promise.resolve(live);
    this.camera ??= (async () => {
      const track = (await userMedia(this.options)({ video: VIDEO, audio: false })).getVideoTracks()[0] ?? null;
      if (track && stream && !stream.getVideoTracks().includes(track)) {
        track.enabled = !this.local.cameraOff;
        stream.addTrack(track);
      }
      return track;
    })().finally(() => {
      this.camera = null;
    });
    return this.camera;
  }

  private setLocal(patch: Partial<CallState>): void {
    if (this.disposed) return;
    this.local = { ...this.local, ...patch };
    this.publish();
  }

  private publish(): void {
    if (this.disposed) return;
    const peers = [...this.links.values()].sort((a, b) => a.info.userId - b.info.userId).map((l) => ({ ...l.info, state: l.call.getState() }));
    this.state = { local: this.local, peers };
    for (const l of this.listeners) l();
  }
}
