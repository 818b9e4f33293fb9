import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { UserDto } from '../api/types';
import { AuthSession, REFRESH_TOKEN_KEY, refreshDelay } from './session';

const BASE = 'http://fajma.test';
const LIFETIME_MS = 10 * 60_000;
const doctor: UserDto = { id: 1, email: 'doctor@fajma.demo', displayName: 'Dr Awa Sarr', role: 'doctor', patientId: null };

/** A fake server: issues numbered tokens, rotates refresh tokens, rejects spent ones, counts calls. */
function fakeServer() {
  let n = 0;
  const valid = new Set<string>();
  const spent = new Set<string>();
  let access = '';
  const calls: string[] = [];
  let refreshGate: Promise<void> | null = null;

  const issue = () => {
    n++;
    access = `access-${n}`;
    const refresh = `refresh-${n}`;
    valid.add(refresh);
    const body = { accessToken: access, refreshToken: refresh, accessTokenExpiresAt: new Date(Date.now() + LIFETIME_MS).toISOString(), user: doctor };
    return json(200, body, { Date: new Date().toUTCString() });
  };

  const fetch = async (req: Request): Promise<Response> => {
    const path = new URL(req.url).pathname;
    calls.push(path);
    if (path === '/api/v1/auth/login') {
      const { password } = (await req.json()) as { password: string };
      return password === 'fajma-demo' ? issue() : json(401, { title: 'Not signed in', detail: 'The email or password is wrong.' });
    }
    if (path === '/api/v1/auth/refresh') {
      if (refreshGate) await refreshGate;
      const { refreshToken } = (await req.json()) as { refreshToken: string };
      if (!valid.has(refreshToken)) {
        if (spent.has(refreshToken)) valid.clear(); // reuse: the whole family is revoked
        return json(401, { title: 'Not signed in' });
      }
      valid.delete(refreshToken);
      spent.add(refreshToken);
      return issue();
    }
    if (path === '/api/v1/auth/logout') {
      const { refreshToken } = (await req.json()) as { refreshToken: string };
      valid.delete(refreshToken);
      return new Response(null, { status: 204 });
    }
    // Any other API call: needs the current access token.
    return req.headers.get('Authorization') === `Bearer ${access}` ? json(200, []) : json(401, { title: 'Not signed in' });
  };

  return {
    fetch: vi.fn(fetch),
    calls,
    count: (path: string) => calls.filter((c) => c === path).length,
    /** Invalidates the current access token (as if it expired on the server). */
    expireAccess: () => (access = 'expired'),
    holdRefreshes: () => {
      let release!: () => void;
      refreshGate = new Promise((r) => (release = r));
      return () => {
        refreshGate = null;
        release();
      };
    },
  };
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
}

function memoryStorage() {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
    removeItem: (k: string) => void map.delete(k),
  };
}

function setup() {
  const server = fakeServer();
  const storage = memoryStorage();
  const session = new AuthSession({ fetch: server.fetch, baseUrl: BASE, storage });
  return { server, storage, session };
}

const api = (session: AuthSession) => session.fetch(new Request(`${BASE}/api/v1/patients`));

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  vi.setSystemTime(Date.UTC(2026, 10, 24, 9, 0, 0));
});
afterEach(() => vi.useRealTimers());

describe('sign-in and storage', () => {
  test('login keeps the access token in memory and only the refresh token in storage', async () => {
    const { session, storage } = setup();
    await session.login('doctor@fajma.demo', 'fajma-demo');
    expect(session.getState()).toEqual({ status: 'signedIn', user: doctor });
    expect(session.getAccessToken()).toBe('access-1');
    expect([...storage.map.entries()]).toEqual([[REFRESH_TOKEN_KEY, 'refresh-1']]);
  });

  test('a wrong password throws a credentials error and stays signed out', async () => {
    const { session, storage } = setup();
    await session.restore();
    await expect(session.login('doctor@fajma.demo', 'nope')).rejects.toMatchObject({ failure: { kind: 'credentials' } });
    expect(session.getState()).toEqual({ status: 'signedOut', reason: 'none' });
    expect(storage.map.size).toBe(0);
  });

  test('a reload resumes the session from the stored refresh token (rotating it)', async () => {
    const first = setup();
    await first.session.login('doctor@fajma.demo', 'fajma-demo');
    const reloaded = new AuthSession({ fetch: first.server.fetch, baseUrl: BASE, storage: first.storage });
    expect(reloaded.getState().status).toBe('restoring');
    await reloaded.restore();
    expect(reloaded.getState()).toEqual({ status: 'signedIn', user: doctor });
    expect(first.storage.getItem(REFRESH_TOKEN_KEY)).toBe('refresh-2');
  });
});

