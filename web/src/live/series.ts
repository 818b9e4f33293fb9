/** uPlot's aligned data: [x seconds, heart rate, SpO2], null where a series has no point at that x. */
export type AlignedSpark = [number[], (number | null)[], (number | null)[]];

/**
 * A time-ordered window of points (ms, value). Keeps the last `windowMs` before its newest point and
 * at most `maxPoints`, so a flood of readings stays bounded.
 */
export class Series {
  readonly t: number[] = [];
  readonly v: number[] = [];

  constructor(
    private readonly windowMs: number,
    private readonly maxPoints = 600,
  ) {}

  add(atMs: number, value: number): void {
    if (!Number.isFinite(atMs)) return;
    const n = this.t.length;
    if (n === 0 || atMs > this.t[n - 1]!) {
      this.t.push(atMs);
      this.v.push(value);
    } else {
      // Out of order (relay batches, redelivery): insert in place; same timestamp replaces.
      let lo = 0;
      let hi = n;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (this.t[mid]! < atMs) lo = mid + 1;
        else hi = mid;
      }
      if (this.t[lo] === atMs) this.v[lo] = value;
      else {
        this.t.splice(lo, 0, atMs);
        this.v.splice(lo, 0, value);
      }
    }
    this.trim();
  }

  /** Newest time held, or -Infinity when empty. */
  get newest(): number {
    return this.t.length ? this.t[this.t.length - 1]! : -Infinity;
  }

  /** Drops points before `newestOverall - windowMs` (so series of one chart share a window). */
  trim(newestOverall = this.newest): void {
    let drop = 0;
    while (drop < this.t.length && this.t[drop]! < newestOverall - this.windowMs) drop++;
    drop = Math.max(drop, this.t.length - this.maxPoints);
    if (drop > 0) {
      this.t.splice(0, drop);
      this.v.splice(0, drop);
    }
  }
}

/** Merges two series onto one x axis (seconds) for uPlot. */
export function alignSeries(a: Series, b: Series): AlignedSpark {
  const newest = Math.max(a.newest, b.newest);
  a.trim(newest);
  b.trim(newest);
  const xs: number[] = [];
  const ya: (number | null)[] = [];
  const yb: (number | null)[] = [];
  let i = 0;
  let j = 0;
  while (i < a.t.length || j < b.t.length) {
    const ta = i < a.t.length ? a.t[i]! : Infinity;
    const tb = j < b.t.length ? b.t[j]! : Infinity;
    const t = Math.min(ta, tb);
    xs.push(t / 1000);
    ya.push(ta === t ? a.v[i++]! : null);
    yb.push(tb === t ? b.v[j++]! : null);
  }
  return [xs, ya, yb];
}
