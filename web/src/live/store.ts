import type { DeviceDto, DeviceStatusDto, ObservationDto, PatientDto, VitalType } from '../api/types';
import { SPARK_WINDOW_MS } from './vitals';
import { Series, type AlignedSpark, alignSeries } from './series';

export interface VitalReading {
  readonly value: number;
  readonly diastolic: number | null;
  readonly measuredAtMs: number;
  readonly deviceId: string;
  readonly id: number;
  /** The device's quality is under what the alert rules require: shown, marked, never an alarm. */
  readonly doubtful?: boolean;
  /** The device's clock was more than 1 s off when it sent this: the value stands, its time is the device's word. */
  readonly clockDoubtful?: boolean;
}

/** A device as the board knows it: the API's view, plus its clock's offset as last estimated (live only). */
export type LiveDevice = DeviceDto & { readonly clockOffsetMilliseconds?: number | null };

/** What one patient card renders; a new object only when something about the patient changed. */
export interface PatientLive {
  readonly latest: Partial<Record<VitalType, VitalReading>>;
  readonly devices: readonly LiveDevice[];
  readonly spark: AlignedSpark;
}

interface PatientState {
  latest: Partial<Record<VitalType, VitalReading>>;
  devices: Map<string, LiveDevice>;
  hr: Series;
  spo2: Series;
  snapshot: PatientLive;
}

type Listener = () => void;
export type Scheduler = (flush: () => void) => void;

/** Runs `flush` on the next animation frame, or after 250 ms when frames are paused (hidden tab). */
export const frameScheduler: Scheduler = (flush) => {
  let done = false;
  const once = () => {
    if (!done) {
      done = true;
      flush();
    }
  };
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(once);
  setTimeout(once, 250);
};

const EMPTY_SPARK: AlignedSpark = [[], [], []];
const maxIso = (a: string | null, b: string | null) => (!a ? b : !b ? a : Date.parse(a) >= Date.parse(b) ? a : b);

/**
 * Latest vital signs, sparkline series and device status per patient. Events mutate internal
 * state at once (latest wins, so a burst coalesces), while snapshots are rebuilt and listeners
 * called at most once per scheduled flush (one animation frame), only for patients that changed.
 */
export class LiveStore {
  private readonly patients = new Map<number, PatientState>();
  private readonly listeners = new Map<number, Set<Listener>>();
  private readonly dirty = new Set<number>();
  private scheduled = false;
  /** Counters, for tests and diagnostics. */
  readonly stats = { events: 0, flushes: 0, notifications: 0 };

  constructor(
    private readonly schedule: Scheduler = frameScheduler,
    private readonly windowMs: number = SPARK_WINDOW_MS,
  ) {}

  /** Seeds (or refreshes) patients from the REST snapshot; keeps live series already held. */
  load(patients: readonly PatientDto[]): void {
    for (const p of patients) {
      const s = this.state(p.id);
      for (const d of p.devices) s.devices.set(d.id, { ...d, lastSeenAt: maxIso(d.lastSeenAt, s.devices.get(d.id)?.lastSeenAt ?? null) });
      for (const o of p.latest) this.applyLatest(s, o);
      this.markDirty(p.id);
    }
  }

  /** Adds history points (e.g. the last two minutes) to the sparkline series. */
  seedSeries(patientId: number, observations: readonly ObservationDto[]): void {
    const s = this.state(patientId);
    for (const o of observations) this.applySeries(s, o);
    this.markDirty(patientId);
  }

  observation(o: ObservationDto): void {
    this.stats.events++;
    const s = this.state(o.patientId);
    this.applyLatest(s, o);
    this.applySeries(s, o);
    const device = s.devices.get(o.deviceId);
    if (device) s.devices.set(o.deviceId, { ...device, lastSeenAt: maxIso(device.lastSeenAt, o.receivedAt) });
    this.markDirty(o.patientId);
  }

  deviceStatus(d: DeviceStatusDto): void {
    this.stats.events++;
    const s = this.state(d.patientId);
    const prev = s.devices.get(d.deviceId);
    s.devices.set(d.deviceId, {
      id: d.deviceId,
      type: prev?.type ?? 'other',
      patientId: d.patientId,
      batteryLevel: d.batteryLevel ?? prev?.batteryLevel ?? null,
      signalStrength: d.signalStrength ?? prev?.signalStrength ?? null,
      lastCalibration: d.lastCalibration ?? prev?.lastCalibration ?? null,
      lastSeenAt: maxIso(prev?.lastSeenAt ?? null, d.lastSeenAt),
      revokedAt: prev?.revokedAt ?? null,
      clockOffsetMilliseconds: d.clockOffsetMilliseconds ?? prev?.clockOffsetMilliseconds ?? null,
    });
    this.markDirty(d.patientId);
  }

  getPatient(id: number): PatientLive | undefined {
    return this.patients.get(id)?.snapshot;
  }

  subscribe(id: number, listener: Listener): () => void {
    let set = this.listeners.get(id);
    if (!set) this.listeners.set(id, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  /** Rebuilds changed snapshots and notifies their listeners. Normally called by the scheduler. */
  flush(): void {
    this.scheduled = false;
    if (this.dirty.size === 0) return;
    this.stats.flushes++;
    const changed = [...this.dirty];
    this.dirty.clear();
    for (const id of changed) {
      const s = this.patients.get(id);
      if (!s) continue;
      s.snapshot = {
        latest: { ...s.latest },
        devices: [...s.devices.values()].sort((a, b) => a.id.localeCompare(b.id)),
        spark: alignSeries(s.hr, s.spo2),
      };
    }
    for (const id of changed) {
      for (const l of this.listeners.get(id) ?? []) {
        this.stats.notifications++;
        l();
      }
    }
  }

  private state(id: number): PatientState {
    let s = this.patients.get(id);
    if (!s) {
      s = {
        latest: {},
        devices: new Map(),
        hr: new Series(this.windowMs),
        spo2: new Series(this.windowMs),
        snapshot: { latest: {}, devices: [], spark: EMPTY_SPARK },
      };
      this.patients.set(id, s);
    }
    return s;
  }

  private applyLatest(s: PatientState, o: ObservationDto): void {
    const at = Date.parse(o.measuredAt);
    const prev = s.latest[o.type];
    if (prev && (prev.measuredAtMs > at || (prev.measuredAtMs === at && prev.id >= o.id))) return; // older or same
    s.latest[o.type] = { value: o.value, diastolic: o.diastolic, measuredAtMs: at, deviceId: o.deviceId, id: o.id, doubtful: o.doubtful === true,
      clockDoubtful: o.clockDoubtful === true };
  }

  private applySeries(s: PatientState, o: ObservationDto): void {
    if (o.type === 'heart_rate') s.hr.add(Date.parse(o.measuredAt), o.value);
    else if (o.type === 'spo2') s.spo2.add(Date.parse(o.measuredAt), o.value);
  }

  private markDirty(id: number): void {
    this.dirty.add(id);
    if (!this.scheduled) {
      this.scheduled = true;
      this.schedule(() => this.flush());
    }
  }
}
