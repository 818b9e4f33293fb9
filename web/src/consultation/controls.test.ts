import { describe, expect, test } from 'vitest';
import { doctorActions, isCallLive, isFinished, patientView, shouldConnect } from './controls';
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

describe('when the call connects', () => {
  test('only in a live state with the other side in the room', () => {
    expect(shouldConnect('iot_sync', true)).toBe(true);
    expect(shouldConnect('active', true)).toBe(true);
    expect(shouldConnect('active', false)).toBe(false);
    expect(shouldConnect('connecting', true)).toBe(false);
    expect(shouldConnect('completed', true)).toBe(false);
  });
});
