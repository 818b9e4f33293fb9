import { useEffect, useState, useSyncExternalStore } from 'react';
import { consultationApi } from './api';
import { CallSession, relayOnlyFrom, type CallState } from './call';
import { useConsultationHub } from './ConsultationContext';
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

const makeCall = (room: ConsultationRoom) => ({
  room,
  call: new CallSession({
    role: room.me.role,
    me: room.me.id,
    target: () => room.peer()?.userId,
    send: (kind, payload) => room.sendSignal(kind, payload),
    iceServers,
    relayOnly: readRelayFlag(),
  }),
});

/**
 * The call of this room: camera and microphone from the start (a preview while waiting), the
 * peer connection while the consultation is live and the other side is (or was just) in the room.
 */
export function useCall(room: ConsultationRoom, live: boolean, peerOnline: boolean): [CallSession, CallState] {
  const [{ call, room: owner }, setCall] = useState(() => makeCall(room));
  useEffect(() => {
    if (call.isDisposed || owner !== room) {
      setCall(makeCall(room));
      return;
    }
    // Only the other side of this call (a guest in the room signals too).
    const off = room.onSignal((s) => {
      const peer = room.peer();
      if (!peer || s.fromUserId === peer.userId) call.handleSignal(s);
    });
    void call.prepareMedia();
    return () => {
      off();
      call.hangup();
    };
  }, [call, owner, room]);
  useEffect(() => {
    if (!call.isDisposed && owner === room) call.update(live, peerOnline);
  }, [call, owner, room, live, peerOnline]);
  const state = useSyncExternalStore(call.subscribe, call.getState);
  return [call, state];
}
