import { useCallback, useEffect, useRef, useState } from 'react';
import { triageApi, type TriageBoardDto } from './triageApi';

/**
 * The board over 24 hours changes on the scale of minutes, and each read is audited per patient shown: refreshed every
 * minute and when the tab comes back into view, rather than on every live reading.
 */
export const REFRESH_MS = 60_000;

export type TriageState = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; board: TriageBoardDto };

export function useTriage(): [TriageState, () => Promise<void>] {
  const [state, setState] = useState<TriageState>({ kind: 'loading' });
  const inFlight = useRef<AbortController | null>(null);
  const reload = useCallback(async () => {
    inFlight.current?.abort();
    const controller = new AbortController();
    inFlight.current = controller;
    try {
      const board = await triageApi.board(controller.signal);
      if (!controller.signal.aborted) setState({ kind: 'ready', board });
    } catch (e) {
      if (controller.signal.aborted) return;
      // Keep the board on screen if a refresh fails; say so only when there is nothing to show.
      setState((s) => (s.kind === 'ready' ? s : { kind: 'error', message: e instanceof Error ? e.message : String(e) }));
    }
  }, []);
  useEffect(() => {
    void reload();
    const timer = window.setInterval(() => void reload(), REFRESH_MS);
    const onVisible = () => document.visibilityState === 'visible' && void reload();
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
      inFlight.current?.abort();
    };
  }, [reload]);
  return [state, reload];
}
