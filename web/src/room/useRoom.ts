import { useEffect, useState, useSyncExternalStore } from 'react';
import { consultationApi } from '../consultation/api';
import { relayOnlyFrom, type CallState } from '../call/call';
import { CallMesh, type MeshState } from '../call/mesh';
import type { ParticipantDto } from '../consultation/types';
import { useConsultationHub } from '../live/ConsultationHubContext';
import { ConsultationRoom, type Me, type RoomState } from './room';

/** The room of consultation `id` for as long as the page shows it; leaves the group on the way out. */
export function useRoom(id: number, me: Me): [ConsultationRoom, RoomState] {
  const hub = useConsultationHub();
  const [room, setRoom] = useState(() => new ConsultationRoom(hub, id, me));
  useEffect(() => {
    // StrictMode (development) unmounts once, and the id may change: a fresh room then.
    if (room.isDisposed || room.id !== id) {
      setRoom(new ConsultationRoom(hub, id, me));
      return;
    }
    return () => void room.leave();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [room, hub, id]);
  const state = useSyncExternalStore(room.subscribe, room.getState);
  return [room, state];
}

function readRelayFlag(): boolean {
  let stored: string | null = null;
  try {
    stored = localStorage.getItem('fajma.rtc.relay');
  } catch {
    stored = null;
  }
  return relayOnlyFrom(window.location.search, stored);
}

async function iceServers(): Promise<RTCIceServer[]> {
  const answer = await consultationApi.iceServers();
  return answer.iceServers.map((s) => ({
    urls: s.urls,
    ...(s.username ? { username: s.username } : {}),
    ...(s.credential ? { credential: s.credential } : {}),
  }));
}

const makeMesh = (room: ConsultationRoom) => ({
  room,
  mesh: new CallMesh({
    me: { id: room.me.id, role: room.me.role },
    send: (kind, payload) => room.sendSignal(kind, payload),
    iceServers,
    relayOnly: readRelayFlag(),
  }),
});

/**
 * The call of this room with every other participant (one peer connection each, see mesh.ts):
 * camera and microphone from the start (a preview while waiting), the peer connections while the
 * consultation is live and the others are (or were just) in the room.
 */
export function useCall(room: ConsultationRoom, live: boolean, participants: readonly ParticipantDto[]): [CallMesh, MeshState] {
  const [{ mesh, room: owner }, setMesh] = useState(() => makeMesh(room));
  useEffect(() => {
    if (mesh.isDisposed || owner !== room) {
      setMesh(makeMesh(room));
      return;
    }
    const off = room.onSignal((s) => mesh.handleSignal(s));
    void mesh.prepareMedia();
    return () => {
      off();
      mesh.hangup();
    };
  }, [mesh, owner, room]);
  useEffect(() => {
    if (!mesh.isDisposed && owner === room) mesh.update(live, participants);
  }, [mesh, owner, room, live, participants]);
  const state = useSyncExternalStore(mesh.subscribe, mesh.getState);
  return [mesh, state];
}

/** The call with one participant (the main picture), or my own side while there is none. */
export function callWith(state: MeshState, userId: number | undefined): CallState {
  const peer = userId == null ? undefined : state.peers.find((p) => p.userId === userId);
  return peer ? peer.state : state.local;
}
