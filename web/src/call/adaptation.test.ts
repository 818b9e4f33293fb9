import { describe, expect, test } from 'vitest';
import {
  BandHysteresis,
  CallAdaptation,
  DOWN_HOLD_MS,
  FLOOR_HOLD_MS,
  measuredBand,
  RECOVER_HOLD_MS,
  SUPPRESS_MS,
  UP_HOLD_MS,
  VIDEO_FLOOR_BPS,
  VIDEO_LIMITS,
  type AdaptationInput,
} from './adaptation';

const MBPS = 1024 * 1024;

describe('the measured band', () => {
  test('follows the seed’s bands, and needs a margin to go up', () => {
    expect(measuredBand({ bps: 0.9 * MBPS }, undefined)).toBe('low');
    expect(measuredBand({ bps: 1.1 * MBPS }, undefined)).toBe('medium');
    expect(measuredBand({ bps: 6 * MBPS }, undefined)).toBe('high');
    // From low, 1.1 Mbps is not enough to leave it (1.25 Mbps is); going down needs no margin.
    expect(measuredBand({ bps: 1.1 * MBPS }, 'low')).toBe('low');
    expect(measuredBand({ bps: 1.3 * MBPS }, 'low')).toBe('medium');
    expect(measuredBand({ bps: 5.5 * MBPS }, 'medium')).toBe('medium');
    expect(measuredBand({ bps: 4.9 * MBPS }, 'high')).toBe('medium');
    expect(measuredBand({ bps: undefined }, 'high')).toBeUndefined();
  });

  test('loss and round trip cap it', () => {
    expect(measuredBand({ bps: 8 * MBPS, loss: 0.05 }, undefined)).toBe('medium');
    expect(measuredBand({ bps: 8 * MBPS, rttMs: 350 }, undefined)).toBe('medium');
    expect(measuredBand({ bps: 8 * MBPS, loss: 0.12 }, undefined)).toBe('low');
    expect(measuredBand({ bps: 8 * MBPS, rttMs: 700 }, undefined)).toBe('low');
    expect(measuredBand({ bps: 8 * MBPS, loss: 0.01, rttMs: 40 }, undefined)).toBe('high');
  });
});

describe('band hysteresis', () => {
  test('the first measurement sets the band; a shorter dip than the hold changes nothing', () => {
    const h = new BandHysteresis();
    expect(h.update({ bps: 6 * MBPS }, 0)).toBe('high');
    expect(h.update({ bps: 0.5 * MBPS }, 2_000)).toBe('high');
    expect(h.update({ bps: 6 * MBPS }, 4_000)).toBe('high');
    expect(h.update({ bps: 0.5 * MBPS }, 6_000)).toBe('high');
    expect(h.update({ bps: 0.5 * MBPS }, 6_000 + DOWN_HOLD_MS - 1)).toBe('high');
    expect(h.update({ bps: 0.5 * MBPS }, 6_000 + DOWN_HOLD_MS)).toBe('low');
  });

  test('down quickly, up slowly', () => {
    const h = new BandHysteresis();
    h.update({ bps: 3 * MBPS }, 0);
    for (let t = 2_000; t < 2_000 + UP_HOLD_MS; t += 2_000) expect(h.update({ bps: 8 * MBPS }, t)).toBe('medium');
    expect(h.update({ bps: 8 * MBPS }, 2_000 + UP_HOLD_MS)).toBe('high');
  });

  test('an estimate wavering on the 1 Mbps edge does not flap', () => {
    const h = new BandHysteresis();
    h.update({ bps: 1.05 * MBPS }, 0);
    const seen = new Set<string>();
    for (let i = 1; i < 60; i++) seen.add(h.update({ bps: (i % 2 ? 0.97 : 1.08) * MBPS }, i * 2_000)!);
    expect([...seen]).toEqual(['medium']);
  });
});

const input = (patch: Partial<AdaptationInput>): AdaptationInput => ({
  now: 0,
  bps: 6 * MBPS,
  videoFailed: false,
  audioOnly: false,
  autoAudioOnly: null,
  ...patch,
});

