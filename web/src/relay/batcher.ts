/**
 * Groups readings into batches for the phone relay: a batch is flushed when it holds `size` readings (10) or when
 * `maxWaitMs` (5 s) have passed since its first reading, whichever comes first, so a strap at 1 Hz sends every 5 s
 * and a burst never waits. `flushNow()` sends what is pending (on stop or disconnect).
 */
export interface BatcherOptions {
  size?: number;
  maxWaitMs?: number;
}

export class Batcher<T> {
  readonly size: number;
  readonly maxWaitMs: number;
  private pending: T[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly onFlush: (batch: T[]) => void,
    options: BatcherOptions = {},
  ) {
    this.size = options.size ?? 10;
    this.maxWaitMs = options.maxWaitMs ?? 5000;
  }

  get pendingCount(): number {
    return this.pending.length;
  }

  add(item: T): void {
    this.pending.push(item);
    if (this.pending.length >= this.size) this.flushNow();
    else if (this.timer === null) this.timer = setTimeout(() => this.flushNow(), this.maxWaitMs);
  }

  flushNow(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    this.onFlush(batch);
  }

  /** Stops the timer and drops nothing: call flushNow() first to keep what is pending. */
  dispose(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}
