import { describe, expect, test, vi } from 'vitest';
import { alert } from './fixtures';
import { alertsOfPatient, AlertStore, compareAlerts, isNewer, isPaged, RECENT_MAX, shouldCall } from './store';

const NOW = Date.parse('2026-11-24T10:05:00Z');
const store = () => new AlertStore(() => NOW);
const ids = (list: readonly { id: string }[]) => list.map((a) => a.id);

describe('AlertStore', () => {
  test('an event adds an alert to the active list and notifies', () => {
    const s = store();
    const listener = vi.fn();
    s.subscribe(listener);
    s.event(alert({ id: 'a' }));
    expect(ids(s.getSnapshot().active)).toEqual(['a']);
    expect(listener).toHaveBeenCalledTimes(1);
  });

  test('upsert by id: the newer copy replaces the older one', () => {
    const s = store();
    s.event(alert({ id: 'a', occurrences: 2 }));
    s.event(alert({ id: 'a', event: 'updated', lastSeenAt: '2026-11-24T10:00:05Z', occurrences: 3, value: 140 }));
    expect(s.getSnapshot().active).toHaveLength(1);
    expect(s.get('a')?.value).toBe(140);
  });

  test('an older copy (a snapshot read before an acknowledgement) does not undo the acknowledgement', () => {
    const s = store();
    s.event(alert({ id: 'a', status: 'acknowledged', event: 'acknowledged', acknowledgedByName: 'Dr Paul Girard', acknowledgedAt: '2026-11-24T10:01:00Z' }));
    const before = s.getSnapshot();
    s.loadActive([alert({ id: 'a', event: 'snapshot' })]);
    expect(s.get('a')?.status).toBe('acknowledged');
    expect(s.getSnapshot().active[0]?.acknowledgedByName).toBe('Dr Paul Girard');
    expect(s.getSnapshot().active).toEqual(before.active);
  });

  test('the snapshot object changes only when something changed', () => {
    const s = store();
    s.event(alert({ id: 'a' }));
    const snap = s.getSnapshot();
    s.event(alert({ id: 'a' })); // same copy again: a tie is accepted, but…
    s.upsert(alert({ id: 'a', occurrences: 1 })); // …a lower count at the same time is not
    expect(s.getSnapshot().active[0]?.occurrences).toBe(2);
    expect(snap.active.map((a) => a.id)).toEqual(['a']);
  });

  test('ordering: unacknowledged critical first, then newest raised first', () => {
    const s = store();
    s.upsert(
      alert({ id: 'old-critical', raisedAt: '2026-11-24T09:00:00Z', lastSeenAt: '2026-11-24T09:00:00Z' }),
      alert({ id: 'new-warning', severity: 'warning', raisedAt: '2026-11-24T10:04:00Z', lastSeenAt: '2026-11-24T10:04:00Z' }),
      alert({ id: 'ack-critical', status: 'acknowledged', raisedAt: '2026-11-24T10:03:00Z', acknowledgedAt: '2026-11-24T10:03:30Z' }),
      alert({ id: 'new-critical', raisedAt: '2026-11-24T10:02:00Z', lastSeenAt: '2026-11-24T10:02:00Z' }),
      alert({ id: 'major', severity: 'major', raisedAt: '2026-11-24T10:01:00Z', lastSeenAt: '2026-11-24T10:01:00Z' }),
    );
    expect(ids(s.getSnapshot().active)).toEqual(['new-critical', 'old-critical', 'new-warning', 'ack-critical', 'major']);
  });

  test('a resolved alert leaves the active list for the recent list', () => {
    const s = store();
    s.event(alert({ id: 'a' }));
    s.event(alert({ id: 'a', status: 'resolved', event: 'resolved', resolvedAt: '2026-11-24T10:04:00Z', resolvedByName: 'Dr Awa Sarr', resolutionNote: 'ok' }));
    expect(s.getSnapshot().active).toEqual([]);
    expect(ids(s.getSnapshot().recent)).toEqual(['a']);
  });

  test('the recent list is short, newest first, and forgets old resolutions', () => {
    const s = store();
    for (let i = 0; i < RECENT_MAX + 2; i++)
      s.upsert(alert({ id: `r${i}`, status: 'resolved', resolvedAt: new Date(NOW - (i + 1) * 60_000).toISOString() }));
    s.upsert(alert({ id: 'ancient', status: 'resolved', resolvedAt: '2026-11-24T08:00:00Z' }));
    expect(ids(s.getSnapshot().recent)).toEqual(['r0', 'r1', 'r2', 'r3', 'r4']);
  });

  test('loadActive drops open alerts the server no longer lists (closed while disconnected)', () => {
    const s = store();
    s.event(alert({ id: 'gone' }));
    s.event(alert({ id: 'kept' }));
    s.loadActive([alert({ id: 'kept', event: 'snapshot' }), alert({ id: 'new', event: 'snapshot' })]);
    expect(ids(s.getSnapshot().active).sort()).toEqual(['kept', 'new']);
  });

  test('loadActive keeps an alert raised while the request was on its way', () => {
    const s = store();
    s.event(alert({ id: 'closed-meanwhile' }));
    const mark = s.mark(); // the request leaves
    s.event(alert({ id: 'raised-meanwhile' })); // the hub is faster than the answer
    s.loadActive([], mark);
    expect(ids(s.getSnapshot().active)).toEqual(['raised-meanwhile']);
  });

  test('event listeners hear live events only, and only when they changed something', () => {
    const s = store();
    const heard = vi.fn();
    s.onEvent(heard);
    s.upsert(alert({ id: 'rest' }));
    s.event(alert({ id: 'live' }));
    s.event(alert({ id: 'live', occurrences: 1 })); // stale
    expect(heard.mock.calls.map((c) => (c[0] as { id: string }).id)).toEqual(['live']);
  });
});

