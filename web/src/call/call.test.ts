import { describe, expect, test } from 'vitest';
import { CallSession, type CallOptions } from './call';
import type { SignalEvent, SignalKind } from '../consultation/types';

import { FakePc, FakeStream, FakeTrack, installFakeMediaStream } from './rtcFakes';

installFakeMediaStream();

const flush = async () => {
  for (let i = 0; i < 10; i++) await new Promise((r) => setTimeout(r, 0));
};

interface Sent {
  kind: SignalKind;
  payload: Record<string, unknown>;
}

function party(role: 'doctor' | 'patient', relayOnly = false) {
  const sent: Sent[] = [];
  const pcs: FakePc[] = [];
  const options: CallOptions = {
    role,
    relayOnly,
    send: async (kind, payload) => void sent.push({ kind, payload: JSON.parse(payload) as Record<string, unknown> }),
    iceServers: async () => [{ urls: ['turn:127.0.0.1:3478'], username: 'u', credential: 'c' }],
    getUserMedia: async () => new FakeStream([new FakeTrack('audio'), new FakeTrack('video')]) as unknown as MediaStream,
    createPeerConnection: (config) => {
      const pc = new FakePc(config);
      pcs.push(pc);
      return pc as unknown as RTCPeerConnection;
    },
  };
  const call = new CallSession(options);
  const receive = (kind: SignalKind, payload: Record<string, unknown>) =>
    call.handleSignal({ consultationId: 1, fromUserId: role === 'doctor' ? 20 : 10, kind, payload: JSON.stringify(payload) } as SignalEvent);
  return { call, sent, pcs, receive, of: (kind: SignalKind) => sent.filter((s) => s.kind === kind) };
}

