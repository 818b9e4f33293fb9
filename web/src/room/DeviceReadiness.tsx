import type { MessageKey } from '../i18n/en';
import { useI18n } from '../i18n/useI18n';
import type { ConsultationRoom, RoomState } from './room';
import type { DeviceReadinessDto } from '../consultation/types';

const KNOWN_TYPES = ['wearable', 'pulse_oximeter', 'blood_pressure_monitor', 'thermometer', 'esp32_monitor', 'ble_heart_rate', 'phone_relay'];

interface Props {
  devices: readonly DeviceReadinessDto[];
  synced: boolean;
  /** The doctor's room while the call is live: devices can be asked for a reading now. */
  room?: ConsultationRoom;
  state?: RoomState;
  /** The devices' sampling rate as the call's band set it (0.5× weak link, 2× good link). */
  samplingRate?: 0.5 | 1 | 2;
}

/** The patient's devices as the IoT sync left them: ready, failed or timed out (pending meanwhile). */
export function DeviceReadiness({ devices, synced, room, state, samplingRate = 1 }: Props) {
  const { t } = useI18n();
  const ready = devices.filter((d) => d.status === 'ready').length;
  const busy = state?.commandBusy ?? null;
  return (
    <section className="readiness" aria-labelledby="readiness-title" data-testid="device-readiness" data-synced={synced ? 'true' : 'false'}>
      <h2 id="readiness-title" className="side__title">
        {t('readiness.title')}
        {devices.length > 0 && <span className="side__count">{t('readiness.count', { ready, n: devices.length })}</span>}
        {room && devices.length > 0 && (
          <button
            type="button"
            className="button button--quiet button--small side__action"
            disabled={busy != null}
            onClick={() => void room.deviceCommand('request_sensor_data')}
            data-testid="read-all"
          >
            {busy?.command === 'request_sensor_data' && busy.deviceId == null ? t('readiness.reading') : t('readiness.readAll')}
          </button>
        )}
      </h2>
      {samplingRate === 0.5 && (
        <p className="readiness__note" data-testid="sampling-rate" data-rate="0.5">
          {t('readiness.lowered')}
        </p>
      )}
      {samplingRate === 2 && (
        <p className="readiness__note" data-testid="sampling-rate" data-rate="2">
          {t('readiness.raised')}
        </p>
      )}
      {devices.length === 0 ? (
        <p className="readiness__empty">{synced ? t('readiness.none') : t('readiness.notYet')}</p>
      ) : (
        <ul className="readiness__list">
          {devices.map((d) => {
            const answer = state?.commandResults[d.deviceId];
            const reading = busy?.command === 'request_sensor_data' && (busy.deviceId == null || busy.deviceId === d.deviceId);
            return (
              <li key={d.deviceId} className={`readiness__row readiness--${d.status}`} data-testid="device-ready-row" data-device-id={d.deviceId} data-status={d.status} title={d.detail ?? undefined}>
                <span className="readiness__dot" aria-hidden="true" />
                <span className="readiness__type">{t((KNOWN_TYPES.includes(d.type) ? `device.type.${d.type}` : 'device.type.other') as MessageKey)}</span>
                <span className="readiness__id">{d.deviceId}</span>
                <span className="readiness__status">{t(`readiness.${d.status}`)}</span>
                {room && (
                  <button
                    type="button"
                    className="button button--small readiness__read"
                    disabled={busy != null}
                    onClick={() => void room.deviceCommand('request_sensor_data', d.deviceId)}
                    aria-label={t('readiness.readNowLabel', { id: d.deviceId })}
                    data-testid="read-now"
                  >
                    {reading ? t('readiness.reading') : t('readiness.readNow')}
                  </button>
                )}
                {d.detail && d.status !== 'ready' && <span className="readiness__detail">{d.detail}</span>}
                {answer?.command === 'request_sensor_data' && !reading && (
                  <span className={`readiness__detail readiness__answer readiness__answer--${answer.status}`} data-testid="read-answer" data-status={answer.status}>
                    {answer.status === 'ready' ? t('readiness.readOk') : `${t(`readiness.${answer.status}`)}${answer.detail ? ` — ${answer.detail}` : ''}`}
                  </span>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
