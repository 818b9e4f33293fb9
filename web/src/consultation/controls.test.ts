import { describe, expect, test } from 'vitest';
import { doctorActions, isCallLive, isFinished, patientView } from './controls';
import { CONSULTATION_STATES } from './types';

describe('the doctor’s buttons follow the state', () => {
  test.each([
    ['scheduled', ['start']],
    ['connecting', ['end']],
    ['iot_sync', ['begin', 'end']],
    ['active', ['pause', 'startRecording', 'end']],
    ['paused', ['resume', 'end']],
    ['recording', ['stopRecording', 'end']],
    ['ending', []],
    ['completed', []],
    ['failed', []],
    ['cancelled', []],
  ] as const)('%s → %j', (state, actions) => {
    expect(doctorActions(state)).toEqual(actions);
  });

  test('every live state can be ended, no finished one can', () => {
    for (const s of CONSULTATION_STATES) {
      if (isCallLive(s) || s === 'connecting') expect(doctorActions(s)).toContain('end');
      if (isFinished(s)) expect(doctorActions(s)).toEqual([]);
    }
  });
});

describe('the call is up in the live states only', () => {
  test.each(CONSULTATION_STATES.map((s) => [s, ['iot_sync', 'active', 'paused', 'recording'].includes(s)] as const))('%s → %s', (state, live) => {
    expect(isCallLive(state)).toBe(live);
  });
});

describe('the patient lands where the state says', () => {
  test.each([
    ['scheduled', 'waiting'],
    ['connecting', 'invited'],
    ['iot_sync', 'call'],
    ['active', 'call'],
    ['paused', 'call'],
    ['recording', 'call'],
    ['ending', 'ending'],
    ['completed', 'over'],
    ['failed', 'over'],
    ['cancelled', 'over'],
  ] as const)('%s → %s', (state, view) => {
    expect(patientView(state)).toBe(view);
  });
});