describe('silent refresh', () => {
  test('refreshes a minute before the access token expires, and again after that', async () => {
    const { session, server } = setup();
    await session.login('doctor@fajma.demo', 'fajma-demo');
    expect(refreshDelay(LIFETIME_MS)).toBe(9 * 60_000);

    await vi.advanceTimersByTimeAsync(9 * 60_000 - 1_000);
    expect(server.count('/api/v1/auth/refresh')).toBe(0);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(server.count('/api/v1/auth/refresh')).toBe(1);
    expect(session.getAccessToken()).toBe('access-2');

    await vi.advanceTimersByTimeAsync(9 * 60_000);
    expect(server.count('/api/v1/auth/refresh')).toBe(2);
    expect(session.getAccessToken()).toBe('access-3');
  });

  test('short-lived tokens refresh at half-life', () => {
    expect(refreshDelay(60_000)).toBe(30_000);
    expect(refreshDelay(0)).toBe(1_000);
  });

  test('concurrent 401s share one refresh and each request is retried once', async () => {
    const { session, server } = setup();
    await session.login('doctor@fajma.demo', 'fajma-demo');
    server.expireAccess();
    const release = server.holdRefreshes();
    const pending = Promise.all([api(session), api(session), api(session), api(session)]);
    await vi.advanceTimersByTimeAsync(0);
    release();
    const responses = await pending;
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect(server.count('/api/v1/auth/refresh')).toBe(1);
    expect(server.count('/api/v1/patients')).toBe(8); // 4 rejected + 4 retried
  });

  test('a request still failing after the refresh is not retried again', async () => {
    const { session, server } = setup();
    await session.login('doctor@fajma.demo', 'fajma-demo');
    const real = server.fetch.getMockImplementation()!;
    let patientsCalls = 0;
    server.fetch.mockImplementation(async (req: Request) => {
      if (new URL(req.url).pathname !== '/api/v1/patients') return real(req);
      patientsCalls++;
      return json(401, {});
    });
    const res = await api(session);
    expect(res.status).toBe(401);
    expect(patientsCalls).toBe(2);
    expect(server.count('/api/v1/auth/refresh')).toBe(1);
    expect(session.getState().status).toBe('signedIn'); // the refresh worked: the session stays
  });
});

