import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { SignalEvent, SignalKind } from '../consultation/types';
import { VIDEO_LIMITS } from './adaptation';
import { CallSession } from './call';
import { FakePc, FakeStream, FakeTrack, installFakeMediaStream } from './rtcFakes';

installFakeMediaStream();

const MBPS = 1024 * 1024;

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** The link as getStats reports it: the pair in use, the loss the other side sees, the video encoder. */
function linkReport(bps: number, framesEncoded: number, fractionLost = 0) {
  return [
    { type: 'transport', id: 'T', selectedCandidatePairId: 'CP' },
    { type: 'candidate-pair', id: 'CP', state: 'succeeded', nominated: true, availableOutgoingBitrate: bps, currentRoundTripTime: 0.03, localCandidateId: 'L' },
    { type: 'local-candidate', id: 'L', candidateType: 'host' },
    { type: 'remote-inbound-rtp', id: 'RV', kind: 'video', fractionLost },
    { type: 'outbound-rtp', id: 'OV', kind: 'video', framesEncoded },
  ];
}

/** A doctor in a connected call whose link reads `bps` (frames keep coming) until changed. */
async function connectedDoctor() {
  const sent: { kind: SignalKind; payload: Record<string, unknown> }[] = [];
  const pcs: FakePc[] = [];
  const call = new CallSession({
    role: 'doctor',
    relayOnly: false,
    send: async (kind, payload) => void sent.push({ kind, payload: JSON.parse(payload) as Record<string, unknown> }),
    iceServers: async () => [],
    getUserMedia: async () => new FakeStream([new FakeTrack('audio'), new FakeTrack('video')]) as unknown as MediaStream,
    createPeerConnection: (config) => {
      const pc = new FakePc(config);
      pcs.push(pc);
      return pc as unknown as RTCPeerConnection;
    },
  });
  await call.prepareMedia();
  call.update(true, true);
  call.handleSignal({ consultationId: 1, fromUserId: 20, kind: 'media', payload: JSON.stringify({ hello: true, session: null, instance: 'p' }) } as SignalEvent);
  await vi.advanceTimersByTimeAsync(0);
  const pc = pcs[0]!;
  let frames = 0;
  const link = { bps: 6 * MBPS, encoding: true, loss: 0 };
  // Each getStats: the estimate as set, and 48 more frames while the encoder works.
  pc.getStats = async () => {
    if (link.encoding) frames += 48;
    return new Map(linkReport(link.bps, frames, link.loss).map((s) => [s.id, s as Record<string, unknown>]));
  };
  pc.connect();
  const run = (ms: number) => vi.advanceTimersByTimeAsync(ms);
  return { call, pc, link, run, sender: () => pc.videoSender()!, media: () => sent.filter((s) => s.kind === 'media') };
}

describe('the call adapts its video to the measured band', () => {
  test('each band gives the video sender its bitrate, resolution and frame rate', async () => {
    const d = await connectedDoctor();
    await d.run(7_000); // warm-up (8 s): the estimator starts low, its first figures are not used
    expect(d.sender().parametersSet).toHaveLength(0);
    expect(d.call.getState().band).toBeUndefined();
    await d.run(1_000);
    expect(d.call.getState().band).toBe('high');
    expect(d.sender().encodings[0]).toMatchObject(VIDEO_LIMITS.high);
    expect(d.call.getState().videoLimits).toBe('high');

    d.link.bps = 0.6 * MBPS;
    await d.run(20_000);
    expect(d.call.getState().band).toBe('low');
    expect(d.sender().encodings[0]).toMatchObject({ maxBitrate: 250_000, scaleResolutionDownBy: 2, maxFramerate: 15 });
    expect(d.call.getState().audioOnly).toBe(false); // above the floor: reduced video, not audio only

    d.link.bps = 3 * MBPS;
    await d.run(30_000);
    expect(d.call.getState().band).toBe('medium');
    expect(d.sender().encodings[0]).toMatchObject(VIDEO_LIMITS.medium);
    // One setParameters per band change, none in between.
    expect(d.sender().parametersSet.map((e) => e[0]!.maxBitrate)).toEqual([1_500_000, 250_000, 800_000]);
    d.call.dispose();
  });

  test('below the floor the call goes audio only by itself, tells the other side, and comes back to video once the link holds', async () => {
    const d = await connectedDoctor();
    await d.run(10_000);
    d.link.bps = 0.1 * MBPS;
    await d.run(20_000);
    expect(d.call.getState()).toMatchObject({ audioOnly: true, audioOnlyBy: 'auto', autoAudioOnly: 'weakLink' });
    expect(d.sender().track).toBeNull();
    expect(d.media().at(-1)!.payload).toMatchObject({ audioOnly: true, auto: 'weakLink' });

    d.link.bps = 2 * MBPS;
    await d.run(8_000);
    expect(d.call.getState().audioOnly).toBe(true); // not yet: the link has to hold first
    await d.run(20_000);
    expect(d.call.getState()).toMatchObject({ audioOnly: false, audioOnlyBy: null, autoAudioOnly: null });
    expect(d.sender().track).not.toBeNull();
    expect(d.media().at(-1)!.payload).toMatchObject({ audioOnly: false });
    d.call.dispose();
  });

  test('a failed video (the encoder stops producing frames) falls back to audio only; a person’s audio only is never undone', async () => {
    const d = await connectedDoctor();
    await d.run(10_000);
    d.link.encoding = false;
    await d.run(8_000);
    expect(d.call.getState()).toMatchObject({ audioOnly: true, autoAudioOnly: 'videoFailed' });
    // The user turns video back on themselves: the call respects it (no automatic audio only for a while).
    d.link.encoding = true;
    await d.call.setAudioOnly(false);
    d.link.bps = 0.1 * MBPS;
    await d.run(30_000);
    expect(d.call.getState().audioOnly).toBe(false);
    // And their own audio only stays, however good the link.
    await d.call.setAudioOnly(true);
    d.link.bps = 8 * MBPS;
    await d.run(120_000);
    expect(d.call.getState()).toMatchObject({ audioOnly: true, audioOnlyBy: 'me', autoAudioOnly: null });
    d.call.dispose();
  });

  test('the other side shows why it went audio only, and waits for it to come back', async () => {
    const p = new CallSession({
      role: 'patient',
      relayOnly: false,
      send: async () => undefined,
      iceServers: async () => [],
      getUserMedia: async () => new FakeStream([new FakeTrack('audio'), new FakeTrack('video')]) as unknown as MediaStream,
      createPeerConnection: (config) => new FakePc(config) as unknown as RTCPeerConnection,
    });
    await p.prepareMedia();
    const media = (payload: Record<string, unknown>) =>
      p.handleSignal({ consultationId: 1, fromUserId: 10, kind: 'media', payload: JSON.stringify(payload) } as SignalEvent);
    media({ audioOnly: true, auto: 'weakLink', session: 's', instance: 'd' });
    await vi.advanceTimersByTimeAsync(0);
    expect(p.getState()).toMatchObject({ audioOnly: true, audioOnlyBy: 'peer', autoAudioOnly: 'weakLink' });
    media({ audioOnly: false, session: 's', instance: 'd' });
    await vi.advanceTimersByTimeAsync(0);
    expect(p.getState()).toMatchObject({ audioOnly: false, autoAudioOnly: null });
    p.dispose();
  });
});
