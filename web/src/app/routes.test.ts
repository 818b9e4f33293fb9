import { describe, expect, test } from 'vitest';
import { navFor, pathFor, routeFor, sectionOf } from './routes';

describe('routes', () => {
  test('doctor and patient reach consultations, rooms and replays', () => {
    expect(routeFor('/', 'doctor')).toEqual({ screen: 'board' });
    expect(routeFor('/consultations', 'doctor')).toEqual({ screen: 'consultations' });
    expect(routeFor('/consultations/', 'patient')).toEqual({ screen: 'consultations' });
    expect(routeFor('/consultations/12', 'patient')).toEqual({ screen: 'room', id: 12 });
    expect(routeFor('/consultations/12/replay', 'doctor')).toEqual({ screen: 'replay', id: 12 });
  });

  test('unknown addresses and admins land home', () => {
    expect(routeFor('/nope', 'doctor')).toEqual({ screen: 'board' });
    expect(routeFor('/consultations/x', 'patient')).toEqual({ screen: 'board' });
    expect(routeFor('/consultations/12', 'admin')).toEqual({ screen: 'devices' });
  });

  test('the alert history is a doctor\'s page', () => {
    expect(routeFor('/alerts', 'doctor')).toEqual({ screen: 'alerts' });
    expect(routeFor('/alerts', 'patient')).toEqual({ screen: 'board' });
    expect(pathFor({ screen: 'alerts' })).toBe('/alerts');
  });

  test('paths round-trip', () => {
    for (const r of [{ screen: 'consultations' }, { screen: 'room', id: 3 }, { screen: 'replay', id: 3 }] as const) {
      expect(routeFor(pathFor(r), 'doctor')).toEqual(r);
    }
  });

  test('navigation per role; the room belongs to consultations', () => {
    expect(navFor('doctor').map((n) => n.screen)).toEqual(['board', 'consultations', 'alerts']);
    expect(navFor('patient').map((n) => n.label)).toEqual(['nav.myData', 'nav.myConsultations']);
    expect(navFor('admin').map((n) => n.screen)).toEqual(['devices']);
    expect(sectionOf('room')).toBe('consultations');
    expect(sectionOf('board')).toBe('board');
  });
});
