import type { DeviceDto } from '../api/types';
import { useI18n } from '../i18n/useI18n';
import { batteryLevel, deviceTypeKey, presenceOf } from './deviceStatus';
import { BatteryIcon } from './BatteryIcon';

/** The seed's tolerance (000 §2.3B): beyond 1 s a device's times are not trusted. */
const CLOCK_TOLERANCE_MS = 1000;

/** One device: type, battery %, online / offline since …, and a clock more than 1 s off when the server found one. */
export function DeviceBadge({ device, now }: { device: DeviceDto & { clockOffsetMilliseconds?: number | null }; now: number }) {
  const { t, fmt } = useI18n();
  // A revoked device sends nothing any more: say so, rather than "offline since …".
  const presence = device.revokedAt ? ({ kind: 'revoked' } as const) : presenceOf(device.lastSeenAt, now);
  const battery = batteryLevel(device.batteryLevel);
  const offset = device.clockOffsetMilliseconds ?? null;
  const clockOff = offset != null && Math.abs(offset) > CLOCK_TOLERANCE_MS;
  const signedSeconds = (ms: number) => (ms > 0 ? '+' : ms < 0 ? '−' : '') + fmt.decimal(Math.abs(ms) / 1000, 1);
  const seen =
    presence.kind === 'online'
      ? t('device.online')
      : presence.kind === 'offline'
        ? t('device.offlineSince', { time: fmt.clock(presence.sinceMs, now) })
        : presence.kind === 'revoked'
          ? t('device.revoked')
          : t('device.neverSeen');
  const title = [
    device.id,
    device.batteryLevel != null ? t('device.battery', { value: fmt.percent(device.batteryLevel) }) : t('device.batteryUnknown'),
    device.signalStrength != null ? t('device.signal', { value: fmt.integer(device.signalStrength) }) : null,
    offset != null ? t('device.clock', { value: signedSeconds(offset) }) : null,
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <li className={`device device--${presence.kind}`} title={title} data-testid="device-badge" data-device-id={device.id}>
      <span className="device__dot" aria-hidden="true" />
      <span className="device__type">{t(`device.type.${deviceTypeKey(device.type)}`)}</span>
      <span className={`device__battery device__battery--${battery}`}>
        {device.batteryLevel != null && <BatteryIcon percent={device.batteryLevel} />}
        {device.batteryLevel != null ? fmt.percent(device.batteryLevel) : '—'}
      </span>
      <span className="device__seen">{seen}</span>
      {clockOff && (
        <span className="device__clock" data-testid="device-clock-off">
          {t('device.clockOff', { value: signedSeconds(offset) })}
        </span>
      )}
    </li>
  );
}
