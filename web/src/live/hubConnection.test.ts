import { expect, test } from 'vitest';
import { retryDelay } from './hubConnection';

test('hub reconnect never gives up and backs off to 10 s', () => {
  expect([0, 1, 2, 3, 4, 50].map(retryDelay)).toEqual([0, 1000, 2000, 5000, 10_000, 10_000]);
});