describe('CallAdaptation', () => {
  test('gives the sender each band’s limits once, when the band changes', () => {
    const a = new CallAdaptation();
    expect(a.step(input({ now: 0 })).limits).toEqual(VIDEO_LIMITS.high);
    expect(a.step(input({ now: 2_000 })).limits).toBeNull();
    a.step(input({ now: 4_000, bps: 2 * MBPS }));
    const s = a.step(input({ now: 4_000 + DOWN_HOLD_MS, bps: 2 * MBPS }));
    expect(s.band).toBe('medium');
    expect(s.limits).toEqual(VIDEO_LIMITS.medium);
    expect(VIDEO_LIMITS.low).toEqual({ maxBitrate: 250_000, scaleResolutionDownBy: 2, maxFramerate: 15 });
  });

  test('limits the sender could not take are given again with the next sample', () => {
    const a = new CallAdaptation();
    expect(a.step(input({ now: 0 })).limits).toEqual(VIDEO_LIMITS.high);
    a.limitsNotApplied();
    expect(a.step(input({ now: 2_000 })).limits).toEqual(VIDEO_LIMITS.high);
  });

  test('audio only by itself after the estimate stayed under the floor, and only then', () => {
    const a = new CallAdaptation();
    const low = VIDEO_FLOOR_BPS - 1;
    expect(a.step(input({ now: 0, bps: low })).fallback).toBeNull();
    expect(a.step(input({ now: 2_000, bps: VIDEO_FLOOR_BPS })).fallback).toBeNull(); // back above: the hold restarts
    expect(a.step(input({ now: 4_000, bps: low })).fallback).toBeNull();
    expect(a.step(input({ now: 4_000 + FLOOR_HOLD_MS, bps: low })).fallback).toBe('weakLink');
  });

  test('a failed video goes audio only at once', () => {
    expect(new CallAdaptation().step(input({ videoFailed: true })).fallback).toBe('videoFailed');
  });

  test('video comes back once the link held up, not before; a relapse soon after waits twice as long', () => {
    const a = new CallAdaptation();
    const audio = { audioOnly: true, autoAudioOnly: 'weakLink' as const, bps: 0.4 * MBPS };
    expect(a.step(input({ ...audio, now: 0, loss: 0.2 })).recover).toBe(false); // still lossy
    expect(a.step(input({ ...audio, now: 2_000 })).recover).toBe(false);
    expect(a.step(input({ ...audio, now: 2_000 + RECOVER_HOLD_MS - 1 })).recover).toBe(false);
    expect(a.step(input({ ...audio, now: 2_000 + RECOVER_HOLD_MS })).recover).toBe(true);
    const back = 2_000 + RECOVER_HOLD_MS;
    a.recovered(back, true);
    // Relapse within the minute: the next recovery needs 2 × the hold.
    a.step(input({ now: back + 2_000, bps: 0.1 * MBPS }));
    expect(a.step(input({ now: back + 2_000 + FLOOR_HOLD_MS, bps: 0.1 * MBPS })).fallback).toBe('weakLink');
    expect(a.currentRecoverHoldMs).toBe(2 * RECOVER_HOLD_MS);
    const t0 = back + 10_000;
    a.step(input({ ...audio, now: t0 }));
    expect(a.step(input({ ...audio, now: t0 + RECOVER_HOLD_MS })).recover).toBe(false);
    expect(a.step(input({ ...audio, now: t0 + 2 * RECOVER_HOLD_MS })).recover).toBe(true);
  });

  test('never undoes a person’s audio only', () => {
    const a = new CallAdaptation();
    for (let t = 0; t <= 60_000; t += 2_000) expect(a.step(input({ now: t, audioOnly: true, autoAudioOnly: null })).recover).toBe(false);
  });

  test('after the user turned video back on, no automatic audio only for a while', () => {
    const a = new CallAdaptation();
    a.suppress(0);
    const low = VIDEO_FLOOR_BPS / 2;
    for (let t = 0; t < SUPPRESS_MS; t += 2_000) expect(a.step(input({ now: t, bps: low, videoFailed: t > 10_000 })).fallback).toBeNull();
    a.step(input({ now: SUPPRESS_MS, bps: low }));
    expect(a.step(input({ now: SUPPRESS_MS + FLOOR_HOLD_MS, bps: low })).fallback).toBe('weakLink');
  });
});
