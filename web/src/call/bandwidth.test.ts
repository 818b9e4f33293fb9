import { describe, expect, test } from 'vitest';
import { bandFor, BandwidthMonitor, formatRate, linkStats, selectedPair, type StatLike } from './bandwidth';

const MBPS = 1024 * 1024;

describe('bands (the seed’s BandwidthAdapter)', () => {
  test('below 1 Mbps low, below 5 medium, else high', () => {
    expect(bandFor(0)).toBe('low');
    expect(bandFor(MBPS - 1)).toBe('low');
    expect(bandFor(MBPS)).toBe('medium');
    expect(bandFor(5 * MBPS - 1)).toBe('medium');
    expect(bandFor(5 * MBPS)).toBe('high');
    expect(bandFor(50 * MBPS)).toBe('high');
  });
});

describe('BandwidthMonitor', () => {
  test('follows the median, so one dip does not flip the band', () => {
    const m = new BandwidthMonitor(5);
    expect(m.band).toBeUndefined();
    for (const v of [6, 6, 0.2, 6, 6]) m.add(v * MBPS);
    expect(m.band).toBe('high');
    expect(m.proposeAudioOnly).toBe(false);
  });

  test('proposes audio only once three samples agree the link is low', () => {
    const m = new BandwidthMonitor(5);
    m.add(0.5 * MBPS);
    m.add(0.6 * MBPS);
    expect(m.proposeAudioOnly).toBe(false);
    m.add(0.4 * MBPS);
    expect(m.band).toBe('low');
    expect(m.proposeAudioOnly).toBe(true);
    for (let i = 0; i < 5; i++) m.add(3 * MBPS);
    expect(m.band).toBe('medium');
    expect(m.proposeAudioOnly).toBe(false);
  });

  test('ignores missing or nonsense estimates', () => {
    const m = new BandwidthMonitor();
    m.add(undefined);
    m.add(Number.NaN);
    m.add(-5);
    expect(m.estimate).toBeUndefined();
  });
});

describe('reading getStats()', () => {
  const report: StatLike[] = [
    { type: 'transport', id: 'T1', selectedCandidatePairId: 'CP2' },
    { type: 'candidate-pair', id: 'CP1', state: 'failed', availableOutgoingBitrate: 1, localCandidateId: 'L1' },
    { type: 'candidate-pair', id: 'CP2', state: 'succeeded', nominated: true, availableOutgoingBitrate: 2_500_000, localCandidateId: 'L2', currentRoundTripTime: 0.012 },
    { type: 'local-candidate', id: 'L1', candidateType: 'host' },
    { type: 'local-candidate', id: 'L2', candidateType: 'relay' },
  ];

  test('uses the transport’s selected pair', () => {
    expect(selectedPair(report)?.id).toBe('CP2');
    expect(linkStats(report)).toEqual({ availableOutgoingBitrate: 2_500_000, localCandidateType: 'relay', roundTripMs: 12 });
  });

  test('falls back to a nominated succeeded pair', () => {
    const noTransport = report.filter((s) => s.type !== 'transport');
    expect(selectedPair(noTransport)?.id).toBe('CP2');
  });

  test('nothing selected yet', () => {
    expect(linkStats([])).toEqual({ availableOutgoingBitrate: undefined, localCandidateType: undefined, roundTripMs: undefined });
  });

  test('formats the rate', () => {
    const decimal = (v: number, d: number) => v.toFixed(d);
    expect(formatRate(2.5 * MBPS, decimal)).toBe('2.5 Mbit/s');
    expect(formatRate(300 * 1024, decimal)).toBe('300 kbit/s');
  });
});

test('reads the loss the other side reports and the video encoder\'s frames', () => {
  const link = linkStats([
    { type: 'remote-inbound-rtp', id: 'RA', kind: 'audio', fractionLost: 0.01 },
    { type: 'remote-inbound-rtp', id: 'RV', kind: 'video', fractionLost: 0.08 },
    { type: 'outbound-rtp', id: 'OA', kind: 'audio' },
    { type: 'outbound-rtp', id: 'OV', kind: 'video', framesEncoded: 240 },
  ]);
  expect(link.lossFraction).toBe(0.08);
  expect(link.videoFramesEncoded).toBe(240);
  expect(linkStats([]).lossFraction).toBeUndefined();
});