describe('isNewer', () => {
  test('status only goes forward', () => {
    const raised = alert({ lastSeenAt: '2026-11-24T10:09:00Z' });
    const acked = alert({ status: 'acknowledged', acknowledgedAt: '2026-11-24T10:01:00Z' });
    expect(isNewer(acked, raised)).toBe(true);
    expect(isNewer(raised, acked)).toBe(false);
  });
  test('same status: later change, then higher escalation level', () => {
    expect(isNewer(alert({ lastSeenAt: '2026-11-24T10:00:01Z' }), alert())).toBe(true);
    expect(isNewer(alert({ escalationLevel: 1, event: 'escalated' }), alert())).toBe(true);
    expect(isNewer(alert(), alert({ escalationLevel: 1 }))).toBe(false);
  });
});

describe('paging', () => {
  test('am I paged: my id is in paged and the alert is still unacknowledged', () => {
    expect(isPaged(alert({ paged: [2, 5] }), 5)).toBe(true);
    expect(isPaged(alert({ paged: [2] }), 5)).toBe(false);
    expect(isPaged(alert({ paged: [5], status: 'acknowledged' }), 5)).toBe(false);
    expect(isPaged(alert({ paged: [5] }), null)).toBe(false);
  });
  test('raised, escalated and reminder events call; updates and acknowledgements do not', () => {
    for (const event of ['raised', 'escalated', 'reminder'] as const) expect(shouldCall(alert({ event, paged: [5] }), 5)).toBe(true);
    for (const event of ['updated', 'snapshot'] as const) expect(shouldCall(alert({ event, paged: [5] }), 5)).toBe(false);
    expect(shouldCall(alert({ event: 'raised', paged: [2] }), 5)).toBe(false);
  });
});

test('compareAlerts is a total order (id breaks ties)', () => {
  const a = alert({ id: 'a' });
  const b = alert({ id: 'b' });
  expect(compareAlerts(a, b)).toBeLessThan(0);
  expect(compareAlerts(b, a)).toBeGreaterThan(0);
});

describe('alertsOfPatient', () => {
  test("keeps one patient's open and recently resolved alerts, in the store's order", () => {
    const s = store();
    s.event(alert({ id: 'a', patientId: 1, raisedAt: '2026-11-24T10:00:00Z' }));
    s.event(alert({ id: 'b', patientId: 2, raisedAt: '2026-11-24T10:01:00Z' }));
    s.event(alert({ id: 'c', patientId: 1, raisedAt: '2026-11-24T10:02:00Z', severity: 'warning' }));
    s.event(alert({ id: 'd', patientId: null, kind: 'system', raisedAt: '2026-11-24T10:03:00Z' }));
    s.event(alert({ id: 'e', patientId: 1, status: 'resolved', event: 'resolved', resolvedAt: '2026-11-24T10:04:00Z' }));
    s.event(alert({ id: 'f', patientId: 2, status: 'resolved', event: 'resolved', resolvedAt: '2026-11-24T10:04:30Z' }));
    const mine = alertsOfPatient(s.getSnapshot(), 1);
    expect(ids(mine.active)).toEqual(['a', 'c']); // the unacknowledged critical one first
    expect(ids(mine.recent)).toEqual(['e']);
    expect(alertsOfPatient(s.getSnapshot(), 3)).toEqual({ active: [], recent: [] });
  });
});
