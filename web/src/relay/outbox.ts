import type { StandardMessage } from './signing';

/**
 * The relay's outbox: batches of signed messages waiting for the server. A batch is written to the store before any
 * attempt to send it and deleted only after the server's 200 (its per-item answer counted), so a reload, a closed tab
 * or a lost network loses nothing; the messages keep their message_id, so a batch sent twice (answer lost on the
 * way) is stored once. Sending is one batch at a time, oldest first. A network failure, a 5xx, 408 or 429 waits with
 * exponential backoff (1 s, 2 s, 4 s … up to 60 s, with jitter), sooner when the browser says it is back online.
 * A 401/403 means the pairing is wrong: the outbox pauses, keeping everything, until it is resumed after pairing
 * again. Any other refusal of the whole batch (400, 413, 422) would never succeed: the batch is held (kept, not
 * retried, counted) so that it does not block the ones behind it.
 */

export interface OutboxBatch {
  /** Store key, increasing: the send order. */
  seq: number;
  createdAt: number;
  messages: StandardMessage[];
  attempts: number;
  /** Why the server refused the whole batch for good; held batches are kept but not sent again. */
  held?: string;
}

/** Where batches wait: IndexedDB in the browser (idbStore.ts), memory in tests. */
export interface OutboxStore {
  add(batch: Omit<OutboxBatch, 'seq'>): Promise<number>;
  put(batch: OutboxBatch): Promise<void>;
  delete(seq: number): Promise<void>;
  /** Every batch, by seq. */
  all(): Promise<OutboxBatch[]>;
}

export type SendResult =
  | { kind: 'ok'; stored: number; duplicate: number; rejected: number }
  | { kind: 'network'; message?: string }
  /** `retryAfterMs`: a busy server's Retry-After (503/429), waited out instead of a shorter backoff. */
  | { kind: 'http'; status: number; retryAfterMs?: number };

export type Sender = (messages: StandardMessage[]) => Promise<SendResult>;

export type OutboxState = 'idle' | 'sending' | 'waiting' | 'unauthorized' | 'stopped';

export interface OutboxStats {
  state: OutboxState;
  queuedBatches: number;
  queuedReadings: number;
  heldBatches: number;
  /** Since this page started: readings the server stored (or had already, as duplicates). */
  sentReadings: number;
  /** Since this page started: readings the server answered 200 for but refused one by one (e.g. out of range). */
  rejectedReadings: number;
  failures: number;
  nextRetryAt: number | null;
  lastError: string | null;
}

export interface OutboxOptions {
  baseDelayMs?: number;
  maxDelayMs?: number;
  random?: () => number;
  now?: () => number;
}

/** Backoff after `failures` failures in a row: base·2^(n−1), capped, scaled by 0.75–1 (jitter). */
export function backoffDelay(failures: number, base = 1000, max = 60_000, random = Math.random): number {
  const raw = Math.min(max, base * 2 ** Math.max(0, failures - 1));
  return Math.round(raw * (0.75 + 0.25 * random()));
}

const retryable = (status: number) => status >= 500 || status === 408 || status === 429;

export class Outbox {
  private stats: OutboxStats = {
    state: 'idle',
    queuedBatches: 0,
    queuedReadings: 0,
    heldBatches: 0,
    sentReadings: 0,
    rejectedReadings: 0,
    failures: 0,
    nextRetryAt: null,
    lastError: null,
  };
  private readonly listeners = new Set<(s: OutboxStats) => void>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private readonly opts: Required<OutboxOptions>;

  constructor(
    private readonly store: OutboxStore,
    private readonly send: Sender,
    options: OutboxOptions = {},
  ) {
    this.opts = { baseDelayMs: 1000, maxDelayMs: 60_000, random: Math.random, now: Date.now, ...options };
  }

  get current(): OutboxStats {
    return this.stats;
  }

  subscribe(listener: (s: OutboxStats) => void): () => void {
    this.listeners.add(listener);
    listener(this.stats);
    return () => this.listeners.delete(listener);
  }

  /** Keeps a batch (durably) and sends it when its turn comes. */
  async enqueue(messages: StandardMessage[]): Promise<void> {
    if (messages.length === 0) return;
    await this.store.add({ createdAt: this.opts.now(), messages, attempts: 0 });
    await this.refreshCounts();
    if (this.stats.state !== 'waiting' && this.stats.state !== 'unauthorized') void this.pump();
  }

  /** Starts (or restarts after a pause) sending what the store holds, e.g. batches left by an earlier page. */
  resume(): Promise<void> {
    this.stopped = false;
    this.clearTimer();
    if (this.stats.state === 'unauthorized' || this.stats.state === 'stopped') this.update({ state: 'idle' });
    return this.pump();
  }

  /** Tries now instead of waiting out the backoff (the browser is back online). */
  kick(): Promise<void> {
    if (this.stopped || this.stats.state === 'unauthorized') return Promise.resolve();
    this.clearTimer();
    return this.pump();
  }

  stop(): void {
    this.stopped = true;
    this.clearTimer();
    this.update({ state: 'stopped', nextRetryAt: null });
  }

  /** Resolves when the current sending round is over (tests, and the page before it closes). */
  idle(): Promise<void> {
    return this.running ?? Promise.resolve();
  }

