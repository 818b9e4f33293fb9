import { HttpTransportType, HubConnectionBuilder, HubConnectionState, LogLevel, type HubConnection } from '@microsoft/signalr';
import { session } from '../api/auth';
import type { DeviceCommandDto } from './commands';

type Listener = (command: DeviceCommandDto) => void;

/**
 * The device page's own `/hubs/monitoring` connection, for `deviceCommand` events only (the page has
 * no live board). Subscribes to the patients whose devices are open, again after a reconnect, and
 * then tells the panels to refetch what they may have missed.
 */
export class CommandFeed {
  private readonly hub: HubConnection;
  private readonly watchers = new Map<number, Set<Listener>>();
  private readonly resync = new Set<() => void>();
  private starting: Promise<void> | null = null;

  constructor(url = '/hubs/monitoring') {
    this.hub = new HubConnectionBuilder()
      .withUrl(url, { accessTokenFactory: () => session.freshAccessToken(), skipNegotiation: true, transport: HttpTransportType.WebSockets })
      .withAutomaticReconnect([0, 1000, 2000, 5000, 10_000])
      .configureLogging(LogLevel.Warning)
      .build();
    this.hub.on('deviceCommand', (c: DeviceCommandDto) => {
      if (c.patientId != null) for (const l of this.watchers.get(c.patientId) ?? []) l(c);
    });
    this.hub.onreconnected(() => {
      for (const patientId of this.watchers.keys()) void this.hub.invoke('SubscribePatient', patientId).catch(() => undefined);
      for (const r of this.resync) r();
    });
  }

  /** Hears the patient's command events until the returned function is called; `onResync` after a reconnect. */
  watch(patientId: number, listener: Listener, onResync: () => void): () => void {
    const first = !this.watchers.has(patientId);
    const set = this.watchers.get(patientId) ?? new Set<Listener>();
    set.add(listener);
    this.watchers.set(patientId, set);
    this.resync.add(onResync);
    if (first) void this.start().then(() => this.hub.invoke('SubscribePatient', patientId)).catch(() => undefined);
    return () => {
      set.delete(listener);
      this.resync.delete(onResync);
      if (set.size === 0) {
        this.watchers.delete(patientId);
        if (this.hub.state === HubConnectionState.Connected) void this.hub.invoke('UnsubscribePatient', patientId).catch(() => undefined);
      }
    };
  }

  private start(): Promise<void> {
    if (this.hub.state !== HubConnectionState.Disconnected) return this.starting ?? Promise.resolve();
    this.starting = this.hub.start();
    return this.starting;
  }

  async stop(): Promise<void> {
    this.watchers.clear();
    this.resync.clear();
    await this.hub.stop().catch(() => undefined);
  }
}
