import { Batcher } from './batcher';
import type { BleBluetooth, BleCharacteristic, BleDevice } from './bluetooth';
import { parseHeartRateMeasurement, type SensorContact } from './heartRate';
import type { Outbox, OutboxStats } from './outbox';
import { buildMessage, type RelayIdentity, type RelayReading } from './signing';

export type BleState = 'unsupported' | 'idle' | 'choosing' | 'connecting' | 'connected' | 'disconnected' | 'error';

export interface RelaySnapshot {
  ble: BleState;
  strapName: string | null;
  lastHeartRate: number | null;
  lastContact: SensorContact | null;
  lastAt: number | null;
  /** Notifications read this session. */
  received: number;
  /** Values the parser refused. */
  malformed: number;
  /** Readings not sent: no skin contact, or a rate outside 20–300 /min (the server's plausible range). */
  skipped: number;
  /** Why the last connection attempt failed (the browser's message), or null. */
  error: string | null;
  outbox: OutboxStats;
}

/**
 * The strap, named on each message (`header.source`) beside the relay device that signs it: the doctor sees which
 * strap measured, the server which gateway carried it. Web Bluetooth's id is per-origin and stable for a paired strap.
 */
function strapSource(device: BleDevice | null): string | undefined {
  if (!device) return undefined;
  const label = (device.name ?? '').replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return `ble:${label || device.id}`.slice(0, 128);
}

/** The server's plausible heart rate (VitalSigns: 20–300 /min); a strap without skin contact reads 0. */
const PLAUSIBLE = { min: 20, max: 300 };

/**
 * One relay session on the patient's phone: the strap's notifications (0x2A37) are parsed, batched (10 readings or
 * 5 s), signed with the paired relay device's key, and handed to the outbox, which sends them when it can.
 */
export class RelaySession {
  private snapshot: RelaySnapshot;
  private readonly listeners = new Set<() => void>();
  private readonly batcher: Batcher<RelayReading>;
  private device: BleDevice | null = null;
  private characteristic: BleCharacteristic | null = null;
  /** Batches are signed one after the other, so the outbox gets them in order. */
  private signing: Promise<void> = Promise.resolve();
  private readonly unsubscribeOutbox: () => void;

  constructor(
    private readonly identity: RelayIdentity,
    private readonly outbox: Outbox,
    private readonly bluetooth: BleBluetooth | null,
    private readonly now: () => number = Date.now,
    private readonly newId: () => string = () => crypto.randomUUID(),
  ) {
    this.snapshot = {
      ble: bluetooth ? 'idle' : 'unsupported',
      strapName: null,
      lastHeartRate: null,
      lastContact: null,
      lastAt: null,
      received: 0,
      malformed: 0,
      skipped: 0,
      error: null,
      outbox: outbox.current,
    };
    this.batcher = new Batcher((readings) => this.seal(readings));
    this.unsubscribeOutbox = outbox.subscribe((stats) => this.update({ outbox: stats }));
  }

  get current(): RelaySnapshot {
    return this.snapshot;
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): RelaySnapshot => this.snapshot;

  /** Asks the browser for a heart-rate strap (its chooser), then subscribes to its measurements. */
  async connect(): Promise<void> {
    if (!this.bluetooth) return;
    this.update({ ble: 'choosing', error: null });
    try {
      const device = await this.bluetooth.requestDevice({ filters: [{ services: ['heart_rate'] }] });
      this.device = device;
      device.addEventListener('gattserverdisconnected', this.onDisconnected);
      this.update({ ble: 'connecting', strapName: device.name ?? null });
      await this.subscribeTo(device);
    } catch (e) {
      // The person closed the chooser (NotFoundError): back to idle, no error shown.
      const name = e instanceof Error ? e.name : '';
      this.update(name === 'NotFoundError' ? { ble: 'idle' } : { ble: 'error', error: e instanceof Error ? e.message : String(e) });
    }
  }

  /** Connects again to the strap chosen before (after it went out of range). */
  async reconnect(): Promise<void> {
    if (!this.device) return this.connect();
    this.update({ ble: 'connecting', error: null });
    try {
      await this.subscribeTo(this.device);
    } catch (e) {
      this.update({ ble: 'error', error: e instanceof Error ? e.message : String(e) });
    }
  }

  async disconnect(): Promise<void> {
    this.batcher.flushNow();
    const characteristic = this.characteristic;
    this.characteristic = null;
    characteristic?.removeEventListener('characteristicvaluechanged', this.onValue);
    this.device?.removeEventListener('gattserverdisconnected', this.onDisconnected);
    try {
      await characteristic?.stopNotifications();
    } catch {
      // already gone
    }
    this.device?.gatt?.disconnect();
    this.device = null;
    await this.signing;
    this.update({ ble: this.bluetooth ? 'idle' : 'unsupported' });
  }

  /** Ends the session: what is pending is sealed into the outbox (which keeps it), the strap is released. */
  async dispose(): Promise<void> {
    await this.disconnect();
    this.batcher.dispose();
    this.unsubscribeOutbox();
  }

  /** One notified value (also the entry point of tests). */
  receive(value: DataView | Uint8Array): void {
    const at = this.now();
    const result = parseHeartRateMeasurement(value);
    if (!result.ok) {
      this.update({ received: this.snapshot.received + 1, malformed: this.snapshot.malformed + 1 });
      return;
    }
    const { heartRate, sensorContact } = result.value;
    const plausible = heartRate >= PLAUSIBLE.min && heartRate <= PLAUSIBLE.max && sensorContact !== 'notDetected';
    this.update({
      received: this.snapshot.received + 1,
      skipped: this.snapshot.skipped + (plausible ? 0 : 1),
      lastHeartRate: plausible ? heartRate : this.snapshot.lastHeartRate,
      lastContact: sensorContact,
      lastAt: plausible ? at : this.snapshot.lastAt,
    });
    if (plausible) this.batcher.add({ at, heartRate, source: strapSource(this.device) });
  }

  /** Waits until every batch flushed so far is in the outbox (tests). */
  settled(): Promise<void> {
    return this.signing;
  }

  private async subscribeTo(device: BleDevice): Promise<void> {
    if (!device.gatt) throw new Error('This device has no GATT server');
    const server = await device.gatt.connect();
    const service = await server.getPrimaryService('heart_rate');
    const characteristic = await service.getCharacteristic('heart_rate_measurement');
    characteristic.addEventListener('characteristicvaluechanged', this.onValue);
    await characteristic.startNotifications();
    this.characteristic = characteristic;
    this.update({ ble: 'connected' });
  }

  private readonly onValue = (event: Event): void => {
    const value = (event.target as BleCharacteristic | null)?.value;
    if (value) this.receive(value);
  };

  private readonly onDisconnected = (): void => {
    this.batcher.flushNow();
    this.characteristic?.removeEventListener('characteristicvaluechanged', this.onValue);
    this.characteristic = null;
    this.update({ ble: 'disconnected' });
  };

  private seal(readings: RelayReading[]): void {
    this.signing = this.signing.then(async () => {
      const messages = await Promise.all(readings.map((r) => buildMessage(this.identity, r, this.newId())));
      await this.outbox.enqueue(messages);
    }).catch((e: unknown) => {
      this.update({ error: e instanceof Error ? e.message : String(e) });
    });
  }

  private update(patch: Partial<RelaySnapshot>): void {
    this.snapshot = { ...this.snapshot, ...patch };
    for (const l of this.listeners) l();
  }
}
