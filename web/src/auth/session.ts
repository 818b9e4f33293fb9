import type { TokenResponse, UserDto } from '../api/types';
import { authApi, type AuthApi, type FollowRedeemOutcome, type FollowRedeemRequest, type RedeemOutcome, type Tokens } from './authApi';

export const REFRESH_TOKEN_KEY = 'fajma.refreshToken';

export type AuthState =
  | { status: 'restoring' }
  | { status: 'signedOut'; reason: 'none' | 'loggedOut' | 'expired' }
  /** `mfaEnrolmentRequired`: the role must pass a second factor and this session has not — only enrolment is open. */
  | { status: 'signedIn'; user: UserDto; mfaEnrolmentRequired?: true };

type KeyValueStore = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export interface SessionOptions {
  /** The network: `fetch` in the browser, a fake in tests. */
  fetch: (request: Request) => Promise<Response>;
  baseUrl: string;
  /** Where the refresh token survives a reload (localStorage); the access token never goes there. */
  storage: KeyValueStore | null;
  /** Serializes refreshes across tabs (Web Locks), so two tabs never spend the same refresh token. */
  lock?: <T>(task: () => Promise<T>) => Promise<T>;
}

/** Refresh this long before the access token expires (half its lifetime if that is shorter). */
export const REFRESH_MARGIN_MS = 60_000;
/** After a network failure, try again this much later. */
export const RETRY_MS = 10_000;

/**
 * The signed-in session: access token in memory, refresh token in storage, a silent refresh
 * shortly before expiry, and `fetch` that adds the bearer and, on a 401, refreshes once (one
 * refresh shared by all concurrent callers) and retries.
 */
export class AuthSession {
  private state: AuthState = { status: 'restoring' };
  private access: { token: string; expiresAt: number } | null = null;
  private refreshToken: string | null = null;
  private inflight: Promise<'ok' | 'rejected' | 'failed'> | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Bumped on every sign-in/out, so a late answer from an older session is ignored. */
  private generation = 0;
  private readonly listeners = new Set<() => void>();
  private readonly api: AuthApi;

  constructor(private readonly options: SessionOptions) {
    this.api = authApi(options.fetch, options.baseUrl);
  }

  getState = (): AuthState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getAccessToken(): string | null {
    return this.access?.token ?? null;
  }

  /** On page load: resume with the stored refresh token, if any. */
  async restore(): Promise<void> {
    if (this.state.status !== 'restoring') return;
    if (!this.storedRefreshToken()) return this.end('none');
    const result = await this.refresh();
    if (result === 'failed' && this.state.status === 'restoring') this.schedule(RETRY_MS);
  }

  /** Another tab signed in: take its session over (a refresh, never the same token twice thanks to the lock). */
  async adoptStoredSession(): Promise<void> {
    if (this.state.status !== 'signedOut' || !this.storedRefreshToken()) return;
    this.setState({ status: 'restoring' });
    await this.restore();
  }

  /** Throws a LoginError the login page can explain. */
  async login(email: string, password: string): Promise<void> {
    const tokens = await this.api.login(email, password);
    this.generation++;
    this.accept(tokens);
  }

  /** The sign-in's second step (after a LoginError of kind `mfa`); throws a LoginError too. */
  async secondFactor(challenge: string, code: string): Promise<void> {
    const tokens = await this.api.secondFactor(challenge, code);
    this.generation++;
    this.accept(tokens);
  }

  /**
   * A guest's invitation link: redeemed once, its tokens become this page's session (stored like a
   * signed-in user's, so a reload resumes it instead of spending the link again).
   */
  async redeemGuest(token: string): Promise<RedeemOutcome> {
    const outcome = await this.api.redeemGuest(token);
    if (outcome.kind === 'ok') {
      this.generation++;
      this.accept(outcome.tokens);
    }
    return outcome;
  }

  /** A follower link: its tokens become this page's session (a new follower account, or this follower's own, refreshed). */
  async redeemFollower(body: FollowRedeemRequest): Promise<FollowRedeemOutcome> {
    const outcome = await this.api.redeemFollower(body, this.state.status === 'signedIn' ? this.getAccessToken() : null);
    if (outcome.kind === 'ok') {
      this.generation++;
      this.accept(outcome.tokens);
    }
    return outcome;
  }

  /** Enrolment confirmed: the answer's tokens carry the passed second factor and replace this session's. */
  adoptEnrolledTokens(body: TokenResponse): void {
    this.generation++; // a refresh already under way would bring back the tokens without the factor
    this.accept({ body, serverDateMs: null });
  }

  /** Ends the session on the server (best effort) and here. */
  async logout(): Promise<void> {
    if (this.refreshToken && this.state.status === 'signedIn') {
      if (!this.access || this.access.expiresAt - Date.now() < 5_000) await this.refresh();
      const refreshToken = this.refreshToken;
      const accessToken = this.getAccessToken();
      this.end('loggedOut');
      if (refreshToken) await this.api.logout(refreshToken, accessToken);
    } else {
      this.end('loggedOut');
    }
  }

