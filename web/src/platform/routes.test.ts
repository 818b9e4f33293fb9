import { describe, expect, test } from 'vitest';
import { followTokenFrom, navFor, pathFor, routeFor, screenFor, sectionOf } from './routes';

describe('routes', () => {
  test('doctor and patient reach consultations, rooms and replays', () => {
    expect(routeFor('/', 'doctor')).toEqual({ screen: 'board' });
    expect(routeFor('/consultations', 'doctor')).toEqual({ screen: 'consultations' });
    expect(routeFor('/consultations/', 'patient')).toEqual({ screen: 'consultations' });
    expect(routeFor('/consultations/12', 'patient')).toEqual({ screen: 'room', id: 12 });
    expect(routeFor('/consultations/12/replay', 'doctor')).toEqual({ screen: 'replay', id: 12 });
  });

  test('the pre-call test page is reached from the invitation link and sits under consultations', () => {
    expect(routeFor('/consultations/12/precall', 'patient')).toEqual({ screen: 'precall', id: 12 });
    expect(pathFor({ screen: 'precall', id: 12 })).toBe('/consultations/12/precall');
    expect(sectionOf('precall')).toBe('consultations');
  });

  test('unknown addresses and admins land home', () => {
    expect(routeFor('/nope', 'doctor')).toEqual({ screen: 'board' });
    expect(routeFor('/consultations/x', 'patient')).toEqual({ screen: 'board' });
    expect(routeFor('/consultations/12', 'admin')).toEqual({ screen: 'devices' });
    expect(routeFor('/rotas', 'admin')).toEqual({ screen: 'rotas' });
    expect(routeFor('/rotas', 'doctor')).toEqual({ screen: 'rotas' });
    expect(routeFor('/rotas', 'patient')).toEqual({ screen: 'board' });
  });

  test('the alert history is a doctor\'s page', () => {
    expect(routeFor('/alerts', 'doctor')).toEqual({ screen: 'alerts' });
    expect(routeFor('/alerts', 'patient')).toEqual({ screen: 'board' });
    expect(pathFor({ screen: 'alerts' })).toBe('/alerts');
  });

  test('the triage board is a doctor\'s page', () => {
    expect(routeFor('/triage', 'doctor')).toEqual({ screen: 'triage' });
    expect(routeFor('/security', 'doctor')).toEqual({ screen: 'security' });
    expect(routeFor('/security', 'admin')).toEqual({ screen: 'security' });
    expect(routeFor('/security', 'patient')).toEqual({ screen: 'board' });
    expect(routeFor('/triage', 'patient')).toEqual({ screen: 'board' });
    expect(routeFor('/triage', 'admin')).toEqual({ screen: 'devices' });
    expect(pathFor({ screen: 'triage' })).toBe('/triage');
  });

  test('the devices page is a doctor\'s (their patients\' devices, to command) and an admin\'s home, never a patient\'s', () => {
    expect(routeFor('/devices', 'doctor')).toEqual({ screen: 'devices' });
    expect(routeFor('/devices', 'patient')).toEqual({ screen: 'board' });
    expect(routeFor(pathFor({ screen: 'devices' }), 'admin')).toEqual({ screen: 'devices' });
  });

  test('paths round-trip', () => {
    for (const r of [{ screen: 'consultations' }, { screen: 'room', id: 3 }, { screen: 'replay', id: 3 }, { screen: 'devices' }] as const) {
      expect(routeFor(pathFor(r), 'doctor')).toEqual(r);
    }
  });

  test('navigation per role; the room belongs to consultations', () => {
    expect(navFor('doctor').map((n) => n.screen)).toEqual(['board', 'triage', 'consultations', 'alerts', 'rotas', 'devices']);
    expect(navFor('patient').map((n) => n.label)).toEqual(['nav.myData', 'nav.myConsultations', 'nav.followers', 'nav.privacy']);
    expect(navFor('admin').map((n) => n.screen)).toEqual(['accounts', 'adminPatients', 'devices', 'system', 'rotas', 'erasure']);
    expect(sectionOf('room')).toBe('consultations');
    expect(sectionOf('board')).toBe('board');
  });

  test('a follower has one home, whatever the address; a follower link opens the join page for anyone', () => {
    const link = '/follow/abcdefghijklmnopqrstuvwxyz_-0123';
    expect(routeFor('/', 'follower')).toEqual({ screen: 'following' });
    expect(routeFor('/alerts', 'follower')).toEqual({ screen: 'following' });
    expect(routeFor('/consultations/3', 'follower')).toEqual({ screen: 'following' });
    expect(routeFor(link, 'follower')).toEqual({ screen: 'followJoin', token: 'abcdefghijklmnopqrstuvwxyz_-0123' });
    expect(routeFor(link, 'doctor').screen).toBe('followJoin');
    expect(routeFor('/followers', 'patient')).toEqual({ screen: 'followers' });
    expect(routeFor('/followers', 'doctor')).toEqual({ screen: 'board' });
    expect(followTokenFrom('/follow/short')).toBeNull();
    expect(navFor('follower').map((n) => n.screen)).toEqual(['following']);
  });
});

describe('role-aware screens', () => {
  const user = (role: 'doctor' | 'patient' | 'admin') => ({ id: 1, email: 'x', displayName: 'X', role, patientId: null });
  test('admins get devices and never the clinical board; others get the board', () => {
    expect(screenFor({ status: 'signedIn', user: user('admin') })).toBe('devices');
    expect(screenFor({ status: 'signedIn', user: user('doctor') })).toBe('board');
    expect(screenFor({ status: 'signedIn', user: user('patient') })).toBe('board');
    expect(screenFor({ status: 'restoring' })).toBe('restoring');
    expect(screenFor({ status: 'signedOut', reason: 'expired' })).toBe('login');
    expect(screenFor({ status: 'signedOut', reason: 'loggedOut' })).toBe('login');
    expect(navFor('admin').map((n) => n.screen)).not.toContain('board');
    expect(navFor('patient').map((n) => n.label)).toEqual(['nav.myData', 'nav.myConsultations', 'nav.followers', 'nav.privacy']);
  });
});

describe('GDPR pages', () => {
  test('"My data" is a patient\'s, the erasure requests an admin\'s', () => {
    expect(routeFor('/my-data', 'patient')).toEqual({ screen: 'privacy' });
    expect(routeFor('/my-data', 'doctor')).toEqual({ screen: 'board' });
    expect(routeFor('/admin/erasure-requests', 'admin')).toEqual({ screen: 'erasure' });
    expect(routeFor('/admin/erasure-requests', 'patient')).toEqual({ screen: 'board' });
    expect(pathFor({ screen: 'privacy' })).toBe('/my-data');
  });
});
