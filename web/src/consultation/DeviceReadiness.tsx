import type { MessageKey } from '../i18n/en';
import { useI18n } from '../i18n/useI18n';
import type { DeviceReadinessDto } from './types';

const KNOWN_TYPES = ['wearable', 'pulse_oximeter', 'blood_pressure_monitor', 'thermometer', 'esp32_monitor', 'ble_heart_rate', 'phone_relay'];

/** The patient's devices as the IoT sync left them: ready, failed or timed out (pending meanwhile). */
export function DeviceReadiness({ devices, synced }: { devices: readonly DeviceReadinessDto[]; synced: boolean }) {
  const { t } = useI18n();
  const ready = devices.filter((d) => d.status === 'ready').length;
  return (
    <section className="readiness" aria-labelledby="readiness-title" data-testid="device-readiness" data-synced={synced ? 'true' : 'false'}>
      <h2 id="readiness-title" className="side__title">
        {t('readiness.title')}
        {devices.length > 0 && <span className="side__count">{t('readiness.count', { ready, n: devices.length })}</span>}
      </h2>
      {devices.length === 0 ? (
        <p className="readiness__empty">{synced ? t('readiness.none') : t('readiness.notYet')}</p>
      ) : (
        <ul className="readiness__list">
          {devices.map((d) => (
            <li key={d.deviceId} className={`readiness__row readiness--${d.status}`} data-testid="device-ready-row" data-device-id={d.deviceId} data-status={d.status} title={d.detail ?? undefined}>
              <span className="readiness__dot" aria-hidden="true" />
              <span className="readiness__type">{t((KNOWN_TYPES.includes(d.type) ? `device.type.${d.type}` : 'device.type.other') as MessageKey)}</span>
              <span className="readiness__id">{d.deviceId}</span>
              <span className="readiness__status">{t(`readiness.${d.status}`)}</span>
              {d.detail && d.status !== 'ready' && <span className="readiness__detail">{d.detail}</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
