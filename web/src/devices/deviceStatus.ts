import type { DeviceDto } from '../api/types';
import { ONLINE_WITHIN_MS } from '../live/vitals';

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

export const KNOWN_DEVICE_TYPES = [
  'wearable',
  'esp32_monitor',
  'pulse_oximeter',
  'blood_pressure_monitor',
  'thermometer',
  'ble_heart_rate',
  'phone_relay',
] as const;
export type KnownDeviceType = (typeof KNOWN_DEVICE_TYPES)[number];

export function deviceTypeKey(type: string): KnownDeviceType | 'other' {
  return (KNOWN_DEVICE_TYPES as readonly string[]).includes(type) ? (type as KnownDeviceType) : 'other';
}

/** The types the server provisions (src/Fajma.Server/Devices/DeviceTypes.cs, `DeviceTypes.All`), in its order. */
export const PROVISIONABLE_DEVICE_TYPES = ['esp32_monitor', 'pulse_oximeter', 'blood_pressure_monitor', 'thermometer', 'ble_heart_rate'] as const satisfies readonly KnownDeviceType[];
export type ProvisionableDeviceType = (typeof PROVISIONABLE_DEVICE_TYPES)[number];

/** Active devices first, then revoked ones; by id within each. */
export function sortDevices(devices: readonly DeviceDto[]): DeviceDto[] {
  return [...devices].sort((a, b) => Number(a.revokedAt != null) - Number(b.revokedAt != null) || a.id.localeCompare(b.id));
}
