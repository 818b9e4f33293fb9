import type { MessageKey } from '../i18n/en';
import type { NudgeDto } from './api';

type T = (key: MessageKey, params?: Record<string, string | number>) => string;

const DEVICES = ['pulse_oximeter', 'thermometer', 'blood_pressure_monitor', 'ble_heart_rate'] as const;

/** "your oximeter", in the user's language; a device type the app does not name is "your monitor". */
export function deviceName(type: string | null, t: T): string {
  const known = DEVICES.find((d) => d === type);
  return t(known ? `nudges.device.${known}` : 'nudges.device.other');
}

/** What the patient reads: what to do, kindly, never a vital sign. */
export function nudgeText(n: NudgeDto, t: T): string {
  const device = deviceName(n.deviceType ?? null, t);
  if (n.kind === 'low_battery') return t('nudges.banner.low_battery', { device, battery: n.battery ?? '?' });
  return t(`nudges.banner.${n.kind}`, { device });
}
