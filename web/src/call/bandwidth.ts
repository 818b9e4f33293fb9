// Bandwidth bands after the seed's BandwidthAdapter (§4.2): below 1 Mbps the video quality is
// "low" (we propose audio only), below 5 Mbps "medium", else "high". 1 Mbps = 1024 × 1024 bit/s there.

export type Band = 'low' | 'medium' | 'high';

export const LOW_BELOW_BPS = 1024 * 1024;
export const MEDIUM_BELOW_BPS = 5 * 1024 * 1024;

export function bandFor(bitsPerSecond: number): Band {
  if (bitsPerSecond < LOW_BELOW_BPS) return 'low';
  if (bitsPerSecond < MEDIUM_BELOW_BPS) return 'medium';
  return 'high';
}

/** The parts of an RTCStatsReport entry this module reads. */
export interface StatLike {
  type: string;
  id: string;
  state?: string;
  nominated?: boolean;
  selected?: boolean;
  availableOutgoingBitrate?: number;
  localCandidateId?: string;
  remoteCandidateId?: string;
  selectedCandidatePairId?: string;
  candidateType?: string;
  currentRoundTripTime?: number;
  /** rtp entries: 'audio' | 'video'. */
  kind?: string;
  /** remote-inbound-rtp: the share of our packets the other side lost lately (0–1). */
  fractionLost?: number;
  /** outbound-rtp (video): frames our encoder produced so far. */
  framesEncoded?: number;
}

/** The candidate pair in use: the transport's selected pair, else a nominated succeeded pair. */
export function selectedPair(stats: Iterable<StatLike>): StatLike | undefined {
  const all = [...stats];
  const byId = new Map(all.map((s) => [s.id, s]));
  for (const s of all) {
    if (s.type === 'transport' && s.selectedCandidatePairId) {
      const pair = byId.get(s.selectedCandidatePairId);
      if (pair) return pair;
    }
  }
  return all.find((s) => s.type === 'candidate-pair' && s.state === 'succeeded' && (s.nominated || s.selected));
}

export interface LinkStats {
  /** bit/s the congestion controller estimates it may send; undefined before an estimate exists. */
  availableOutgoingBitrate: number | undefined;
  /** host | srflx | prflx | relay, for the local end of the pair in use. */
  localCandidateType: string | undefined;
  roundTripMs: number | undefined;
  /** The worst loss the other side reports on what we send (0–1), if it reported any. */
  lossFraction: number | undefined;
  /** Frames our video encoder produced so far (undefined while we send no video). */
  videoFramesEncoded: number | undefined;
}

export function linkStats(stats: Iterable<StatLike>): LinkStats {
  const all = [...stats];
  const pair = selectedPair(all);
  const local = pair?.localCandidateId ? all.find((s) => s.id === pair.localCandidateId) : undefined;
  return {
    availableOutgoingBitrate: pair?.availableOutgoingBitrate,
    localCandidateType: local?.candidateType,
    roundTripMs: pair?.currentRoundTripTime != null ? pair.currentRoundTripTime * 1000 : undefined,
    lossFraction: maxOf(all.filter((s) => s.type === 'remote-inbound-rtp').map((s) => s.fractionLost)),
    videoFramesEncoded: maxOf(all.filter((s) => s.type === 'outbound-rtp' && s.kind === 'video').map((s) => s.framesEncoded)),
  };
}

function maxOf(values: readonly (number | undefined)[]): number | undefined {
  const known = values.filter((v): v is number => v != null && Number.isFinite(v));
  return known.length ? Math.max(...known) : undefined;
}

/**
 * Smooths the per-second estimates so one dip does not flip the band: the band follows the
 * median of the last `window` samples, and audio only is proposed once that band is "low".
 */
export class BandwidthMonitor {
  private readonly samples: number[] = [];

  constructor(private readonly window = 5) {}

  add(bitsPerSecond: number | undefined): void {
    if (bitsPerSecond == null || !Number.isFinite(bitsPerSecond) || bitsPerSecond < 0) return;
    this.samples.push(bitsPerSecond);
    if (this.samples.length > this.window) this.samples.shift();
  }

  /** The smoothed estimate (median), or undefined before the first sample. */
  get estimate(): number | undefined {
    if (this.samples.length === 0) return undefined;
    const sorted = [...this.samples].sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  }

  get band(): Band | undefined {
    const e = this.estimate;
    return e == null ? undefined : bandFor(e);
  }

  /** True when at least three samples agree the link is "low": time to propose audio only. */
  get proposeAudioOnly(): boolean {
    return this.samples.length >= Math.min(3, this.window) && this.band === 'low';
  }

  reset(): void {
    this.samples.length = 0;
  }
}

/** "2.4 Mbit/s", "850 kbit/s" — the rate behind the band. */
export function formatRate(bps: number, decimal: (v: number, digits: number) => string): string {
  if (bps >= 1024 * 1024) return `${decimal(bps / (1024 * 1024), 1)} Mbit/s`;
  return `${decimal(Math.round(bps / 1024), 0)} kbit/s`;
}
