import { bandFor, type Band } from './bandwidth';

// The seed's BandwidthAdapter (§4.2) made real: the measured band sets what our video sender may use,
// and below the low band's floor — or when our video fails — the call goes audio only by itself (§6.1),
// coming back to video once the link has held up for a while.

/** What the video sender may use per band (RTCRtpEncodingParameters). */
export interface VideoLimits {
  maxBitrate: number;
  scaleResolutionDownBy: number;
  maxFramerate: number;
}

export const VIDEO_LIMITS: Readonly<Record<Band, VideoLimits>> = {
  low: { maxBitrate: 250_000, scaleResolutionDownBy: 2, maxFramerate: 15 },
  medium: { maxBitrate: 800_000, scaleResolutionDownBy: 1, maxFramerate: 24 },
  high: { maxBitrate: 1_500_000, scaleResolutionDownBy: 1, maxFramerate: 30 },
};

/** Below this (bit/s) not even the low band's video fits: audio only. */
export const VIDEO_FLOOR_BPS = 150 * 1024;
/** Going up a band needs this much above the boundary (going down does not): no flapping on the edge. */
export const UP_MARGIN = 1.25;
/** A lower band is taken after this long (the median smoothing already absorbed single dips). */
export const DOWN_HOLD_MS = 4_000;
/** A higher band only after this long: slow up, quick down. */
export const UP_HOLD_MS = 12_000;
/** Audio only after the estimate stayed under the floor this long. */
export const FLOOR_HOLD_MS = 4_000;
/** Video comes back after the link held up (above the floor, little loss, short round trip) this long… */
export const RECOVER_HOLD_MS = 10_000;
/** …twice as long after each relapse within a minute of coming back, up to this. */
export const MAX_RECOVER_HOLD_MS = 120_000;
const RELAPSE_WITHIN_MS = 60_000;
/** After the user turned video back on themselves, no automatic audio only for this long. */
export const SUPPRESS_MS = 60_000;

export const LOSS_DEGRADED = 0.04;
export const LOSS_SEVERE = 0.1;
export const RTT_DEGRADED_MS = 300;
export const RTT_SEVERE_MS = 600;

const RANK: Record<Band, number> = { low: 0, medium: 1, high: 2 };
const BY_RANK: readonly Band[] = ['low', 'medium', 'high'];

export interface LinkSample {
  /** The smoothed estimate of what may be sent (bit/s), undefined before one exists. */
  bps: number | undefined;
  rttMs?: number | undefined;
  /** 0–1. */
  loss?: number | undefined;
}

/** The band a sample shows: by bitrate (with the upward margin from `current`), capped by loss and round trip. */
export function measuredBand(sample: LinkSample, current: Band | undefined): Band | undefined {
  if (sample.bps == null) return undefined;
  let band = bandFor(sample.bps);
  if (current && RANK[band] > RANK[current]) band = BY_RANK[Math.max(RANK[current], RANK[bandFor(sample.bps / UP_MARGIN)])]!;
  const loss = sample.loss ?? 0;
  const rtt = sample.rttMs ?? 0;
  if (loss >= LOSS_SEVERE || rtt >= RTT_SEVERE_MS) return 'low';
  if ((loss >= LOSS_DEGRADED || rtt >= RTT_DEGRADED_MS) && band === 'high') return 'medium';
  return band;
}

/** The band the call acts on: a new band only once the measurements held it (down 4 s, up 12 s). */
export class BandHysteresis {
  band: Band | undefined;
  private candidate: Band | undefined;
  private since = 0;

  update(sample: LinkSample, now: number): Band | undefined {
    const measured = measuredBand(sample, this.band);
    if (measured == null) return this.band;
    if (this.band == null) {
      this.band = measured;
      return this.band;
    }
    if (measured === this.band) {
      this.candidate = undefined;
      return this.band;
    }
    if (measured !== this.candidate) {
      this.candidate = measured;
      this.since = now;
    }
    const hold = RANK[measured] < RANK[this.band] ? DOWN_HOLD_MS : UP_HOLD_MS;
    if (now - this.since >= hold) {
      this.band = measured;
      this.candidate = undefined;
    }
    return this.band;
  }

  reset(): void {
    this.band = this.candidate = undefined;
  }
}