  /** Forgets the session without calling the server (another tab signed out). */
  signOutLocally(): void {
    if (this.state.status !== 'signedOut') this.end('loggedOut');
  }

  /** New tokens for the stored refresh token; concurrent callers share one request. */
  refresh(): Promise<'ok' | 'rejected' | 'failed'> {
    this.inflight ??= (this.options.lock ?? ((task) => task()))(() => this.doRefresh()).finally(() => {
      this.inflight = null;
    });
    return this.inflight;
  }

  /**
   * A live connection dropped: asks the server whether this session still stands (one shared refresh). The server
   * closes a session's hub connections when it ends (logout elsewhere, a stolen refresh token reused), so this
   * shows the login page at once instead of retrying with a revoked token; a network failure changes nothing.
   */
  async confirm(): Promise<void> {
    if (this.state.status === 'signedIn') await this.refresh();
  }

  /** A token for the hub: the current one, refreshed first when it is about to expire. */
  async freshAccessToken(): Promise<string> {
    if ((!this.access || this.access.expiresAt - Date.now() < 30_000) && this.state.status === 'signedIn') await this.refresh();
    return this.getAccessToken() ?? '';
  }

  /** `fetch` with the bearer token; a 401 triggers one refresh and one retry. */
  fetch = async (request: Request): Promise<Response> => {
    const retry = request.clone();
    const used = this.getAccessToken();
    const response = await this.options.fetch(withBearer(request, used));
    if (response.status !== 401 || this.state.status === 'signedOut') return response;
    const current = this.getAccessToken();
    if (current && current !== used) return this.options.fetch(withBearer(retry, current)); // refreshed meanwhile
    if ((await this.refresh()) !== 'ok') return response;
    return this.options.fetch(withBearer(retry, this.getAccessToken()));
  };

  private async doRefresh(): Promise<'ok' | 'rejected' | 'failed'> {
    const generation = this.generation;
    // The stored token is the newest: another tab may have rotated it since we last looked.
    const token = this.storedRefreshToken() ?? this.refreshToken;
    if (!token) {
      this.end('expired');
      return 'rejected';
    }
    const outcome = await this.api.refresh(token);
    if (generation !== this.generation) return 'failed'; // signed out (or in again) meanwhile
    if (outcome.kind === 'ok') {
      this.accept(outcome.tokens);
      return 'ok';
    }
    if (outcome.kind === 'rejected') {
      this.end(this.state.status === 'restoring' ? 'none' : 'expired');
      return 'rejected';
    }
    if (this.state.status === 'signedIn') this.schedule(RETRY_MS);
    return 'failed';
  }

  private accept({ body, serverDateMs }: Tokens): void {
    const lifetime = Math.max(0, Date.parse(body.accessTokenExpiresAt) - (serverDateMs ?? Date.now()));
    this.access = { token: body.accessToken, expiresAt: Date.now() + lifetime };
    this.refreshToken = body.refreshToken;
    this.store(body.refreshToken);
    this.schedule(refreshDelay(lifetime));
    const prev = this.state;
    const required = body.mfaEnrolmentRequired === true;
    if (prev.status !== 'signedIn' || JSON.stringify(prev.user) !== JSON.stringify(body.user) || (prev.mfaEnrolmentRequired ?? false) !== required) {
      this.setState(required ? { status: 'signedIn', user: body.user, mfaEnrolmentRequired: true } : { status: 'signedIn', user: body.user });
    }
  }

  private end(reason: 'none' | 'loggedOut' | 'expired'): void {
    this.generation++;
    clearTimeout(this.timer);
    this.access = null;
    this.refreshToken = null;
    this.store(null);
    this.setState({ status: 'signedOut', reason });
  }

  private schedule(ms: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      if (this.state.status === 'signedIn') void this.refresh();
      else if (this.state.status === 'restoring') void this.restoreAgain();
    }, ms);
  }

  private async restoreAgain(): Promise<void> {
    if ((await this.refresh()) === 'failed' && this.state.status === 'restoring') this.schedule(RETRY_MS);
  }

  private storedRefreshToken(): string | null {
    try {
      return this.options.storage?.getItem(REFRESH_TOKEN_KEY) ?? null;
    } catch {
      return null;
    }
  }

  private store(token: string | null): void {
    try {
      if (token) this.options.storage?.setItem(REFRESH_TOKEN_KEY, token);
      else this.options.storage?.removeItem(REFRESH_TOKEN_KEY);
    } catch {
      /* private mode: the session lasts for this page only */
    }
  }

  private setState(next: AuthState): void {
    this.state = next;
    for (const l of this.listeners) l();
  }
}

/** When to refresh a token that lives `lifetimeMs`: a minute before expiry, or at half-life if shorter. */
export function refreshDelay(lifetimeMs: number): number {
  return Math.max(1_000, Math.max(lifetimeMs / 2, lifetimeMs - REFRESH_MARGIN_MS));
}

function withBearer(request: Request, token: string | null): Request {
  if (token) request.headers.set('Authorization', `Bearer ${token}`);
  return request;
}
