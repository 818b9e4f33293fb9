import type { AlertDto, AlertStatus, Severity } from './types';

const STATUS_RANK: Record<AlertStatus, number> = { raised: 0, acknowledged: 1, resolved: 2 };
export const SEVERITY_RANK: Record<Severity, number> = { critical: 0, major: 1, warning: 2 };

/** How many resolved alerts the board keeps in its "recently resolved" list, and for how long. */
export const RECENT_MAX = 5;
export const RECENT_MS = 15 * 60_000;

const ms = (iso: string | null | undefined) => (iso ? Date.parse(iso) : Number.NEGATIVE_INFINITY);

/** The last moment the alert changed: a later copy of an alert has a later (or equal) one. */
function changedAt(a: AlertDto): number {
  return Math.max(ms(a.lastSeenAt), ms(a.acknowledgedAt), ms(a.resolvedAt));
}

/**
 * Whether `next` is at least as new as `prev` (two copies of one alert): the lifecycle only goes
 * forward (raised → acknowledged → resolved), then the later change wins, then the higher
 * escalation level or occurrence count; a tie goes to the copy that arrived last.
 */
export function isNewer(next: AlertDto, prev: AlertDto): boolean {
  const byStatus = STATUS_RANK[next.status] - STATUS_RANK[prev.status];
  if (byStatus !== 0) return byStatus > 0;
  const byTime = changedAt(next) - changedAt(prev);
  if (byTime !== 0) return byTime > 0;
  if (next.escalationLevel !== prev.escalationLevel) return next.escalationLevel > prev.escalationLevel;
  return next.occurrences >= prev.occurrences;
}

/** Board order: unacknowledged critical alerts first, then the newest raised first. */
export function compareAlerts(a: AlertDto, b: AlertDto): number {
  const urgent = (x: AlertDto) => (x.status === 'raised' && x.severity === 'critical' ? 0 : 1);
  return urgent(a) - urgent(b) || ms(b.raisedAt) - ms(a.raisedAt) || a.id.localeCompare(b.id);
}

/** True when this user is among those being paged for the alert right now. */
export const isPaged = (alert: AlertDto, userId: number | null | undefined): boolean =>
  userId != null && alert.status === 'raised' && alert.paged.includes(userId);

/** Events that should get the attention of whoever is paged: a new alert, an escalation, a reminder. */
const CALLING_EVENTS = new Set(['raised', 'escalated', 'reminder']);

/** Whether a live event should ring (notification and/or sound) for this user. */
export const shouldCall = (alert: AlertDto, userId: number | null | undefined): boolean =>
  CALLING_EVENTS.has(alert.event) && isPaged(alert, userId);

export interface AlertsSnapshot {
  /** Open alerts (raised or acknowledged), in board order. */
  readonly active: readonly AlertDto[];
  /** Recently resolved alerts, latest resolution first. */
  readonly recent: readonly AlertDto[];
}

type Listener = () => void;
export type EventListener = (alert: AlertDto) => void;

/**
 * The open alerts the signed-in user can see: the initial `GET /api/v1/alerts?status=active` and
 * the hub's `alert` events, merged by id (the newest copy wins). Resolved alerts leave the active
 * list for a short "recently resolved" list. Listeners run synchronously: alerts are rare and must
 * show at once.
 */
export class AlertStore {
  private readonly byId = new Map<string, AlertDto>();
  /** When each alert last changed here, in store changes (for `loadActive`). */
  private readonly touched = new Map<string, number>();
  private seq = 0;
  private readonly listeners = new Set<Listener>();
  private readonly eventListeners = new Set<EventListener>();
  private snapshot: AlertsSnapshot = { active: [], recent: [] };

  constructor(private readonly now: () => number = Date.now) {}

  /** A hub event: merged, then the event listeners hear it (when it changed something). */
  event(alert: AlertDto): void {
    if (this.merge(alert)) {
      this.rebuild();
      for (const l of this.eventListeners) l(alert);
    }
  }

  /** Copies from the REST API (history read, an acknowledgement's answer): merged silently. */
  upsert(...alerts: AlertDto[]): void {
    let changed = false;
    for (const a of alerts) changed = this.merge(a) || changed;
    if (changed) this.rebuild();
  }

  /** A mark to take before asking the server for the open alerts (see `loadActive`). */
  mark(): number {
    return this.seq;
  }

  /**
   * The full list of open alerts (`?status=active`), e.g. after a reconnect: merged, and alerts
   * held as open that the server no longer lists were closed meanwhile: they are dropped — but
   * only those known before `mark` (taken when the request left): one raised while the answer
   * was on its way is not in it, and stays.
   */
  loadActive(alerts: readonly AlertDto[], mark = Number.POSITIVE_INFINITY): void {
    const listed = new Set(alerts.map((a) => a.id));
    for (const [id, a] of this.byId)
      if (a.status !== 'resolved' && !listed.has(id) && (this.touched.get(id) ?? 0) <= mark) this.forget(id);
    for (const a of alerts) this.merge(a);
    this.rebuild();
  }

  get(id: string): AlertDto | undefined {
    return this.byId.get(id);
  }

  getSnapshot = (): AlertsSnapshot => this.snapshot;

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Live events only (not REST loads), e.g. for notifications. */
  onEvent(listener: EventListener): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  private merge(alert: AlertDto): boolean {
    const prev = this.byId.get(alert.id);
    if (prev && !isNewer(alert, prev)) return false;
    this.byId.set(alert.id, alert);
    this.touched.set(alert.id, ++this.seq);
    return true;
  }

  private forget(id: string): void {
    this.byId.delete(id);
    this.touched.delete(id);
  }

  private rebuild(): void {
    const now = this.now();
    const active: AlertDto[] = [];
    const resolved: AlertDto[] = [];
    for (const a of this.byId.values()) (a.status === 'resolved' ? resolved : active).push(a);
    active.sort(compareAlerts);
    resolved.sort((a, b) => ms(b.resolvedAt ?? b.lastSeenAt) - ms(a.resolvedAt ?? a.lastSeenAt));
    const recent = resolved.filter((a, i) => i < RECENT_MAX && now - ms(a.resolvedAt ?? a.lastSeenAt) <= RECENT_MS);
    for (const a of resolved) if (!recent.includes(a)) this.forget(a.id); // forget older ones
    this.snapshot = { active, recent };
    for (const l of this.listeners) l();
  }
}

/** One patient's part of the alerts: open ones in board order, recently resolved ones latest first. */
export function alertsOfPatient(all: AlertsSnapshot, patientId: number): AlertsSnapshot {
  const mine = (a: AlertDto) => a.patientId === patientId;
  return { active: all.active.filter(mine), recent: all.recent.filter(mine) };
}
