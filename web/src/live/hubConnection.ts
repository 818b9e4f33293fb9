import { HttpTransportType, HubConnectionBuilder, HubConnectionState, LogLevel, type HubConnection } from '@microsoft/signalr';
import { session } from '../api/auth';

export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting' | 'offline';

/** Retry forever: 0, 1, 2, 5, then every 10 s (a clinic's network comes back; the board must too). */
const RETRY_MS = [0, 1000, 2000, 5000];
export const retryDelay = (attempt: number) => RETRY_MS[attempt] ?? 10_000;

export interface HubConnectionOptions {
  url: string;
  /** Offer stateful reconnect (only a negotiate response activates it; we skip negotiation, so it stays dormant). */
  statefulReconnect?: boolean;
  /** Wait this long before starting again after the connection closed for good. */
  restartAfterCloseMs: number;
  /** Wait this long before trying again after a failed start. */
  restartAfterFailedStartMs: number;
}

/**
 * One SignalR hub connection of the signed-in user — the one wrapper under both hubs: WebSocket
 * without negotiation, automatic reconnection forever, a restart after a close, the status for the
 * header, and `onConnected` listeners called at every (re)connection (a hub's groups are lost on a
 * reconnect, so its users re-subscribe there).
 */
export class LiveHubConnection {
  private readonly hub: HubConnection;
  private readonly connectedListeners = new Set<() => void>();
  private readonly reconnectedListeners = new Set<() => void>();
  private readonly statusListeners = new Set<() => void>();
  private status: ConnectionStatus = 'connecting';
  private stopped = false;
  private restartTimer: ReturnType<typeof setTimeout> | undefined;
  private stopping: Promise<void> = Promise.resolve();

  constructor(private readonly options: HubConnectionOptions) {
    let builder = new HubConnectionBuilder()
      // WebSocket straight away, no negotiate request: behind a round-robin load balancer the negotiate and the
      // connect could reach different nodes, so skipping it means no sticky sessions (docs/scale-out.md).
      .withUrl(options.url, {
        accessTokenFactory: () => session.freshAccessToken(),
        skipNegotiation: true,
        transport: HttpTransportType.WebSockets,
      })
      .withAutomaticReconnect({ nextRetryDelayInMilliseconds: (ctx) => retryDelay(ctx.previousRetryCount) });
    if (options.statefulReconnect) builder = builder.withStatefulReconnect();
    this.hub = builder.configureLogging(LogLevel.Warning).build();
    this.hub.onreconnecting(() => {
      this.setStatus('reconnecting');
      void session.confirm(); // closed because the session ended? then the login page, not endless retries
    });
    this.hub.onreconnected(() => {
      this.setStatus('connected');
      this.notify(this.connectedListeners);
      this.notify(this.reconnectedListeners);
    });
    this.hub.onclose(() => {
      this.setStatus('offline');
      if (!this.stopped) void session.confirm(); // the server closes a session's connections for good when it ends
      this.scheduleRestart(options.restartAfterCloseMs);
    });
  }

  /** Connects (resolves once the `onConnected` listeners ran; a failure schedules another try). */
  async start(beforeListeners?: () => Promise<void>): Promise<void> {
    this.stopped = false;
    this.setStatus('connecting');
    try {
      await this.stopping; // React StrictMode stops and restarts at once in development
      if (this.hub.state !== HubConnectionState.Disconnected) return;
      await this.hub.start();
      this.setStatus('connected');
      await beforeListeners?.();
      this.notify(this.connectedListeners);
    } catch {
      this.setStatus('offline');
      this.scheduleRestart(this.options.restartAfterFailedStartMs);
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.restartTimer);
    this.stopping = this.hub.stop().catch(() => undefined);
    await this.stopping;
  }

  get isConnected(): boolean {
    return this.hub.state === HubConnectionState.Connected;
  }

  invoke<T = unknown>(method: string, ...args: unknown[]): Promise<T> {
    return this.hub.invoke<T>(method, ...args);
  }

  /** Handles a hub event until the returned function is called. */
  on<T>(event: string, handler: (payload: T) => void): () => void {
    const h = (payload: T) => handler(payload);
    this.hub.on(event, h);
    return () => this.hub.off(event, h);
  }

  /** Calls `listener` at every (re)connection, and at once (in a microtask) when connected already. */
  onConnected(listener: () => void): () => void {
    this.connectedListeners.add(listener);
    if (this.status === 'connected') queueMicrotask(listener);
    return () => this.connectedListeners.delete(listener);
  }

  /** Calls `listener` after each reconnect only (not the first connection): time to refetch what was missed. */
  onReconnected(listener: () => void): () => void {
    this.reconnectedListeners.add(listener);
    return () => this.reconnectedListeners.delete(listener);
  }

  getStatus = (): ConnectionStatus => this.status;

  subscribeStatus = (listener: () => void): (() => void) => {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  };

  private notify(listeners: ReadonlySet<() => void>): void {
    for (const l of [...listeners]) l();
  }

  private scheduleRestart(ms: number): void {
    if (this.stopped) return;
    clearTimeout(this.restartTimer);
    this.restartTimer = setTimeout(() => {
      if (!this.stopped && this.hub.state === HubConnectionState.Disconnected) void this.start();
    }, ms);
  }

  private setStatus(s: ConnectionStatus): void {
    if (s === this.status) return;
    this.status = s;
    for (const l of this.statusListeners) l();
  }
}
