import { describe, expect, test } from 'vitest';
import { authApi, retryAfterSeconds } from './authApi';

const problem = (status: number, headers: Record<string, string> = {}) => async () =>
  new Response(JSON.stringify({ title: 'x', status }), { status, headers: { 'Content-Type': 'application/problem+json', ...headers } });

describe('login failures', () => {
  test('401 is wrong credentials; 429 is a lockout with its wait', async () => {
    await expect(authApi(problem(401), 'http://t').login('a', 'b')).rejects.toMatchObject({ failure: { kind: 'credentials' } });
    await expect(authApi(problem(429, { 'Retry-After': '900' }), 'http://t').login('a', 'b')).rejects.toMatchObject({
      failure: { kind: 'locked', retryAfterSeconds: 900 },
    });
    await expect(authApi(problem(500), 'http://t').login('a', 'b')).rejects.toMatchObject({ failure: { kind: 'server', status: 500 } });
    // An administrator's lock: not a countdown, the person must ask.
    await expect(authApi(problem(403), 'http://t').login('a', 'b')).rejects.toMatchObject({ failure: { kind: 'disabled' } });
    await expect(authApi(() => Promise.reject(new TypeError('down')), 'http://t').login('a', 'b')).rejects.toMatchObject({
      failure: { kind: 'unreachable' },
    });
  });

  test('Retry-After as seconds or as an HTTP date', () => {
    const now = Date.UTC(2026, 0, 1, 12, 0, 0);
    expect(retryAfterSeconds('120', now)).toBe(120);
    expect(retryAfterSeconds(new Date(now + 90_000).toUTCString(), now)).toBe(90);
    expect(retryAfterSeconds(null, now)).toBeNull();
    expect(retryAfterSeconds('soon', now)).toBeNull();
  });
});

describe('second factor', () => {
  const json = (status: number, body: unknown) => async () => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

  test('202 from login is the second step, with its challenge', async () => {
    const api = authApi(json(202, { mfaRequired: true, challenge: 'ch-1', expiresAt: '2026-01-01T12:05:00Z' }), 'http://t');
    await expect(api.login('a', 'b')).rejects.toMatchObject({ failure: { kind: 'mfa', challenge: 'ch-1' } });
  });

  test('six digits go as a code, anything else as a recovery code; a refused one is a wrong code', async () => {
    const sent: unknown[] = [];
    const api = authApi(async (r) => {
      sent.push(await r.json());
      return new Response(JSON.stringify({ title: 'x', status: 401 }), { status: 401 });
    }, 'http://t');
    await expect(api.secondFactor('ch', ' 123456 ')).rejects.toMatchObject({ failure: { kind: 'code' } });
    await expect(api.secondFactor('ch', 'abcde-fghij')).rejects.toMatchObject({ failure: { kind: 'code' } });
    expect(sent).toEqual([
      { challenge: 'ch', code: '123456', recoveryCode: null },
      { challenge: 'ch', code: null, recoveryCode: 'abcde-fghij' },
    ]);
  });
});
