import { ONLINE_WITHIN_MS } from '../monitoring/vitals';

export type Presence = { kind: 'online' } | { kind: 'offline'; sinceMs: number } | { kind: 'never' };

/** Online when seen within 30 s of `nowMs` (server-aligned). */
export function presenceOf(lastSeenAt: string | null, nowMs: number): Presence {
  if (!lastSeenAt) return { kind: 'never' };
  const seen = Date.parse(lastSeenAt);
  if (Number.isNaN(seen)) return { kind: 'never' };
  return nowMs - seen < ONLINE_WITHIN_MS ? { kind: 'online' } : { kind: 'offline', sinceMs: seen };
}

export type BatteryLevel = 'ok' | 'low' | 'critical' | 'unknown';

export function batteryLevel(percent: number | null): BatteryLevel {
  if (percent == null) return 'unknown';
  return percent <= 10 ? 'critical' : percent <= 20 ? 'low' : 'ok';
}

export const KNOWN_DEVICE_TYPES = ['wearable', 'esp32_monitor', 'pulse_oximeter', 'blood_pressure_monitor', 'thermometer', 'phone_relay'] as const;
export type KnownDeviceType = (typeof KNOWN_DEVICE_TYPES)[number];

export function deviceTypeKey(type: string): KnownDeviceType | 'other' {
  return (KNOWN_DEVICE_TYPES as readonly string[]).includes(type) ? (type as KnownDeviceType) : 'other';
}
