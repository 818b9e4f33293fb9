import { LiveHubConnection } from '../live/hubConnection';
import type { DeviceCommandDto } from './commands';

type Listener = (command: DeviceCommandDto) => void;

/**
 * The device page's `/hubs/monitoring` connection (the shared wrapper, `live/`), for `deviceCommand` events only: the
 * page has no live board. Subscribes to the patients whose devices are open — again at every reconnection, since a
 * hub's groups are lost then — and after a reconnect tells the panels to refetch what they may have missed.
 */
export class CommandFeed {
  private readonly hub: LiveHubConnection;
  private readonly watchers = new Map<number, Set<Listener>>();
  private readonly resync = new Set<() => void>();
  private started = false;

  constructor(url = '/hubs/monitoring') {
    this.hub = new LiveHubConnection({ url, restartAfterCloseMs: 10_000, restartAfterFailedStartMs: 5_000 });
    this.hub.on<DeviceCommandDto>('deviceCommand', (c) => {
      if (c.patientId != null) for (const l of this.watchers.get(c.patientId) ?? []) l(c);
    });
    this.hub.onConnected(() => {
      for (const patientId of this.watchers.keys()) void this.hub.invoke('SubscribePatient', patientId).catch(() => undefined);
    });
    this.hub.onReconnected(() => {
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
    if (!this.started) {
      this.started = true;
      void this.hub.start(); // its first connection subscribes every watched patient
    } else if (first && this.hub.isConnected) {
      void this.hub.invoke('SubscribePatient', patientId).catch(() => undefined);
    }
    return () => {
      set.delete(listener);
      this.resync.delete(onResync);
      if (set.size === 0) {
        this.watchers.delete(patientId);
        if (this.hub.isConnected) void this.hub.invoke('UnsubscribePatient', patientId).catch(() => undefined);
      }
    };
  }

  async stop(): Promise<void> {
    this.watchers.clear();
    this.resync.clear();
    await this.hub.stop();
  }
}