  private pump(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.loop().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async loop(): Promise<void> {
    do {
      this.again = false;
      if (!(await this.round())) return;
    } while (this.again);
  }

  /** Sends batches until the store is empty or a failure makes it wait; false when it must stop. */
  private async round(): Promise<boolean> {
    for (;;) {
      if (this.stopped) return false;
      const batches = await this.store.all();
      this.setCounts(batches);
      const next = batches.find((b) => !b.held);
      if (!next) {
        this.update({ state: 'idle', nextRetryAt: null });
        return true;
      }
      this.update({ state: 'sending' });
      let result: SendResult;
      try {
        result = await this.send(next.messages);
      } catch (e) {
        result = { kind: 'network', message: e instanceof Error ? e.message : String(e) };
      }
      if (this.stopped) return false;

      if (result.kind === 'ok') {
        await this.store.delete(next.seq);
        this.update({
          failures: 0,
          lastError: null,
          sentReadings: this.stats.sentReadings + result.stored + result.duplicate,
          rejectedReadings: this.stats.rejectedReadings + result.rejected,
        });
        continue;
      }
      if (result.kind === 'http' && (result.status === 401 || result.status === 403)) {
        await this.store.put({ ...next, attempts: next.attempts + 1 });
        this.update({ state: 'unauthorized', lastError: `HTTP ${result.status}`, nextRetryAt: null });
        return false;
      }
      if (result.kind === 'http' && !retryable(result.status)) {
        await this.store.put({ ...next, attempts: next.attempts + 1, held: `HTTP ${result.status}` });
        this.update({ lastError: `HTTP ${result.status}` });
        continue;
      }
      await this.store.put({ ...next, attempts: next.attempts + 1 });
      const failures = this.stats.failures + 1;
      const backoff = backoffDelay(failures, this.opts.baseDelayMs, this.opts.maxDelayMs, this.opts.random);
      const delay = result.kind === 'http' && result.retryAfterMs ? Math.max(backoff, result.retryAfterMs) : backoff;
      const lastError = result.kind === 'http' ? `HTTP ${result.status}` : (result.message ?? 'network');
      this.update({ state: 'waiting', failures, lastError, nextRetryAt: this.opts.now() + delay });
      this.clearTimer();
      this.timer = setTimeout(() => {
        this.timer = null;
        void this.pump();
      }, delay);
      this.again = false;
      return false;
    }
  }

  private async refreshCounts(): Promise<void> {
    this.setCounts(await this.store.all());
  }

  private setCounts(batches: OutboxBatch[]): void {
    const waiting = batches.filter((b) => !b.held);
    this.update({
      queuedBatches: waiting.length,
      queuedReadings: waiting.reduce((n, b) => n + b.messages.length, 0),
      heldBatches: batches.length - waiting.length,
    });
  }

  private clearTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private update(patch: Partial<OutboxStats>): void {
    this.stats = { ...this.stats, ...patch };
    for (const l of this.listeners) l(this.stats);
  }
}

/** The outbox's store in memory (tests; a browser without IndexedDB). */
export class MemoryOutboxStore implements OutboxStore {
  private readonly batches = new Map<number, OutboxBatch>();
  private seq = 0;

  async add(batch: Omit<OutboxBatch, 'seq'>): Promise<number> {
    const seq = ++this.seq;
    this.batches.set(seq, structuredClone({ ...batch, seq }));
    return seq;
  }
  async put(batch: OutboxBatch): Promise<void> {
    this.batches.set(batch.seq, structuredClone(batch));
  }
  async delete(seq: number): Promise<void> {
    this.batches.delete(seq);
  }
  async all(): Promise<OutboxBatch[]> {
    return [...this.batches.values()].sort((a, b) => a.seq - b.seq).map((b) => structuredClone(b));
  }
}

/** Retry-After in seconds, as the server sends it; a date or nonsense is ignored (the usual backoff applies). */
function retryAfterMs(header: string | null): number | undefined {
  if (header === null || !/^\d{1,5}$/.test(header.trim())) return undefined;
  const seconds = Number(header.trim());
  return seconds > 0 ? seconds * 1000 : undefined;
}

/** POSTs a batch to the relay endpoint; the answer's counts, or why it failed. */
export function httpSender(url = '/api/v1/iot/mobile-data', fetchImpl: typeof fetch = (...a) => fetch(...a)): Sender {
  return async (messages) => {
    let res: Response;
    try {
      res = await fetchImpl(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ messages }) });
    } catch (e) {
      return { kind: 'network', message: e instanceof Error ? e.message : String(e) };
    }
    if (res.status !== 200) return { kind: 'http', status: res.status, retryAfterMs: retryAfterMs(res.headers.get('retry-after')) };
    try {
      // MobileBatchReceipt: {stored, duplicates, rejected, results[]}.
      const body = (await res.json()) as { stored?: number; duplicates?: number; rejected?: number };
      return { kind: 'ok', stored: body.stored ?? 0, duplicate: body.duplicates ?? 0, rejected: body.rejected ?? 0 };
    } catch {
      // A 200 is the server's word that the batch was handled; an unreadable body changes nothing to that.
      return { kind: 'ok', stored: messages.length, duplicate: 0, rejected: 0 };
    }
  };
}
