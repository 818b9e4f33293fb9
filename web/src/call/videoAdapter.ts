import { CallAdaptation, type FallbackReason, type VideoLimits } from './adaptation';
import type { Band } from './bandwidth';
import type { CallState } from './callState';
import type { StatsSample } from './stats';
import { VideoHealth } from './videoHealth';

/** What the adapter needs from its call. */
export interface AdapterHost {
  getState(): CallState;
  /** Our video sender on the current peer connection. */
  videoSender(): RTCRtpSender | undefined;
  /** Audio only on or off by the call itself (`reason` when on). */
  autoAudioOnly(on: boolean, reason: FallbackReason | null): Promise<void>;
  /** The sender now has this band's limits. */
  limitsApplied(band: Band): void;
}

/**
 * Acts on each getStats sample of one call: gives the video sender the band's limits
 * (`setParameters`), and switches to audio only by itself and back (see `adaptation.ts`).
 */
export class VideoAdapter {
  readonly adaptation = new CallAdaptation();
  private readonly health = new VideoHealth();
  private switching = false;

  constructor(
    private readonly host: AdapterHost,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** The band after this sample (the state's `band`); the rest happens in the background. */
  sample({ link, monitor }: StatsSample): CallState['band'] {
    const state = this.host.getState();
    const sender = this.host.videoSender();
    const track = state.localStream?.getVideoTracks()[0];
    const watching = !state.audioOnly && !state.cameraOff && sender?.track != null;
    const videoFailed = this.health.check(track, link.videoFramesEncoded, watching);
    const step = this.adaptation.step({
      now: this.now(),
      bps: monitor.estimate,
      rttMs: link.roundTripMs,
      loss: link.lossFraction,
      videoFailed,
      audioOnly: state.audioOnly,
      autoAudioOnly: state.audioOnlyBy === 'auto' ? state.autoAudioOnly : null,
    });
    if (step.limits && step.band) void this.applyLimits(sender, step.band, step.limits);
    if (!this.switching && step.fallback) void this.switchAudioOnly(true, step.fallback);
    else if (!this.switching && step.recover) void this.switchAudioOnly(false, null);
    return step.band;
  }

  /** The user switched video back on themselves. */
  userChoseVideo(): void {
    this.adaptation.suppress(this.now());
  }

  /** A new peer connection. */
  reset(): void {
    this.adaptation.reset();
    this.health.reset();
  }

  private async applyLimits(sender: RTCRtpSender | undefined, band: Band, limits: VideoLimits): Promise<void> {
    try {
      if (!sender) throw new Error('no video sender');
      const params = sender.getParameters();
      // Before negotiation there is no encoding to limit yet: the next sample tries again.
      if (!params.encodings?.length) throw new Error('no encodings yet');
      for (const e of params.encodings) Object.assign(e, limits);
      await sender.setParameters(params);
      this.host.limitsApplied(band);
    } catch {
      this.adaptation.limitsNotApplied();
    }
  }

  private async switchAudioOnly(on: boolean, reason: FallbackReason | null): Promise<void> {
    this.switching = true;
    try {
      await this.host.autoAudioOnly(on, reason);
      if (!on) {
        // The camera could not be had again: stay audio only, and wait longer before the next try.
        const ok = this.host.getState().mediaError !== 'noVideo';
        this.adaptation.recovered(this.now(), ok);
        if (!ok) await this.host.autoAudioOnly(true, 'videoFailed');
      }
    } finally {
      this.switching = false;
    }
  }
}
