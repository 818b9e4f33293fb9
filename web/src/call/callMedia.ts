import type { FallbackReason } from './adaptation';
import { INITIAL_CALL_STATE, type CallOptions, type CallState } from './callState';
import { acquireMedia, dropVideo, restoreVideo, userMedia } from './media';
import { VideoAdapter } from './videoAdapter';

/**
 * One call's local side: its state for the UI (an external store), camera and microphone, mute,
 * camera off, audio only (chosen, followed, or automatic through the video adapter). The peer
 * connection and the signaling are `CallSession`'s.
 */
export abstract class CallMedia {
  protected state: CallState = { ...INITIAL_CALL_STATE };
  private readonly listeners = new Set<() => void>();
  protected disposed = false;
  protected dismissedProposal = false;
  protected readonly adapter = new VideoAdapter({
    getState: () => this.state,
    videoSender: () => this.videoSender(),
    autoAudioOnly: (on, reason) => this.setAudioOnly(on, 'auto', true, reason),
    limitsApplied: (band) => this.set({ videoLimits: band }),
  });

  constructor(protected readonly options: CallOptions) {}

  /** Our video sender on the current peer connection, if any. */
  protected abstract videoSender(): RTCRtpSender | undefined;
  /** Local media became ready: time to greet the other side. */
  protected abstract mediaReady(): void;
  /** Tells the other side our audio only. */
  protected abstract announceMedia(): Promise<void>;

  getState = (): CallState => this.state;

  get isDisposed(): boolean {
    return this.disposed;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Camera and microphone; falls back to the microphone alone, then to receiving only. */
  async prepareMedia(): Promise<void> {
    if (this.state.media !== 'idle') return;
    this.set({ media: 'requesting' });
    if (this.options.localMedia) {
      const shared = await this.options.localMedia();
      if (this.disposed) return;
      this.set({ media: 'ready', localStream: shared.stream, mediaError: shared.mediaError });
      this.mediaReady();
      return;
    }
    const { stream, mediaError } = await acquireMedia(userMedia(this.options), this.state.audioOnly);
    if (this.disposed) {
      stream?.getTracks().forEach((t) => t.stop());
      return;
    }
    this.set({ media: 'ready', localStream: stream ?? new MediaStream(), mediaError });
    this.mediaReady();
  }

  toggleMute(): void {
    this.setMuted(!this.state.muted);
  }

  setMuted(muted: boolean): void {
    this.state.localStream?.getAudioTracks().forEach((t) => (t.enabled = !muted));
    this.set({ muted });
  }

  toggleCamera(): void {
    this.setCameraOff(!this.state.cameraOff);
  }

  setCameraOff(cameraOff: boolean): void {
    this.state.localStream?.getVideoTracks().forEach((t) => (t.enabled = !cameraOff));
    this.set({ cameraOff });
  }

  /**
   * Turns audio only on or off for the call, and tells the other side (`announce`: by default unless it
   * was the other side's choice). `auto`: the call's own choice (`reason`), or the other side's own.
   */
  async setAudioOnly(on: boolean, by: 'me' | 'peer' | 'auto' = 'me', announce = by !== 'peer', reason: FallbackReason | null = null): Promise<void> {
    if (on === this.state.audioOnly) return;
    if (!on && by === 'me' && this.state.autoAudioOnly) this.adapter.userChoseVideo();
    this.set({ audioOnly: on, audioOnlyBy: on ? by : null, autoAudioOnly: on ? reason : null, proposeAudioOnly: false });
    if (on) this.dismissedProposal = true;
    const local = this.state.localStream;
    if (on) await dropVideo(local, this.videoSender());
    else if (local && this.state.mediaError !== 'noMedia') {
      try {
        await restoreVideo(local, this.videoSender(), this.options, !this.state.cameraOff);
        this.set({ mediaError: this.state.mediaError === 'noVideo' ? null : this.state.mediaError });
      } catch {
        this.set({ mediaError: 'noVideo' });
      }
    }
    this.set({ localStream: local });
    if (announce) void this.announceMedia();
  }

  dismissProposal(): void {
    this.dismissedProposal = true;
    this.set({ proposeAudioOnly: false });
  }

  protected set(patch: Partial<CallState>): void {
    if (this.disposed) return;
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l();
  }

  protected clearListeners(): void {
    this.listeners.clear();
  }
}
