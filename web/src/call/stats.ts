import { BandwidthMonitor, linkStats, type LinkStats, type StatLike } from './bandwidth';

const STATS_EVERY_MS = 2_000;
/** Ignore bandwidth estimates this long after connecting: the estimator starts low and ramps up. */
const WARMUP_MS = 8_000;

/** One reading of the link: the raw figures, and the smoothed estimate behind the band. */
export interface StatsSample {
  link: LinkStats;
  monitor: BandwidthMonitor;
}

/**
 * Reads the connected peer connection's getStats every 2 s: the estimate of what may be sent
 * (after a warm-up: the estimator starts low), the candidate type and the round trip.
 */
export class CallStats {
  readonly monitor = new BandwidthMonitor(5);
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly onSample: (sample: StatsSample) => void) {}

  /** Starts reading `pc` (connected at `connectedAt`); `isCurrent` false stops the reading. */
  start(pc: RTCPeerConnection, connectedAt: number, isCurrent: () => boolean): void {
    this.stop();
    this.monitor.reset();
    this.timer = setInterval(async () => {
      if (!isCurrent()) return this.stop();
      try {
        const report = await pc.getStats();
        const entries: StatLike[] = [];
        report.forEach((s: StatLike) => entries.push(s));
        const link = linkStats(entries);
        if (Date.now() - connectedAt >= WARMUP_MS) this.monitor.add(link.availableOutgoingBitrate);
        this.onSample({ link, monitor: this.monitor });
      } catch {
        /* closed meanwhile */
      }
    }, STATS_EVERY_MS);
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
