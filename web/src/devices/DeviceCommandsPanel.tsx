import { useState } from 'react';
import type { DeviceDto } from '../api/types';
import type { MessageKey } from '../i18n/en';
import { useI18n } from '../i18n/useI18n';
import type { CommandFeed } from './commandFeed';
import { type DeviceCommandDto, RATE_MULTIPLIERS, SENSORS, type Sensor, toneOf } from './commands';
import { commandsApi } from './commandsApi';
import { useDeviceCommands } from './useDeviceCommands';
import './commands.css';

/** Under a device's row in the device list: {@link DeviceCommands} across the table's columns. */
export function DeviceCommandsPanel({
  device,
  columns,
  feed,
  role,
  now,
}: {
  device: DeviceDto;
  columns: number;
  feed: CommandFeed | null;
  role: 'doctor' | 'admin';
  now: number;
}) {
  return (
    <tr className="device-commands" data-testid="device-commands" data-device-id={device.id}>
      <td colSpan={columns}>
        <DeviceCommands device={device} feed={feed} role={role} now={now} />
      </td>
    </tr>
  );
}

/**
 * A device's latest commands with their live status, and what the caller may ask — doctors:
 * sampling rate, read now, calibrate; admins: reboot. The server decides in the end (it refuses
 * what the caller may not do, and says why). Usable wherever a device is shown (a patient's card).
 */
export function DeviceCommands({ device, feed, role, now }: { device: DeviceDto; feed: CommandFeed | null; role: 'doctor' | 'admin'; now: number }) {
  const { t, fmt } = useI18n();
  const { commands, loaded, error, busy, send } = useDeviceCommands(device.id, device.patientId ?? null, feed);
  const [multiplier, setMultiplier] = useState<(typeof RATE_MULTIPLIERS)[number]>(1);
  const [sensor, setSensor] = useState<Sensor>('heart_rate');
  const calibratedAt = lastCalibration(device, commands);
  return (
    <div className="device-commands__body" data-testid="device-command-controls" data-device-id={device.id} aria-busy={!loaded} data-loaded={loaded ? 'true' : undefined}>
      <div className="device-commands__controls">
        {role === 'doctor' && (
          <>
            <label className="field__row device-commands__field">
              <span className="field__hint">{t('commands.rate')}</span>
              <select
                value={multiplier}
                data-testid="command-rate"
                onChange={(e) => setMultiplier(Number(e.target.value) as (typeof RATE_MULTIPLIERS)[number])}
              >
                {RATE_MULTIPLIERS.map((m) => (
                  <option key={m} value={m}>
                    {t(`commands.rate.${m === 0.5 ? 'half' : m === 2 ? 'double' : 'normal'}`)}
                  </option>
                ))}
              </select>
              <button
                type="button"
                className="button button--small"
                disabled={busy}
                data-testid="command-set-rate"
                onClick={() => void send(() => commandsApi.control(device.id, { action: 'set_sampling_rate', rateMultiplier: multiplier }))}
              >
                {t('commands.apply')}
              </button>
            </label>
            <button
              type="button"
              className="button button--small"
              disabled={busy}
              data-testid="command-read-now"
              onClick={() => void send(() => commandsApi.control(device.id, { action: 'read_now' }))}
            >
              {t('commands.readNow')}
            </button>
            <label className="field__row device-commands__field">
              <select value={sensor} data-testid="command-sensor" aria-label={t('commands.sensor')} onChange={(e) => setSensor(e.target.value as Sensor)}>
                {SENSORS.map((s) => (
                  <option key={s} value={s}>
                    {t(`commands.sensor.${s}`)}
                  </option>
                ))}
              </select>
              <button
                type="button"
                className="button button--small"
                disabled={busy}
                data-testid="command-calibrate"
                onClick={() => void send(() => commandsApi.calibrate(device.id, sensor))}
              >
                {t('commands.calibrate')}
              </button>
            </label>
          </>
        )}
        {role === 'admin' && (
          <button
            type="button"
            className="button button--small"
            disabled={busy}
            data-testid="command-reboot"
            onClick={() => void send(() => commandsApi.control(device.id, { action: 'reboot' }))}
          >
            {t('commands.reboot')}
          </button>
        )}
      </div>
      <p className="field__hint" data-testid="device-last-calibration">
        {calibratedAt != null ? t('commands.lastCalibration', { date: fmt.dateTime(calibratedAt) }) : t('commands.neverCalibrated')}
      </p>
      {error && (
        <p className="field__error" role="alert">
          {t('commands.refused', { error })}
        </p>
      )}
      {commands.length === 0 ? (
        <p className="field__hint">{t('commands.none')}</p>
      ) : (
        <ul className="device-commands__list" aria-label={t('commands.recent')}>
          {commands.map((c) => (
            <CommandLine key={c.id} command={c} now={now} describe={(k, p) => t(k, p)} clock={fmt.clock} />
          ))}
        </ul>
      )}
    </div>
  );
}

function CommandLine({
  command,
  now,
  describe,
  clock,
}: {
  command: DeviceCommandDto;
  now: number;
  describe: (key: MessageKey, params?: Record<string, string | number>) => string;
  clock: (atMs: number, nowMs: number) => string;
}) {
  const tone = toneOf(command.status);
  const what = describe(actionKey(command.action));
  const detail =
    command.parameters.intervalMs != null
      ? describe('commands.everyMs', { ms: command.parameters.intervalMs })
      : command.parameters.sensor
        ? describe(`commands.sensor.${command.parameters.sensor as 'heart_rate'}`)
        : null;
  return (
    <li className="device-command" data-testid="device-command" data-status={command.status}>
      <span className="table__faint">{clock(Date.parse(command.createdAt), now)}</span>
      <span>
        {what}
        {detail && <span className="table__faint"> · {detail}</span>}
      </span>
      <span className={`revoked__tag device-command__status device-command__status--${tone}`}>
        {describe(`commands.status.${command.status}`)}
      </span>
      {command.detail && tone !== 'ok' && <span className="table__faint">{command.detail}</span>}
    </li>
  );
}

/** The device's stored calibration, or a calibration this panel just saw succeed (the list reloads later). */
function lastCalibration(device: DeviceDto, commands: readonly DeviceCommandDto[]): number | null {
  const times = commands
    .filter((c) => c.action === 'calibrate' && c.status === 'successful' && c.updatedAt)
    .map((c) => Date.parse(c.updatedAt as string));
  if (device.lastCalibration) times.push(Date.parse(device.lastCalibration));
  return times.length > 0 ? Math.max(...times) : null;
}

const ACTIONS = ['start', 'stop', 'set_sampling_rate', 'read_now', 'reboot', 'calibrate'] as const;

function actionKey(action: string): MessageKey {
  return (ACTIONS as readonly string[]).includes(action) ? (`commands.action.${action}` as MessageKey) : 'commands.action.other';
}
