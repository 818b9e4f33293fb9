import { AuthSession } from '../auth/session';

function localStore(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/** Web Locks when the browser has them: one refresh at a time across all of the app's tabs. */
async function crossTabLock<T>(task: () => Promise<T>): Promise<T> {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  return locks ? await locks.request('fajma.refreshToken', task) : await task();
}

/** The page's session: the API client and the hub take their bearer token from it. */
export const session = new AuthSession({
  fetch: (request) => fetch(request),
  baseUrl: typeof window === 'undefined' ? 'http://localhost' : window.location.origin,
  storage: localStore(),
  lock: crossTabLock,
});

export const getAccessToken = (): string | null => session.getAccessToken();
