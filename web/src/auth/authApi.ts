import createClient from 'openapi-fetch';
import type { paths } from '../api/schema';
import type { TokenResponse } from '../api/types';

/** Why a sign-in failed; the login page turns it into a translated message. */
export type LoginFailure =
  | { kind: 'credentials' }
  | { kind: 'locked'; retryAfterSeconds: number | null }
  /** An administrator locked the account (403): waiting will not help. */
  | { kind: 'disabled' }
  | { kind: 'unreachable' }
  | { kind: 'server'; status: number }
  /** Not a failure: the password was right, the second factor is awaited with this challenge. */
  | { kind: 'mfa'; challenge: string }
  /** The second factor's code was wrong or already used. */
  | { kind: 'code' };

export class LoginError extends Error {
  constructor(readonly failure: LoginFailure) {
    super(`sign-in failed: ${failure.kind}`);
  }
}

/** Tokens as received, with the server's clock at that moment (the `Date` header) for expiry maths. */
export interface Tokens {
  body: TokenResponse;
  serverDateMs: number | null;
}

/** Why an invitation link did not sign the guest in. */
export type RedeemFailure = 'used' | 'unreachable' | 'server';

export type RedeemOutcome = { kind: 'ok'; tokens: Tokens } | { kind: 'failed'; reason: RedeemFailure };

/** A follower link: `invalid` carries the fields the server named (email taken, password too short…); `conflict`: already following. */
export type FollowRedeemOutcome =
  | { kind: 'ok'; tokens: Tokens }
  | { kind: 'failed'; reason: RedeemFailure | 'conflict' | 'wrongAccount' }
  | { kind: 'invalid'; errors: Record<string, string[]> };

export interface FollowRedeemRequest {
  token: string;
  email: string | null;
  displayName: string | null;
  password: string | null;
}

export type RefreshOutcome = { kind: 'ok'; tokens: Tokens } | { kind: 'rejected' } | { kind: 'failed' };

/** `Retry-After` as seconds (delta-seconds or an HTTP date), or null. */
export function retryAfterSeconds(header: string | null, nowMs: number): number | null {
  if (!header) return null;
  const n = Number(header);
  if (Number.isFinite(n)) return Math.max(0, Math.ceil(n));
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - nowMs) / 1000));
}

function tokens(body: unknown, response: Response): Tokens {
  const date = Date.parse(response.headers.get('date') ?? '');
  return { body: body as TokenResponse, serverDateMs: Number.isNaN(date) ? null : date };
}

/** The `/api/v1/auth/*` calls, without the bearer/refresh logic (they are that logic's building blocks). */
export function authApi(fetchFn: (r: Request) => Promise<Response>, baseUrl: string) {
  const http = createClient<paths>({ baseUrl, fetch: fetchFn });
  return {
    async login(email: string, password: string): Promise<Tokens> {
      let result;
      try {
        result = await http.POST('/api/v1/auth/login', { body: { email, password } });
      } catch {
        throw new LoginError({ kind: 'unreachable' });
      }
      const { data, response } = result;
      if (response.status === 202 && data && 'challenge' in data) throw new LoginError({ kind: 'mfa', challenge: data.challenge });
      if (response.ok && data && 'accessToken' in data) return tokens(data, response);
      if (response.status === 401 || response.status === 400) throw new LoginError({ kind: 'credentials' });
      if (response.status === 403) throw new LoginError({ kind: 'disabled' });
      if (response.status === 429)
        throw new LoginError({ kind: 'locked', retryAfterSeconds: retryAfterSeconds(response.headers.get('retry-after'), Date.now()) });
      throw new LoginError(response.status >= 502 && response.status <= 504 ? { kind: 'unreachable' } : { kind: 'server', status: response.status });
    },

    /** The second step: the login's challenge and a code from the authenticator app, or a recovery code. */
    async secondFactor(challenge: string, code: string): Promise<Tokens> {
      const trimmed = code.trim();
      const totp = /^\d{6}$/.test(trimmed);
      const body = { challenge, code: totp ? trimmed : null, recoveryCode: totp ? null : trimmed };
      let result;
      try {
        result = await http.POST('/api/v1/auth/mfa', { body });
      } catch {
        throw new LoginError({ kind: 'unreachable' });
      }
      const { data, response } = result;
      if (response.ok && data) return tokens(data, response);
      if (response.status === 401 || response.status === 400) throw new LoginError({ kind: 'code' });
      if (response.status === 403) throw new LoginError({ kind: 'disabled' });
      if (response.status === 429)
        throw new LoginError({ kind: 'locked', retryAfterSeconds: retryAfterSeconds(response.headers.get('retry-after'), Date.now()) });
      throw new LoginError(response.status >= 502 && response.status <= 504 ? { kind: 'unreachable' } : { kind: 'server', status: response.status });
    },

    /** `rejected`: the token is spent, revoked or expired (sign in again); `failed`: try again later. */
    async refresh(refreshToken: string): Promise<RefreshOutcome> {
      try {
        const { data, response } = await http.POST('/api/v1/auth/refresh', { body: { refreshToken } });
        if (response.ok && data) return { kind: 'ok', tokens: tokens(data, response) };
        return response.status === 400 || response.status === 401 || response.status === 403 ? { kind: 'rejected' } : { kind: 'failed' };
      } catch {
        return { kind: 'failed' };
      }
    },

    /** A guest's invitation link, used once: a 401 means used, expired or unknown (the server does not say which). */
    async redeemGuest(token: string): Promise<RedeemOutcome> {
      try {
        const { data, response } = await http.POST('/api/v1/consultations/guests/redeem', { body: { token } });
        if (response.ok && data) return { kind: 'ok', tokens: tokens(data, response) };
        if (response.status === 400 || response.status === 401 || response.status === 404) return { kind: 'failed', reason: 'used' };
        return { kind: 'failed', reason: response.status >= 502 && response.status <= 504 ? 'unreachable' : 'server' };
      } catch {
        return { kind: 'failed', reason: 'unreachable' };
      }
    },

    /** A patient's follower link, used once: a new follower account, or (with `accessToken`) the signed-in follower's. */
    async redeemFollower(body: FollowRedeemRequest, accessToken: string | null): Promise<FollowRedeemOutcome> {
      try {
        const { data, error, response } = await http.POST('/api/v1/followers/redeem', {
          body,
          headers: accessToken ? { Authorization: `Bearer ${accessToken}` } : {},
        });
        if (response.ok && data) return { kind: 'ok', tokens: tokens(data, response) };
        if (response.status === 400) return { kind: 'invalid', errors: ((error as { errors?: Record<string, string[]> } | undefined)?.errors ?? {}) };
        if (response.status === 409) return { kind: 'failed', reason: 'conflict' };
        if (response.status === 403) return { kind: 'failed', reason: 'wrongAccount' };
        if (response.status === 401 || response.status === 404) return { kind: 'failed', reason: 'used' };
        return { kind: 'failed', reason: response.status >= 502 && response.status <= 504 ? 'unreachable' : 'server' };
      } catch {
        return { kind: 'failed', reason: 'unreachable' };
      }
    },

    async logout(refreshToken: string, accessToken: string | null): Promise<void> {
      await http
        .POST('/api/v1/auth/logout', {
          body: { refreshToken },
          headers: accessToken ? { Authorization: `Bearer ${accessToken}` } : {},
        })
        .catch(() => undefined);
    },
  };
}

export type AuthApi = ReturnType<typeof authApi>;
