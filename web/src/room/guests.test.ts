import { describe, expect, test } from 'vitest';
import { joinTokenFrom, routeFor } from '../platform/routes';
import { guestRows, inviteNameError, joinUrl, loadInvites, saveInvites, upsertInvite, type GuestInvite } from './guests';
import type { ParticipantDto } from '../consultation/types';

const TOKEN = 'AbC_d-0123456789xyzXYZ0123456789abcdefghijk';

describe('invitation links', () => {
  test('the full link is this site and the server’s path', () => {
    expect(joinUrl('https://fajma.example', `/join/${TOKEN}`)).toBe(`https://fajma.example/join/${TOKEN}`);
    expect(joinUrl('http://127.0.0.1:5080/', `join/${TOKEN}`)).toBe(`http://127.0.0.1:5080/join/${TOKEN}`);
  });

  test('the token is read from /join/{token} only', () => {
    expect(joinTokenFrom(`/join/${TOKEN}`)).toBe(TOKEN);
    expect(joinTokenFrom(`/join/${TOKEN}/`)).toBe(TOKEN);
    expect(joinTokenFrom('/join/')).toBeNull();
    expect(joinTokenFrom('/join/short')).toBeNull();
    expect(joinTokenFrom(`/join/${TOKEN}/more`)).toBeNull();
    expect(joinTokenFrom('/join/has spaces in it here')).toBeNull();
  });

  test('the link route wins for every role; a guest otherwise reaches only a room', () => {
    expect(routeFor(`/join/${TOKEN}`, 'doctor')).toEqual({ screen: 'join', token: TOKEN });
    expect(routeFor(`/join/${TOKEN}`, 'guest')).toEqual({ screen: 'join', token: TOKEN });
    expect(routeFor('/consultations/4', 'guest')).toEqual({ screen: 'room', id: 4 });
    expect(routeFor('/consultations/4/replay', 'guest')).toEqual({ screen: 'guestHome' });
    expect(routeFor('/', 'guest')).toEqual({ screen: 'guestHome' });
  });
});

describe('invitations remembered by the doctor', () => {
  const g = (guestId: number, name: string, allowVitals = false): GuestInvite => ({ guestId, name, allowVitals, expiresAt: '2026-01-01T10:00:00Z' });
  const p = (userId: number, name: string, role: ParticipantDto['role'] = 'guest'): ParticipantDto => ({ userId, name, role, online: true });

  test('stored per consultation; a broken entry is ignored', () => {
    const mem = new Map<string, string>();
    const store = { getItem: (k: string) => mem.get(k) ?? null, setItem: (k: string, v: string) => void mem.set(k, v) };
    saveInvites(store, 7, [g(1, 'Moussa')]);
    expect(loadInvites(store, 7)).toEqual([g(1, 'Moussa')]);
    expect(loadInvites(store, 8)).toEqual([]);
    mem.set('fajma.guests.9', '{not json');
    expect(loadInvites(store, 9)).toEqual([]);
    expect(loadInvites(null, 7)).toEqual([]);
  });

  test('upsert replaces by guest id', () => {
    expect(upsertInvite([g(1, 'A'), g(2, 'B')], g(1, 'A', true))).toEqual([g(2, 'B'), g(1, 'A', true)]);
  });

  test('guests in the room are matched to invitations by name, in order; others have no switch', () => {
    const rows = guestRows([p(10, 'Doctor', 'doctor'), p(31, 'Moussa'), p(30, 'moussa '), p(32, 'Fatou')], [g(5, 'Moussa'), g(4, 'Moussa', true)]);
    expect(rows.map((r) => [r.participant.userId, r.invite?.guestId ?? null])).toEqual([
      [30, 4],
      [31, 5],
      [32, null],
    ]);
  });

  test('the server names each guest’s invitation and permission; remembered ones are only a fallback', () => {
    const rows = guestRows(
      [
        { ...p(31, 'Moussa'), guestId: 5, maySeeVitals: true },
        { ...p(30, 'Moussa'), guestId: 4, maySeeVitals: false },
        p(32, 'Fatou'),
        { ...p(33, 'Awa'), guestId: 9 },
      ],
      [g(5, 'Moussa'), g(4, 'Moussa', true), g(6, 'Fatou'), g(9, 'Awa', true)],
    );
    expect(rows.map((r) => [r.participant.userId, r.invite?.guestId ?? null, r.invite?.allowVitals ?? null])).toEqual([
      [30, 4, false],
      [31, 5, true],
      [32, 6, false],
      [33, 9, true],
    ]);
  });

  test('an invitation named by the server is not matched by name again', () => {
    const rows = guestRows([{ ...p(30, 'Moussa'), guestId: 4, maySeeVitals: false }, p(31, 'Moussa')], [g(4, 'Moussa')]);
    expect(rows.map((r) => r.invite?.guestId ?? null)).toEqual([4, null]);
  });

  test('a name is required, 100 characters at most', () => {
    expect(inviteNameError('  ')).toBe('required');
    expect(inviteNameError('x'.repeat(101))).toBe('tooLong');
    expect(inviteNameError('Moussa')).toBeNull();
  });
});
