import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { MemoryOutboxStore, Outbox, backoffDelay, httpSender, type SendResult } from './outbox';
import type { StandardMessage } from './signing';

const msg = (id: string) => ({ header: { message_id: id } }) as unknown as StandardMessage;
const ids = (messages: StandardMessage[]) => messages.map((m) => m.header.message_id);
const ok = (n: number): SendResult => ({ kind: 'ok', stored: n, duplicate: 0, rejected: 0 });

/** A server whose answers the test chooses, one per request, recording what it was sent. */
function scriptedServer(...answers: SendResult[]) {
  const sent: string[][] = [];
  const send = vi.fn(async (messages: StandardMessage[]) => {
    sent.push(ids(messages));
    return answers.shift() ?? ok(messages.length);
  });
  return { sent, send };
}

describe('backoff', () => {
  test('doubles from 1 s up to 60 s, with jitter taking at most a quarter off', () => {
    expect([1, 2, 3, 4, 7, 8, 20].map((n) => backoffDelay(n, 1000, 60_000, () => 1))).toEqual([1000, 2000, 4000, 8000, 60_000, 60_000, 60_000]);
    expect(backoffDelay(3, 1000, 60_000, () => 0)).toBe(3000);
  });
});

describe('relay outbox', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  test('a batch is sent and deleted after the 200', async () => {
    const store = new MemoryOutboxStore();
    const server = scriptedServer();
    const outbox = new Outbox(store, server.send);
    await outbox.enqueue([msg('a'), msg('b')]);
    await outbox.idle();
    expect(server.sent).toEqual([['a', 'b']]);
    expect(await store.all()).toEqual([]);
    expect(outbox.current).toMatchObject({ state: 'idle', sentReadings: 2, queuedReadings: 0 });
  });

  test('network loss keeps the batch and retries with backoff until the 200', async () => {
    const store = new MemoryOutboxStore();
    const server = scriptedServer({ kind: 'network' }, { kind: 'http', status: 503 }, { kind: 'network' });
    const outbox = new Outbox(store, server.send, { random: () => 1 });
    await outbox.enqueue([msg('a')]);
    await outbox.idle();
    expect(outbox.current).toMatchObject({ state: 'waiting', failures: 1, queuedReadings: 1 });
    expect((await store.all()).map((b) => b.attempts)).toEqual([1]);

    // Readings keep coming while offline: queued behind, none sent out of order.
    await outbox.enqueue([msg('b')]);
    expect(server.sent).toHaveLength(1);
    expect(outbox.current.queuedReadings).toBe(2);

    await vi.advanceTimersByTimeAsync(999);
    expect(server.sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1); // 1 s: the 503
    expect(server.sent).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(2000); // 2 s: network again
    expect(server.sent).toHaveLength(3);
    await vi.advanceTimersByTimeAsync(3999);
    expect(server.sent).toHaveLength(3);
    await vi.advanceTimersByTimeAsync(1); // 4 s: both go through, oldest first
    await outbox.idle();
    expect(server.sent).toEqual([['a'], ['a'], ['a'], ['a'], ['b']]);
    expect(await store.all()).toEqual([]);
    expect(outbox.current).toMatchObject({ state: 'idle', failures: 0, sentReadings: 2, lastError: null });
  });

  test("a busy server's Retry-After is waited out instead of the shorter backoff", async () => {
    const server = scriptedServer({ kind: 'http', status: 503, retryAfterMs: 5000 });
    const outbox = new Outbox(new MemoryOutboxStore(), server.send, { random: () => 1 });
    await outbox.enqueue([msg('a')]);
    await outbox.idle();
    expect(outbox.current).toMatchObject({ state: 'waiting', lastError: 'HTTP 503' });
    await vi.advanceTimersByTimeAsync(4999); // long past the first backoff (1 s)
    expect(server.sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    await outbox.idle();
    expect(server.sent).toEqual([['a'], ['a']]);
    expect(outbox.current).toMatchObject({ state: 'idle', sentReadings: 1 });
  });

  test('back online, it tries at once instead of waiting out the backoff', async () => {
    const server = scriptedServer({ kind: 'network' }, { kind: 'network' }, { kind: 'network' });
    const outbox = new Outbox(new MemoryOutboxStore(), server.send, { random: () => 1 });
    await outbox.enqueue([msg('a')]);
    await vi.advanceTimersByTimeAsync(1000 + 2000);
    expect(outbox.current.nextRetryAt).not.toBeNull();
    expect(server.sent).toHaveLength(3);
    await outbox.kick();
    expect(server.sent).toHaveLength(4);
    expect(outbox.current.state).toBe('idle');
  });

  test('what an earlier page left in the store is sent on resume (a reload loses nothing)', async () => {
    const store = new MemoryOutboxStore();
    const first = new Outbox(store, async () => ({ kind: 'network' }));
    await first.enqueue([msg('a')]);
    await first.enqueue([msg('b'), msg('c')]);
    first.stop(); // the tab is closed

    const server = scriptedServer();
    const second = new Outbox(store, server.send);
    await second.resume();
    expect(server.sent).toEqual([['a'], ['b', 'c']]);
    expect(await store.all()).toEqual([]);
  });

  test('a 200 with items refused one by one deletes the batch and counts them', async () => {
    const store = new MemoryOutboxStore();
    const outbox = new Outbox(store, async () => ({ kind: 'ok', stored: 1, duplicate: 1, rejected: 1 }));
    await outbox.enqueue([msg('a'), msg('b'), msg('c')]);
    await outbox.idle();
    expect(await store.all()).toEqual([]);
    expect(outbox.current).toMatchObject({ sentReadings: 2, rejectedReadings: 1 });
  });

  test('401 pauses the outbox and keeps every batch until it is resumed', async () => {
    const store = new MemoryOutboxStore();
    const server = scriptedServer({ kind: 'http', status: 401 });
    const outbox = new Outbox(store, server.send);
    await outbox.enqueue([msg('a')]);
    await outbox.idle();
    await outbox.enqueue([msg('b')]);
    await vi.advanceTimersByTimeAsync(120_000);
    expect(server.sent).toEqual([['a']]);
    expect(outbox.current).toMatchObject({ state: 'unauthorized', queuedReadings: 2 });

    await outbox.resume();
    expect(server.sent).toEqual([['a'], ['a'], ['b']]);
    expect(await store.all()).toEqual([]);
  });

  test('a batch refused whole for good is held, kept, and does not block the next', async () => {
    const store = new MemoryOutboxStore();
    const server = scriptedServer({ kind: 'http', status: 413 });
    const outbox = new Outbox(store, server.send);
    await outbox.enqueue([msg('a')]);
    await outbox.idle();
    await outbox.enqueue([msg('b')]);
    await outbox.idle();
    expect(server.sent).toEqual([['a'], ['b']]);
    expect((await store.all()).map((b) => [ids(b.messages), b.held])).toEqual([[['a'], 'HTTP 413']]);
    expect(outbox.current).toMatchObject({ state: 'idle', heldBatches: 1, queuedReadings: 0 });
  });

  test('one batch at a time: enqueues during a send wait their turn', async () => {
    let release!: () => void;
    const sent: string[][] = [];
    const outbox = new Outbox(new MemoryOutboxStore(), async (m) => {
      sent.push(ids(m));
      if (sent.length === 1) await new Promise<void>((r) => (release = r));
      return ok(m.length);
    });
    await outbox.enqueue([msg('a')]);
    await outbox.enqueue([msg('b')]);
    await outbox.enqueue([msg('c')]);
    expect(sent).toEqual([['a']]);
    release();
    await outbox.idle();
    expect(sent).toEqual([['a'], ['b'], ['c']]);
  });
});