describe('CallSession signaling', () => {
  test('signals are addressed to the other side, and one meant for someone else is ignored', async () => {
    const sent: { kind: SignalKind; payload: Record<string, unknown> }[] = [];
    const pcs: FakePc[] = [];
    const call = new CallSession({
      role: 'patient',
      me: 7,
      target: () => 3,
      relayOnly: false,
      send: async (kind, payload) => void sent.push({ kind, payload: JSON.parse(payload) as Record<string, unknown> }),
      iceServers: async () => [],
      getUserMedia: async () => new FakeStream([new FakeTrack('audio')]) as unknown as MediaStream,
      createPeerConnection: (config) => {
        const pc = new FakePc(config);
        pcs.push(pc);
        return pc as unknown as RTCPeerConnection;
      },
    });
    await call.prepareMedia();
    call.update(true, true);
    await flush();
    expect(sent[0]!.payload).toMatchObject({ hello: true, to: 3 });
    const offer = (to: number) => ({ consultationId: 1, fromUserId: 3, kind: 'offer', payload: JSON.stringify({ type: 'offer', sdp: 'o', session: `S${to}`, to }) }) as SignalEvent;
    call.handleSignal(offer(99));
    await flush();
    expect(pcs).toHaveLength(0);
    call.handleSignal(offer(7));
    await flush();
    expect(pcs).toHaveLength(1);
    expect(sent.find((m) => m.kind === 'answer')!.payload).toMatchObject({ to: 3, session: 'S7' });
  });

  test('each side says hello once the call is live, the other side present and the media ready', async () => {
    const d = party('doctor');
    d.call.update(true, true);
    await flush();
    expect(d.sent).toHaveLength(0); // no media yet
    await d.call.prepareMedia();
    await flush();
    expect(d.of('media')).toHaveLength(1);
    expect(d.of('media')[0]!.payload).toMatchObject({ hello: true, session: null, audioOnly: false });
    d.call.update(true, false); // the patient left the room…
    d.call.update(true, true); // …and came back: greet again
    await flush();
    expect(d.of('media')).toHaveLength(2);
  });

  test('the doctor offers to a patient’s hello once per patient page, relay-only when asked', async () => {
    const d = party('doctor', true);
    await d.call.prepareMedia();
    d.call.update(true, true);
    d.receive('media', { hello: true, session: null, instance: 'patient-page-1' });
    await flush();
    expect(d.pcs).toHaveLength(1);
    expect(d.pcs[0]!.config.iceTransportPolicy).toBe('relay');
    expect(d.pcs[0]!.config.iceServers).toEqual([{ urls: ['turn:127.0.0.1:3478'], username: 'u', credential: 'c' }]);
    expect(d.of('offer')).toHaveLength(1);
    const session = d.of('offer')[0]!.payload.session;
    expect(session).toEqual(expect.any(String));
    // The same page greets again (its reply to our hello): nothing new.
    d.receive('media', { hello: true, session: null, instance: 'patient-page-1' });
    await flush();
    expect(d.pcs).toHaveLength(1);
    // A reloaded patient page: a new attempt, the old connection closed.
    d.receive('media', { hello: true, session: null, instance: 'patient-page-2' });
    await flush();
    expect(d.pcs).toHaveLength(2);
    expect(d.pcs[0]!.closed).toBe(true);
    const second = d.of('offer')[1]!.payload.session;
    expect(second).not.toBe(session);
    // The answer of the first attempt arrives late: ignored; the second one is applied.
    d.receive('answer', { type: 'answer', sdp: 'old', session });
    await flush();
    expect(d.pcs[1]!.remoteDescription).toBeNull();
    d.receive('answer', { type: 'answer', sdp: 'answer', session: second });
    await flush();
    expect(d.pcs[1]!.signalingState).toBe('stable');
  });

  test('a hello received before the doctor’s camera is ready is answered once it is', async () => {
    const d = party('doctor');
    d.call.update(true, true);
    d.receive('media', { hello: true, session: null, instance: 'p' });
    await flush();
    expect(d.pcs).toHaveLength(0);
    await d.call.prepareMedia();
    await flush();
    expect(d.of('offer')).toHaveLength(1);
  });

  test('the patient answers the doctor’s offer with its own tracks, and queues early candidates', async () => {
    const p = party('patient');
    await p.call.prepareMedia();
    p.call.update(true, true);
    await flush();
    expect(p.of('media')[0]!.payload).toMatchObject({ hello: true });
    p.receive('offer', { type: 'offer', sdp: 'o', session: 'S1', instance: 'doctor-page' });
    p.receive('ice', { candidate: 'candidate:1 1 udp 1 127.0.0.1 5000 typ host', sdpMid: '0', sdpMLineIndex: 0, session: 'S1' });
    p.receive('ice', { candidate: 'candidate:2 1 udp 1 127.0.0.1 5001 typ host', sdpMid: '0', sdpMLineIndex: 0, session: 'OLD' });
    await flush();
    expect(p.pcs).toHaveLength(1);
    const pc = p.pcs[0]!;
    expect(p.of('answer')).toHaveLength(1);
    expect(p.of('answer')[0]!.payload).toMatchObject({ type: 'answer', session: 'S1' });
    expect(pc.transceivers.every((t) => t.direction === 'sendrecv' && t.sender.track)).toBe(true);
    expect(pc.candidates.map((c) => c.candidate)).toEqual(['candidate:1 1 udp 1 127.0.0.1 5000 typ host']);
    // The doctor's page reloads: it greets, the patient greets back so that it offers again.
    p.receive('media', { hello: true, session: null, instance: 'doctor-page-2' });
    await flush();
    expect(p.of('media').filter((m) => m.payload.hello)).toHaveLength(2);
    // Its new offer replaces the old connection.
    p.receive('offer', { type: 'offer', sdp: 'o2', session: 'S2', instance: 'doctor-page-2' });
    await flush();
    expect(pc.closed).toBe(true);
    expect(p.pcs).toHaveLength(2);
    expect(p.of('answer')[1]!.payload.session).toBe('S2');
  });

  test('a hangup for the current attempt drops it; the call ends when the state is no longer live', async () => {
    const p = party('patient');
    await p.call.prepareMedia();
    p.call.update(true, true);
    p.receive('offer', { type: 'offer', sdp: 'o', session: 'S1' });
    await flush();
    p.receive('hangup', { session: 'other' });
    await flush();
    expect(p.pcs[0]!.closed).toBe(false);
    p.receive('hangup', { session: 'S1' });
    await flush();
    expect(p.pcs[0]!.closed).toBe(true);
    expect(p.call.getState().pcState).toBe('none');
    p.receive('offer', { type: 'offer', sdp: 'o', session: 'S2' });
    await flush();
    // The other side merely dropping off the room keeps the connection…
    p.call.update(true, false);
    expect(p.pcs[1]!.closed).toBe(false);
    // …the end of the live states does not.
    p.call.update(false, true);
    expect(p.pcs[1]!.closed).toBe(true);
  });

  test('audio only travels to the other side and is followed there', async () => {
    const d = party('doctor');
    await d.call.prepareMedia();
    d.call.update(true, true);
    d.receive('media', { hello: true, session: null, instance: 'p' });
    await flush();
    await d.call.setAudioOnly(true);
    await flush();
    expect(d.call.getState().audioOnly).toBe(true);
    expect(d.call.getState().localStream?.getVideoTracks()).toHaveLength(0);
    expect(d.pcs[0]!.transceivers[1]!.sender.track).toBeNull();
    expect(d.of('media').at(-1)!.payload).toMatchObject({ audioOnly: true });
    expect(d.of('media').at(-1)!.payload.hello).toBeUndefined();

    const p = party('patient');
    await p.call.prepareMedia();
    p.call.update(true, true);
    p.receive('media', { audioOnly: true, session: 'x', instance: 'd' });
    await flush();
    expect(p.call.getState()).toMatchObject({ audioOnly: true, audioOnlyBy: 'peer' });
    // A hello saying video is on does not turn audio only off.
    p.receive('media', { audioOnly: false, hello: true, session: null, instance: 'd2' });
    await flush();
    expect(p.call.getState().audioOnly).toBe(true);
  });
});
