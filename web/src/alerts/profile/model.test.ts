import { describe, expect, test } from 'vitest';
import type { AlarmProfileDto } from './api';
import { snoozableRules, toForm, toRequest, trendErrorKey } from './model';

const profile: AlarmProfileDto = {
  patientId: 3, timeZone: 'Europe/Paris', nightStart: '22:00', nightEnd: '07:00',
  limits: [
    { type: 'spo2', low: 90, high: null, nightLow: 86, nightHigh: null, delaySeconds: 15, severity: 'major' },
    { type: 'heart_rate', low: 50, high: 120, nightLow: null, nightHigh: null, delaySeconds: 0, severity: null },
  ],
  trends: [{ type: 'spo2', direction: 'down', change: 4, windowMinutes: 10, severity: 'major' }],
  suggestedTrends: [
    { type: 'spo2', direction: 'down', change: 4, windowMinutes: 10, severity: 'major' },
    { type: 'news2', direction: 'up', change: 2, windowMinutes: 60, severity: 'major' },
  ],
  deviceOff: [], snoozes: [], setBy: null, setAt: null,
};

describe('alarm profile form', () => {
  test('suggested trends the profile lacks come in switched off, and the request carries only those switched on', () => {
    const form = toForm(profile);
    expect(form.trends.map((t) => [t.key, t.enabled])).toEqual([['trend:spo2:down', true], ['trend:news2:up', false]]);
    const out = toRequest(form, 'nan', 'nodate');
    expect('request' in out && out.request.trends.map((t) => t.type)).toEqual(['spo2']);
  });

  test('day limits are left to the limits editor and typed numbers are read, a comma too', () => {
    const form = toForm(profile);
    form.limits[1]!.nightHigh = '110,5';
    const out = toRequest(form, 'nan', 'nodate');
    if (!('request' in out)) throw new Error('refused');
    expect(out.request.limits[1]).toEqual({ type: 'heart_rate', low: null, high: null, nightLow: null, nightHigh: 110.5, delaySeconds: 0, severity: null });
  });

  test('a field that is not a number is named as the server names it', () => {
    const form = toForm(profile);
    form.limits[0]!.delaySeconds = 'soon';
    expect(toRequest(form, 'nan', 'nodate')).toEqual({ errors: { 'limits[0].delaySeconds': 'nan' } });
  });

  test('a trend refusal from the server lands on its row', () => {
    const form = toForm(profile);
    form.trends[1]!.enabled = true;
    expect(trendErrorKey(form, 'trends[1].change')).toBe('trend:news2:up.change');
  });

  test('critical rules are never offered for a snooze', () => {
    expect(snoozableRules(toForm(profile))).toEqual(['spo2:low', 'trend:spo2:down', 'news2']);
  });
});