describe('http sender', () => {
  test('posts {messages} and reads the receipt', async () => {
    const fetchImpl = vi.fn(async () => new Response(JSON.stringify({ stored: 2, duplicates: 1, rejected: 0, results: [] }), { status: 200 }));
    const result = await httpSender('/api/v1/iot/mobile-data', fetchImpl as unknown as typeof fetch)([msg('a')]);
    expect(result).toEqual({ kind: 'ok', stored: 2, duplicate: 1, rejected: 0 });
    const [url, init] = fetchImpl.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/v1/iot/mobile-data');
    expect(init.method).toBe('POST');
    expect(JSON.parse(init.body as string)).toEqual({ messages: [{ header: { message_id: 'a' } }] });
  });
  test('a failed fetch is a network failure, another status is named', async () => {
    const down = httpSender('/x', (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof fetch);
    expect(await down([msg('a')])).toEqual({ kind: 'network', message: 'Failed to fetch' });
    const busy = httpSender('/x', (async () => new Response('', { status: 429 })) as typeof fetch);
    expect(await busy([msg('a')])).toEqual({ kind: 'http', status: 429 });
  });
  test("a 503's Retry-After in seconds is passed on; a date is left to the usual backoff", async () => {
    const seconds = httpSender('/x', (async () => new Response('', { status: 503, headers: { 'retry-after': '3' } })) as typeof fetch);
    expect(await seconds([msg('a')])).toEqual({ kind: 'http', status: 503, retryAfterMs: 3000 });
    const date = httpSender('/x', (async () => new Response('', { status: 503, headers: { 'retry-after': 'Wed, 21 Oct 2026 07:28:00 GMT' } })) as typeof fetch);
    expect((await date([msg('a')])) as { retryAfterMs?: number }).not.toHaveProperty('retryAfterMs', expect.any(Number));
  });
});
