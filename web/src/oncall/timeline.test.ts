import { describe, expect, test } from 'vitest';
import { barsFor, dayStarts } from './timeline';
import { fieldOf, moveMember, requestOf, draftOf, emptyDraft } from './rotaForm';
import type { RotaDto } from './rotaApi';

const span = (doctorId: number, start: string, end: string) => ({ doctorId, displayName: `Dr ${doctorId}`, start, end, covering: false });

describe('week view', () => {
  test('bars are clipped to the period and placed as fractions of it', () => {
    const from = new Date('2026-06-01T00:00:00Z');
    const to = new Date('2026-06-03T00:00:00Z');
    const bars = barsFor([span(1, '2026-05-31T06:00:00Z', '2026-06-01T06:00:00Z'), span(2, '2026-06-01T06:00:00Z', '2026-06-04T06:00:00Z')], from, to);
    expect(bars.map((b) => [b.span.doctorId, b.left, b.width])).toEqual([
      [1, 0, 0.125],
      [2, 0.125, 0.875],
    ]);
  });

  test('day lines fall on local midnight in the zone, across the autumn change in Paris', () => {
    const days = dayStarts(new Date('2026-10-24T00:00:00Z'), new Date('2026-10-27T00:00:00Z'), 'Europe/Paris');
    expect(days.map((d) => d.toISOString())).toEqual(['2026-10-24T22:00:00.000Z', '2026-10-25T23:00:00.000Z', '2026-10-26T23:00:00.000Z']);
  });

  test('and across the spring change', () => {
    const days = dayStarts(new Date('2027-03-27T12:00:00Z'), new Date('2027-03-29T12:00:00Z'), 'Europe/Paris');
    expect(days.map((d) => d.toISOString())).toEqual(['2027-03-27T23:00:00.000Z', '2027-03-28T22:00:00.000Z']);
  });
});

describe('rota editor', () => {
  test('members move up and down; out of range changes nothing', () => {
    expect(moveMember([1, 2, 3], 2, -1)).toEqual([1, 3, 2]);
    expect(moveMember([1, 2, 3], 0, 1)).toEqual([2, 1, 3]);
    expect(moveMember([1, 2, 3], 0, -1)).toEqual([1, 2, 3]);
  });

  test('twelve-hour shifts send both handover times and a one-day cycle; weekly sends seven days', () => {
    const draft = { ...emptyDraft('Europe/Paris', '2026-06-01'), name: ' Nights ', members: [4, 5] };
    expect(requestOf({ ...draft, pattern: 'twelveHours' })).toEqual({
      name: 'Nights',
      timeZone: 'Europe/Paris',
      firstHandover: '2026-06-01T08:00',
      handoverTimes: ['08:00', '20:00'],
      cycleDays: 1,
      members: [4, 5],
    });
    expect(requestOf(draft).cycleDays).toBe(7);
  });

  test('a stored rota comes back into the editor as it was sent', () => {
    const rota = {
      id: 1,
      name: 'Nights',
      timeZone: 'Europe/Paris',
      firstHandover: '2026-06-01T20:00',
      handoverTimes: ['08:00', '20:00'],
      cycleDays: 1,
      members: [{ doctorId: 4, displayName: 'A' }],
      overrides: [],
      onCallNow: null,
      nextOnCall: null,
    } satisfies RotaDto;
    expect(requestOf(draftOf(rota))).toMatchObject({ firstHandover: '2026-06-01T20:00', handoverTimes: ['20:00', '08:00'], cycleDays: 1, members: [4] });
  });

  test('server field names map to the editor fields', () => {
    expect(['members[1]', 'handoverTimes[0]', 'firstHandover', 'cycleDays', 'timeZone', 'x'].map(fieldOf)).toEqual([
      'members',
      'handover',
      'startsOn',
      'pattern',
      'timeZone',
      'form',
    ]);
  });
});
