import { describe, expect, test } from 'vitest';
import { CallMesh, offersTo } from './mesh';
import { FakePc, FakeStream, FakeTrack, installFakeMediaStream } from './rtcFakes';
import type { ConsultationRole, ParticipantDto, SignalEvent } from '../consultation/types';

installFakeMediaStream();

const flush = async () => {
  for (let i = 0; i < 20; i++) await new Promise((r) => setTimeout(r, 0));
};

describe('who offers to whom', () => {
  test('the doctor offers to everyone, the patient to guests, guests by lower user id', () => {
    expect(offersTo({ id: 9, role: 'doctor' }, { userId: 2, role: 'patient' })).toBe(true);
    expect(offersTo({ id: 2, role: 'patient' }, { userId: 9, role: 'doctor' })).toBe(false);
    expect(offersTo({ id: 2, role: 'patient' }, { userId: 1, role: 'guest' })).toBe(true);
    expect(offersTo({ id: 1, role: 'guest' }, { userId: 2, role: 'patient' })).toBe(false);
    expect(offersTo({ id: 1, role: 'guest' }, { userId: 9, role: 'doctor' })).toBe(false);
    expect(offersTo({ id: 5, role: 'guest' }, { userId: 7, role: 'guest' })).toBe(true);
    expect(offersTo({ id: 7, role: 'guest' }, { userId: 5, role: 'guest' })).toBe(false);
  });
});

interface Member {
  mesh: CallMesh;
  pcs: FakePc[];
  gum: number;
  sent: { kind: string; to: unknown }[];
}

/** Meshes joined by a fake hub: a signal goes to every other member (as the server does), tagged with its sender. */
function room(people: { id: number; role: ConsultationRole; name: string }[]) {
  const members = new Map<number, Member>();
  for (const p of people) {
    const m: Member = { mesh: undefined as unknown as CallMesh, pcs: [], gum: 0, sent: [] };
    m.mesh = new CallMesh({
      me: { id: p.id, role: p.role },
      relayOnly: false,
      iceServers: async () => [],
      getUserMedia: async () => {
        m.gum++;
        return new FakeStream([new FakeTrack('audio'), new FakeTrack('video')]) as unknown as MediaStream;
      },
      createPeerConnection: (config) => {
        const pc = new FakePc(config);
        m.pcs.push(pc);
        return pc as unknown as RTCPeerConnection;
      },
      send: async (kind, payload) => {
        m.sent.push({ kind, to: (JSON.parse(payload) as { to?: unknown }).to });
        const s: SignalEvent = { consultationId: 1, fromUserId: p.id, kind, payload };
        queueMicrotask(() => {
          for (const [id, other] of members) if (id !== p.id) other.mesh.handleSignal(s);
        });
      },
    });
    members.set(p.id, m);
  }
  const participants: ParticipantDto[] = people.map((p) => ({ userId: p.id, role: p.role, name: p.name, online: true }));
  return { members, participants };
}

const PEOPLE = [
  { id: 1, role: 'doctor' as const, name: 'Dr Sarr' },
  { id: 2, role: 'patient' as const, name: 'Awa Diop' },
  { id: 3, role: 'guest' as const, name: 'Moussa (interpreter)' },
];

describe('the mesh', () => {
  test('one call per other participant, keyed by user id, with one camera for all', async () => {
    const { members, participants } = room(PEOPLE);
    for (const m of members.values()) {
      void m.mesh.prepareMedia();
      m.mesh.update(true, participants);
    }
    await flush();
    for (const [id, m] of members) {
      expect(m.mesh.peerIds()).toEqual([1, 2, 3].filter((x) => x !== id));
      expect(m.gum).toBe(1);
      const state = m.mesh.getState();
      expect(state.peers.map((p) => p.name)).toEqual(PEOPLE.filter((p) => p.id !== id).map((p) => p.name));
      // Every link sends the same local stream.
      const streams = new Set(state.peers.map((p) => p.state.localStream));
      expect(streams.size).toBe(1);
    }
  });

  test('offers follow the roles, each addressed to its participant, and every pair negotiates', async () => {
    const { members, participants } = room(PEOPLE);
    for (const m of members.values()) {
      void m.mesh.prepareMedia();
      m.mesh.update(true, participants);
    }
    await flush();
    const offersBy = (id: number) => members.get(id)!.sent.filter((s) => s.kind === 'offer').map((s) => s.to).sort();
    expect(offersBy(1)).toEqual([2, 3]);
    expect(offersBy(2)).toEqual([3]);
    expect(offersBy(3)).toEqual([]);
    const answersBy = (id: number) => members.get(id)!.sent.filter((s) => s.kind === 'answer').map((s) => s.to).sort();
    expect(answersBy(2)).toEqual([1]);
    expect(answersBy(3)).toEqual([1, 2]);
    // Each member has two negotiated connections (one per other participant).
    for (const m of members.values()) {
      const negotiated = m.pcs.filter((p) => p.localDescription && p.remoteDescription && !p.closed);
      expect(negotiated).toHaveLength(2);
    }
  });

  test('a participant who leaves the list is hung up; the others stay', async () => {
    const { members, participants } = room(PEOPLE);
    for (const m of members.values()) {
      void m.mesh.prepareMedia();
      m.mesh.update(true, participants);
    }
    await flush();
    const doctor = members.get(1)!;
    doctor.mesh.update(true, participants.filter((p) => p.userId !== 3));
    await flush();
    expect(doctor.mesh.peerIds()).toEqual([2]);
    expect(doctor.sent.some((s) => s.kind === 'hangup' && s.to === 3)).toBe(true);
    expect(doctor.pcs.filter((p) => !p.closed)).toHaveLength(1);
  });

  test('audio only chosen by one participant reaches everyone, and back', async () => {
    const { members, participants } = room(PEOPLE);
    for (const m of members.values()) {
      void m.mesh.prepareMedia();
      m.mesh.update(true, participants);
    }
    await flush();
    await members.get(3)!.mesh.setAudioOnly(true);
    await flush();
    for (const m of members.values()) {
      expect(m.mesh.getState().local.audioOnly).toBe(true);
      for (const p of m.mesh.getState().peers) expect(p.state.audioOnly).toBe(true);
    }
    expect(members.get(1)!.mesh.getState().local.audioOnlyBy).toBe('peer');
    await members.get(1)!.mesh.setAudioOnly(false);
    await flush();
    for (const m of members.values()) expect(m.mesh.getState().local.audioOnly).toBe(false);
  });

  test('mute and camera apply to the shared tracks, and to calls made later', async () => {
    const { members, participants } = room(PEOPLE.slice(0, 2));
    const doctor = members.get(1)!;
    await doctor.mesh.prepareMedia();
    doctor.mesh.toggleMute();
    doctor.mesh.update(true, participants);
    await flush();
    const s = doctor.mesh.getState();
    expect(s.local.muted).toBe(true);
    expect(s.peers[0]!.state.muted).toBe(true);
    expect(s.local.localStream!.getAudioTracks()[0]!.enabled).toBe(false);
  });
});
