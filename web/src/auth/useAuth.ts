import { useEffect, useSyncExternalStore } from 'react';
import { session } from '../api/auth';
import { REFRESH_TOKEN_KEY, type AuthState } from './session';

/** The session's state; re-renders on sign-in, sign-out and a changed user. */
export function useAuthState(): AuthState {
  return useSyncExternalStore(session.subscribe, session.getState);
}

/** Once per page: resume the stored session, and follow sign-outs made in other tabs. */
export function useSessionRestore(): void {
  useEffect(() => {
    void session.restore();
    const onStorage = (e: StorageEvent) => {
      if (e.key === REFRESH_TOKEN_KEY && e.newValue === null) session.signOutLocally();
      else if (e.key === REFRESH_TOKEN_KEY && session.getState().status === 'signedOut') void session.adoptStoredSession();
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, []);
}
