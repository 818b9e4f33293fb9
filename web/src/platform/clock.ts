import { useSyncExternalStore } from 'react';
import { api } from '../api/client';

/**
 * The server's clock as seen from here: ages ("12 s ago") compare server timestamps with
 * Date.now() + offset, so a wrong clock on the doctor's computer does not skew them.
 */
let offsetMs = 0;
let tick = 0;
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | undefined;

export function serverNow(): number {
  return Date.now() + offsetMs;
}

/** Estimates the offset from `GET /api/v1/time` (midpoint of the round trip). */
export async function syncServerClock(): Promise<void> {
  const sent = Date.now();
  const t = await api.time();
  const received = Date.now();
  offsetMs = t.unixMilliseconds - (sent + received) / 2;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (!timer) {
    timer = setInterval(() => {
      tick++;
      for (const l of listeners) l();
    }, 1000);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

/** Re-renders the caller once a second; returns the server-aligned time. */
export function useNow(): number {
  useSyncExternalStore(subscribe, () => tick);
  return serverNow();
}
