import { expect, test } from 'vitest';
import { alert } from './fixtures';
import { appendPage, historyQuery, NO_FILTERS } from './history';

test('filters become the query; empty ones are left out', () => {
  expect(historyQuery(NO_FILTERS)).toEqual({ limit: 50 });
  expect(historyQuery({ status: 'resolved', severity: 'critical', kind: 'threshold', patientId: '3', from: '' }, '2026-11-24T10:00:00Z')).toEqual({
    limit: 50, status: 'resolved', severity: 'critical', kind: 'threshold', patientId: 3, before: '2026-11-24T10:00:00Z',
  });
});

test('the from date is local time, sent as an instant', () => {
  const q = historyQuery({ ...NO_FILTERS, from: '2026-11-24T08:30' });
  expect(q.from).toBe(new Date(2026, 10, 24, 8, 30).toISOString());
  expect(historyQuery({ ...NO_FILTERS, from: 'garbage' }).from).toBeUndefined();
});

test('pages append without duplicates; a full page means there may be more', () => {
  const a = alert({ id: 'a', raisedAt: '2026-11-24T10:00:03Z' });
  const b = alert({ id: 'b', raisedAt: '2026-11-24T10:00:02Z' });
  const c = alert({ id: 'c', raisedAt: '2026-11-24T10:00:01Z' });
  const first = appendPage([], [a, b], 2);
  expect(first).toMatchObject({ more: true, before: '2026-11-24T10:00:02Z' });
  const second = appendPage(first.items, [b, c], 2);
  expect(second.items.map((x) => x.id)).toEqual(['a', 'b', 'c']);
  expect(appendPage(second.items, [], 2)).toMatchObject({ more: false, before: '2026-11-24T10:00:01Z' });
});
