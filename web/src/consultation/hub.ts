import { HttpTransportType, HubConnectionBuilder, HubConnectionState, LogLevel, type HubConnection } from '@microsoft/signalr';
import { session } from '../api/auth';
import { retryDelay, type ConnectionStatus } from '../monitoring/connection';

/** What a room needs from the hub: calls, events, and a word when the connection is (again) up. */
export interface HubLike {
  invoke<T = unknown>(method: string, ...args: unknown[]): Promise<T>;
  on(event: string, handler: (payload: never) => void): () => void;
  /** Calls `listener` at every (re)connection, and at once when connected already. */
  onConnected(listener: () => void): () => void;
  getStatus(): ConnectionStatus;
  subscribeStatus(listener: () => void): () => void;
}

/**
 * The `/hubs/consultation` connection of the signed-in doctor or patient (one per page): WebSocket
 * without negotiation, automatic reconnection forever, and a restart after a close. After every
 * reconnect (the connection's groups are lost), `onConnected` listeners re-join their consultation and resync.
 */
export class ConsultationHub implements HubLike {
  private readonly hub: HubConnection;
  private readonly connectedListeners = new Set<() => void>();
  private readonly statusListeners = new Set<() => void>();
  private status: ConnectionStatus = 'connecting';
  private stopped = false;
  private restartTimer: ReturnType<typeof setTimeout> | undefined;
  private stopping: Promise<void> = Promise.resolve();

  constructor(url = '/hubs/consultation') {
    this.hub = new HubConnectionBuilder()
      // WebSocket straight away, no negotiate request, so no sticky sessions behind the load balancer
      // (docs/scale-out.md). Stateful reconnect is only offered by a negotiate response, so withStatefulReconnect()
      // below stays inactive: after a drop, onConnected listeners re-join and resync (GetChatSince).
      .withUrl(url, {
        accessTokenFactory: () => session.freshAccessToken(),
        skipNegotiation: true,
        transport: HttpTransportType.WebSockets,
      })
      .withAutomaticReconnect({ nextRetryDelayInMilliseconds: (ctx) => retryDelay(ctx.previousRetryCount) })
      .withStatefulReconnect()
      .configureLogging(LogLevel.Warning)
      .build();
    this.hub.onreconnecting(() => {
      this.setStatus('reconnecting');
      void session.confirm(); // closed because the session ended? then the login page, not endless retries
    });
    this.hub.onreconnected(() => {
      this.setStatus('connected');
      this.notifyConnected();
    });
    this.hub.onclose(() => {
      this.setStatus('offline');
      if (!this.stopped) void session.confirm(); // the server closes a session's connections for good when it ends
      this.scheduleRestart(5_000);
    });
  }

  async start(): Promise<void> {
    this.stopped = false;
    this.setStatus('connecting');
    try {
      await this.stopping; // StrictMode stops and restarts at once in development
      if (this.hub.state !== HubConnectionState.Disconnected) return;
      await this.hub.start();
      this.setStatus('connected');
      this.notifyConnected();
    } catch {
      this.setStatus('offline');
      this.scheduleRestart(3_000);
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.restartTimer);
    this.stopping = this.hub.stop().catch(() => undefined);
    await this.stopping;
  }

  invoke<T = unknown>(method: string, ...args: unknown[]): Promise<T> {
    return this.hub.invoke<T>(method, ...args);
  }

  on(event: string, handler: (payload: never) => void): () => void {
    const h = handler as (payload: unknown) => void;
    this.hub.on(event, h);
    return () => this.hub.off(event, h);
  }

  onConnected(listener: () => void): () => void {
    this.connectedListeners.add(listener);
    if (this.status === 'connected') queueMicrotask(listener);
    return () => this.connectedListeners.delete(listener);
  }

  getStatus = (): ConnectionStatus => this.status;

  subscribeStatus = (listener: () => void): (() => void) => {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  };

  private notifyConnected(): void {
    for (const l of [...this.connectedListeners]) l();
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

/** The message of a hub refusal (`HubException`), without SignalR's prefix. */
export function hubErrorMessage(e: unknown): string {
  const raw = e instanceof Error ? e.message : String(e);
  const m = /HubException: (.*)$/s.exec(raw);
  return (m ? m[1]! : raw).trim();
}