describe('ending the session', () => {
  test('logout calls the server, clears tokens and storage, and shows the login page', async () => {
    const { session, server, storage } = setup();
    await session.login('doctor@fajma.demo', 'fajma-demo');
    await session.logout();
    expect(server.count('/api/v1/auth/logout')).toBe(1);
    const logoutCall = server.fetch.mock.calls.find(([r]) => r.url.endsWith('/logout'))![0];
    expect(logoutCall.headers.get('Authorization')).toBe('Bearer access-1');
    expect(session.getState()).toEqual({ status: 'signedOut', reason: 'loggedOut' });
    expect(session.getAccessToken()).toBeNull();
    expect(storage.map.size).toBe(0);
    expect(session.getState().status).toBe('signedOut'); // the login page (screenFor, platform/routes.test)
    // No refresh is left scheduled.
    await vi.advanceTimersByTimeAsync(60 * 60_000);
    expect(server.count('/api/v1/auth/refresh')).toBe(0);
  });

  test('a spent refresh token leads back to the login page', async () => {
    const { session, server, storage } = setup();
    await session.login('doctor@fajma.demo', 'fajma-demo');
    // Someone else (a thief, or a copy of the storage) spends refresh-1 first.
    await server.fetch(new Request(`${BASE}/api/v1/auth/refresh`, { method: 'POST', body: JSON.stringify({ refreshToken: 'refresh-1' }) }));
    server.expireAccess();
    const res = await api(session); // 401 → refresh with the spent token → session ended
    expect(res.status).toBe(401);
    expect(session.getState()).toEqual({ status: 'signedOut', reason: 'expired' });
    expect(storage.map.size).toBe(0);
    expect(session.getState().status).toBe('signedOut'); // the login page (screenFor, platform/routes.test)
  });

  test('a live connection dropped because the session was revoked elsewhere leads back to the login page', async () => {
    const { session, server, storage } = setup();
    await session.login('doctor@fajma.demo', 'fajma-demo');
    // A thief reuses a spent token: the server ends the whole session and closes its hub connections.
    await server.fetch(new Request(`${BASE}/api/v1/auth/refresh`, { method: 'POST', body: JSON.stringify({ refreshToken: 'refresh-1' }) }));
    await server.fetch(new Request(`${BASE}/api/v1/auth/refresh`, { method: 'POST', body: JSON.stringify({ refreshToken: 'refresh-1' }) }));

    await session.confirm(); // what the hubs call when they start reconnecting

    expect(session.getState()).toEqual({ status: 'signedOut', reason: 'expired' });
    expect(storage.map.size).toBe(0);
  });

  test('a live connection dropped by the network keeps the session', async () => {
    const { session, server } = setup();
    await session.login('doctor@fajma.demo', 'fajma-demo');
    const real = server.fetch.getMockImplementation()!;
    server.fetch.mockImplementation(() => Promise.reject(new TypeError('network down')));

    await session.confirm();

    expect(session.getState()).toEqual({ status: 'signedIn', user: doctor });
    server.fetch.mockImplementation(real);
    await session.confirm();
    expect(session.getAccessToken()).toBe('access-2'); // still standing: the refresh rotated the tokens
  });

  test('a stored token that no longer works shows the login page on load', async () => {
    const { session, storage } = setup();
    storage.setItem(REFRESH_TOKEN_KEY, 'refresh-unknown');
    await session.restore();
    expect(session.getState().status).toBe('signedOut'); // the login page (screenFor, platform/routes.test)
    expect(storage.map.size).toBe(0);
  });

  test('an unreachable server on load keeps the stored session and retries', async () => {
    const { session, server, storage } = setup();
    await session.login('doctor@fajma.demo', 'fajma-demo');
    const reloaded = new AuthSession({ fetch: server.fetch, baseUrl: BASE, storage });
    const real = server.fetch.getMockImplementation()!;
    server.fetch.mockImplementation(() => Promise.reject(new TypeError('network down')));
    await reloaded.restore();
    expect(reloaded.getState().status).toBe('restoring');
    expect(storage.getItem(REFRESH_TOKEN_KEY)).toBe('refresh-1');
    server.fetch.mockImplementation(real);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(reloaded.getState()).toEqual({ status: 'signedIn', user: doctor });
  });
});

describe('a second factor the organisation requires', () => {
  test('a session without it says so, and the tokens enrolment answers replace it with one that has it', async () => {
    const storage = memoryStorage();
    const body = (n: number, required: boolean) => ({
      accessToken: `access-${n}`,
      refreshToken: `refresh-${n}`,
      accessTokenExpiresAt: new Date(Date.now() + LIFETIME_MS).toISOString(),
      user: doctor,
      mfaEnrolmentRequired: required,
    });
    const session = new AuthSession({ fetch: async () => json(200, body(1, true)), baseUrl: BASE, storage });
    await session.login('doctor@fajma.demo', 'fajma-demo');
    expect(session.getState()).toEqual({ status: 'signedIn', user: doctor, mfaEnrolmentRequired: true });

    session.adoptEnrolledTokens(body(2, false));
    expect(session.getState()).toEqual({ status: 'signedIn', user: doctor });
    expect(session.getAccessToken()).toBe('access-2');
    expect(storage.getItem(REFRESH_TOKEN_KEY)).toBe('refresh-2');
  });
});