export type FallbackReason = 'weakLink' | 'videoFailed';

export interface AdaptationInput extends LinkSample {
  now: number;
  /** Our video failed (track ended or muted, the encoder stopped producing frames). */
  videoFailed: boolean;
  /** The call is audio only, for whatever reason. */
  audioOnly: boolean;
  /** Why this side switched to audio only by itself; null when it did not. */
  autoAudioOnly: FallbackReason | null;
}

export interface AdaptationStep {
  band: Band | undefined;
  /** Set when the band changed: the limits to give the video sender now. */
  limits: VideoLimits | null;
  /** Go audio only now, for this reason. */
  fallback: FallbackReason | null;
  /** Try video again now. */
  recover: boolean;
}

/** Decides, sample by sample, the sender's limits and the automatic audio only. Pure: time comes in. */
export class CallAdaptation {
  private readonly hysteresis = new BandHysteresis();
  private applied: Band | undefined;
  private belowFloorSince: number | undefined;
  private healthySince: number | undefined;
  private suppressedUntil = 0;
  private recoverHold = RECOVER_HOLD_MS;
  private recoveredAt = Number.NEGATIVE_INFINITY;

  step(input: AdaptationInput): AdaptationStep {
    const band = this.hysteresis.update(input, input.now);
    const limits = band && band !== this.applied ? VIDEO_LIMITS[band] : null;
    this.applied = band;
    // Video held for a minute after coming back: the next relapse waits the base time again.
    if (!input.audioOnly && input.now - this.recoveredAt >= RELAPSE_WITHIN_MS) this.recoverHold = RECOVER_HOLD_MS;
    const fallback = this.fallback(input);
    if (fallback) {
      if (input.now - this.recoveredAt < RELAPSE_WITHIN_MS) this.recoverHold = Math.min(this.recoverHold * 2, MAX_RECOVER_HOLD_MS);
      this.healthySince = undefined;
    }
    return { band, limits, fallback, recover: !fallback && this.recover(input) };
  }

  /** The sender could not take the limits (no encoding yet): give them again with the next sample. */
  limitsNotApplied(): void {
    this.applied = undefined;
  }

  /** The user turned video back on: respect it for a while even on a weak link. */
  suppress(now: number): void {
    this.suppressedUntil = now + SUPPRESS_MS;
    this.belowFloorSince = undefined;
  }

  /** Video came back (or did not): a relapse soon after, or a failed try, doubles the next wait. */
  recovered(now: number, ok: boolean): void {
    this.recoveredAt = now;
    this.healthySince = undefined;
    if (!ok) this.recoverHold = Math.min(this.recoverHold * 2, MAX_RECOVER_HOLD_MS);
  }

  /** A new peer connection: its link is measured afresh. */
  reset(): void {
    this.hysteresis.reset();
    this.applied = this.belowFloorSince = this.healthySince = undefined;
  }

  get currentRecoverHoldMs(): number {
    return this.recoverHold;
  }

  private fallback(input: AdaptationInput): FallbackReason | null {
    if (input.audioOnly || input.now < this.suppressedUntil) {
      this.belowFloorSince = undefined;
      return null;
    }
    if (input.videoFailed) return 'videoFailed';
    if (input.bps == null || input.bps >= VIDEO_FLOOR_BPS) {
      this.belowFloorSince = undefined;
      return null;
    }
    this.belowFloorSince ??= input.now;
    if (input.now - this.belowFloorSince < FLOOR_HOLD_MS) return null;
    this.belowFloorSince = undefined;
    return 'weakLink';
  }

  private recover(input: AdaptationInput): boolean {
    if (!input.autoAudioOnly || !input.audioOnly) {
      this.healthySince = undefined;
      return false;
    }
    // With audio only the estimator has little to probe with: a link without loss or delay counts as
    // recovered as long as the estimate (if any) is above the floor.
    const healthy = (input.bps == null || input.bps >= VIDEO_FLOOR_BPS) && (input.loss ?? 0) < LOSS_DEGRADED && (input.rttMs ?? 0) < RTT_DEGRADED_MS;
    if (!healthy) {
      this.healthySince = undefined;
      return false;
    }
    this.healthySince ??= input.now;
    if (input.now - this.healthySince < this.recoverHold) return false;
    this.healthySince = undefined;
    return true;
  }
}
