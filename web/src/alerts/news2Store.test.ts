import { expect, test, vi } from 'vitest';
import { News2Store } from './news2Store';
import type { News2Dto } from './types';

const dto = (over: Partial<News2Dto>): News2Dto => ({
  patientId: 1, adult: true, total: 2, risk: 'low', complete: true, missing: [], scores: null, computedAt: '2026-11-24T10:00:00Z',
  inputs: { consciousness: null, onSupplementalOxygen: null, useScale2: false }, ...over,
});

test('the later computation wins and only that patient is notified', () => {
  const s = new News2Store();
  const one = vi.fn();
  const two = vi.fn();
  s.subscribe(1, one);
  s.subscribe(2, two);
  s.set(dto({ total: 5, computedAt: '2026-11-24T10:00:05Z' }));
  s.set(dto({ total: 2, computedAt: '2026-11-24T10:00:01Z' })); // an older read arriving late
  expect(s.get(1)?.total).toBe(5);
  expect(one).toHaveBeenCalledTimes(1);
  expect(two).not.toHaveBeenCalled();
});
