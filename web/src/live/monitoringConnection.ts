import type { DeviceStatusDto, ObservationDto } from '../api/types';
import { LiveHubConnection, type ConnectionStatus } from './hubConnection';
import type { LiveStore } from './store';

export type { ConnectionStatus };

/**
 * The `/hubs/monitoring` connection: subscribes to the board's patients (again after every
 * reconnect) and feeds `observation` / `deviceStatus` events into the store.
 */
export class MonitoringConnection {
  private readonly hub: LiveHubConnection;
  private readonly patients = new Set<number>();
  /** Called after a reconnect, so the board can refetch what it may have missed. */
  onResync: (() => void) | undefined;
  private readonly resyncListeners = new Set<() => void>();

  constructor(store: LiveStore, url = '/hubs/monitoring') {
    this.hub = new LiveHubConnection({ url, restartAfterCloseMs: 10_000, restartAfterFailedStartMs: 5_000 });
    this.hub.on('observation', (o: ObservationDto) => store.observation(o));
    this.hub.on('deviceStatus', (d: DeviceStatusDto) => store.deviceStatus(d));
    this.hub.onReconnected(() => {
      void this.subscribeAll();
      this.onResync?.();
      for (const l of this.resyncListeners) l();
    });
  }

  start(): Promise<void> {
    return this.hub.start(() => this.subscribeAll());
  }

  stop(): Promise<void> {
    return this.hub.stop();
  }

  /** Watches exactly these patients from now on. */
  async setPatients(ids: readonly number[]): Promise<void> {
    const next = new Set(ids);
    const connected = this.hub.isConnected;
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

  getStatus = (): ConnectionStatus => this.hub.getStatus();

  subscribeStatus = (listener: () => void): (() => void) => this.hub.subscribeStatus(listener);

  /** Handles a hub event (e.g. `alert`, `news2`) until the returned function is called. */
  on<T>(event: string, handler: (payload: T) => void): () => void {
    return this.hub.on(event, handler);
  }

  /** Also called after a reconnect (besides `onResync`), e.g. to reload open alerts. */
  addResyncListener(listener: () => void): () => void {
    this.resyncListeners.add(listener);
    return () => this.resyncListeners.delete(listener);
  }

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
}
