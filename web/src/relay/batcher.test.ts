import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { Batcher } from './batcher';

describe('relay batcher', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  test('flushes at 10 readings without waiting', () => {
    const batches: number[][] = [];
    const b = new Batcher<number>((x) => batches.push(x));
    for (let i = 1; i <= 9; i++) b.add(i);
    expect(batches).toEqual([]);
    b.add(10);
    expect(batches).toEqual([[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]]);
    expect(b.pendingCount).toBe(0);
    // The 5 s timer of that batch is gone: nothing more is flushed.
    vi.advanceTimersByTime(10_000);
    expect(batches).toHaveLength(1);
  });

  test('flushes 5 s after the first reading of a batch when fewer than 10 came', () => {
    const batches: number[][] = [];
    const b = new Batcher<number>((x) => batches.push(x));
    b.add(1);
    vi.advanceTimersByTime(3000);
    b.add(2);
    vi.advanceTimersByTime(1999);
    expect(batches).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(batches).toEqual([[1, 2]]);
  });

  test('a strap at 1 Hz gives a batch of 5 every 5 s; at 4 Hz a batch of 10 every 2.5 s', () => {
    const slow: number[][] = [];
    const b1 = new Batcher<number>((x) => slow.push(x));
    for (let i = 0; i < 10; i++) {
      b1.add(i);
      vi.advanceTimersByTime(1000);
    }
    expect(slow.map((x) => x.length)).toEqual([5, 5]);

    const fast: number[][] = [];
    const b2 = new Batcher<number>((x) => fast.push(x));
    for (let i = 0; i < 20; i++) {
      b2.add(i);
      vi.advanceTimersByTime(250);
    }
    expect(fast.map((x) => x.length)).toEqual([10, 10]);
  });

  test('no reading, no batch; flushNow sends what is pending', () => {
    const batches: number[][] = [];
    const b = new Batcher<number>((x) => batches.push(x));
    vi.advanceTimersByTime(60_000);
    b.flushNow();
    expect(batches).toEqual([]);
    b.add(7);
    b.flushNow();
    expect(batches).toEqual([[7]]);
    vi.advanceTimersByTime(5000);
    expect(batches).toHaveLength(1);
  });

  test('size and wait can be chosen', () => {
    const batches: string[][] = [];
    const b = new Batcher<string>((x) => batches.push(x), { size: 2, maxWaitMs: 100 });
    b.add('a');
    b.add('b');
    b.add('c');
    vi.advanceTimersByTime(100);
    expect(batches).toEqual([['a', 'b'], ['c']]);
  });
});
