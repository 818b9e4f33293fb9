import type { DeviceDto } from '../api/types';
import { useI18n } from '../i18n/useI18n';
import { BatteryIcon } from './BatteryIcon';
import { batteryLevel, deviceTypeKey, presenceOf } from './deviceStatus';

export interface RowActions {
  /** Rotate and revoke are offered only while no credentials panel is open (its secrets would be replaced). */
  disabled: boolean;
  onRotate: (device: DeviceDto) => void;
  onRevoke: (device: DeviceDto) => void;
}

/** Opens the device's commands under its row (doctors and admins). */
export interface CommandsToggle {
  open: boolean;
  onToggle: () => void;
}

/** One device: id, type, patient, battery, last contact — or, once revoked, greyed with the date. */
export function DeviceRow({
  device,
  patientName,
  now,
  actions,
  commands = null,
}: {
  device: DeviceDto;
  patientName: string | null;
  now: number;
  actions: RowActions | null;
  commands?: CommandsToggle | null;
}) {
  const { t, fmt } = useI18n();
  const presence = presenceOf(device.lastSeenAt, now);
  const revokedMs = device.revokedAt ? Date.parse(device.revokedAt) : null;
  const revoked = revokedMs != null;
  return (
    <tr
      data-testid="device-row"
      data-device-id={device.id}
      data-revoked={revoked || undefined}
      className={revoked ? 'table__row--revoked' : undefined}
      title={revoked ? t('devices.revokedTitle', { date: fmt.dateTime(revokedMs) }) : undefined}
    >
      <td className="table__mono">{device.id}</td>
      <td>{t(`device.type.${deviceTypeKey(device.type)}`)}</td>
      <td>
        {device.patientId != null ? (
          (patientName ?? t('devices.patientRef', { id: device.patientId }))
        ) : (
          <span className="table__faint">{t('devices.unassigned')}</span>
        )}
      </td>
      <td className={`table__num device__battery--${revoked ? 'unknown' : batteryLevel(device.batteryLevel)}`}>
        {device.batteryLevel != null ? (
          <span className="table__battery">
            <BatteryIcon percent={device.batteryLevel} />
            {fmt.percent(device.batteryLevel)}
          </span>
        ) : (
          '—'
        )}
      </td>
      {revoked ? (
        <td className="revoked" data-testid="device-revoked">
          <span className="revoked__tag">{t('devices.revokedOn', { date: fmt.dateTime(revokedMs) })}</span>
        </td>
      ) : (
        <td className={`presence presence--${presence.kind}`}>
          <span className="presence__dot" aria-hidden="true" />
          {presence.kind === 'never'
            ? t('device.neverSeen')
            : presence.kind === 'online'
              ? t('device.online')
              : `${fmt.clock(presence.sinceMs, now)} · ${fmt.relative(presence.sinceMs, now)}`}
        </td>
      )}
      {(actions || commands) && (
        <td className="table__actions">
          {!revoked && commands && (
            <button
              type="button"
              className="button button--small"
              data-testid="device-commands-toggle"
              aria-expanded={commands.open}
              aria-label={t('devices.commandsLabel', { id: device.id })}
              onClick={commands.onToggle}
            >
              {t('devices.commands')}
            </button>
          )}
          {!revoked && actions && (
            <>
              <button
                type="button"
                className="button button--small"
                data-testid="device-rotate"
                aria-label={t('devices.rotateLabel', { id: device.id })}
                title={actions.disabled ? t('devices.busyWithCredentials') : t('devices.rotateLabel', { id: device.id })}
                disabled={actions.disabled}
                onClick={() => actions.onRotate(device)}
              >
                {t('devices.rotate')}
              </button>
              <button
                type="button"
                className="button button--small button--danger"
                data-testid="device-revoke"
                aria-label={t('devices.revokeLabel', { id: device.id })}
                title={actions.disabled ? t('devices.busyWithCredentials') : t('devices.revokeLabel', { id: device.id })}
                disabled={actions.disabled}
                onClick={() => actions.onRevoke(device)}
              >
                {t('devices.revoke')}
              </button>
            </>
          )}
        </td>
      )}
    </tr>
  );
}
