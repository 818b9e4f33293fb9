import { HttpTransportType, HubConnectionBuilder, HubConnectionState, LogLevel, type HubConnection } from '@microsoft/signalr';
import { session } from '../api/auth';
import type { DeviceStatusDto, ObservationDto } from '../api/types';
import type { LiveStore } from './store';

export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting' | 'offline';

/** Retry forever: 0, 1, 2, 5, then every 10 s (a clinic's network comes back; the board must too). */
const RETRY_MS = [0, 1000, 2000, 5000];
export const retryDelay = (attempt: number) => RETRY_MS[attempt] ?? 10_000;

/**
 * The `/hubs/monitoring` connection: subscribes to the board's patients (again after every
 * reconnect) and feeds `observation` / `deviceStatus` events into the store.
 */
export class MonitoringConnection {
  private readonly hub: HubConnection;
  private readonly patients = new Set<number>();
  private readonly listeners = new Set<() => void>();
  private status: ConnectionStatus = 'connecting';
  private stopped = false;
  private restartTimer: ReturnType<typeof setTimeout> | undefined;
  private stopping: Promise<void> = Promise.resolve();
  /** Called after a reconnect, so the board can refetch what it may have missed. */
  onResync: (() => void) | undefined;
  private readonly resyncListeners = new Set<() => void>();

  constructor(store: LiveStore, url = '/hubs/monitoring') {
    this.hub = new HubConnectionBuilder()
      // WebSocket straight away, no negotiate request: behind a round-robin load balancer the negotiate and the
      // connect could reach different nodes, so skipping it means no sticky sessions (docs/scale-out.md).
      .withUrl(url, {
        accessTokenFactory: () => session.freshAccessToken(),
        skipNegotiation: true,
        transport: HttpTransportType.WebSockets,
      })
      .withAutomaticReconnect({ nextRetryDelayInMilliseconds: (ctx) => retryDelay(ctx.previousRetryCount) })
      .configureLogging(LogLevel.Warning)
      .build();
    this.hub.on('observation', (o: ObservationDto) => store.observation(o));
    this.hub.on('deviceStatus', (d: DeviceStatusDto) => store.deviceStatus(d));
    this.hub.onreconnecting(() => {
      this.setStatus('reconnecting');
      void session.confirm(); // closed because the session ended? then the login page, not endless retries
    });
    this.hub.onreconnected(() => {
      this.setStatus('connected');
      void this.subscribeAll();
      this.onResync?.();
      for (const l of this.resyncListeners) l();
    });
    this.hub.onclose(() => {
      this.setStatus('offline');
      if (!this.stopped) void session.confirm(); // the server closes a session's connections for good when it ends
      this.scheduleRestart(10_000);
    });
  }

  async start(): Promise<void> {
    this.stopped = false;
    this.setStatus('connecting');
    try {
      await this.stopping; // React StrictMode stops and restarts at once in development
      if (this.hub.state !== HubConnectionState.Disconnected) return;
      await this.hub.start();
      this.setStatus('connected');
      await this.subscribeAll();
    } catch {
      this.setStatus('offline');
      this.scheduleRestart(5_000);
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.restartTimer);
    this.stopping = this.hub.stop().catch(() => undefined);
    await this.stopping;
  }

  /** Watches exactly these patients from now on. */
  async setPatients(ids: readonly number[]): Promise<void> {
    const next = new Set(ids);
    const connected = this.hub.state === HubConnectionState.Connected;
    for (const id of [...this.patients]) {
      if (!next.has(id)) {
        this.patients.delete(id);
        if (connected) await this.hub.invoke('UnsubscribePatient', id).catch(() => undefined);
      }
    }
    const added = ids.filter((id) => !this.patients.has(id));
    for (const id of added) this.patients.add(id);
    if (connected) await Promise.all(added.map((id) => this.subscribe(id)));
  }

  getStatus = (): ConnectionStatus => this.status;

  /** Handles a hub event (e.g. `alert`, `news2`) until the returned function is called. */
  on<T>(event: string, handler: (payload: T) => void): () => void {
    const h = (payload: T) => handler(payload);
    this.hub.on(event, h);
    return () => this.hub.off(event, h);
  }

  /** Also called after a reconnect (besides `onResync`), e.g. to reload open alerts. */
  addResyncListener(listener: () => void): () => void {
    this.resyncListeners.add(listener);
    return () => this.resyncListeners.delete(listener);
  }

  subscribeStatus = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private async subscribeAll(): Promise<void> {
    await Promise.all([...this.patients].map((id) => this.subscribe(id)));
  }

  private async subscribe(id: number): Promise<void> {
    try {
      await this.hub.invoke('SubscribePatient', id);
    } catch (e) {
      console.warn(`SubscribePatient(${id}) failed`, e);
    }
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
    for (const l of this.listeners) l();
  }
}
