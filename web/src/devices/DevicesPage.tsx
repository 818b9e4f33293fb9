import { useNow } from '../app/clock';
import { useI18n } from '../i18n/useI18n';
import { BatteryIcon } from './BatteryIcon';
import { batteryLevel, deviceTypeKey, presenceOf } from './deviceStatus';
import { useDevices } from './useDevices';

/** The admin's device list (provisioning comes later). No vital signs here. */
export function DevicesPage() {
  const { t, fmt } = useI18n();
  const state = useDevices();
  const now = useNow();

  if (state.kind === 'loading') return <p className="board__message">{t('devices.loading')}</p>;
  if (state.kind === 'error')
    return (
      <p className="board__message board__message--error" role="alert">
        {t('devices.error', { error: state.message })}
      </p>
    );

  const { devices, patientNames } = state;
  return (
    <>
      <div className="board__bar">
        <h1 className="board__title">{t('devices.title')}</h1>
        <span className="board__count">{t('devices.count', { n: devices.length })}</span>
      </div>
      {devices.length === 0 ? (
        <p className="board__message">{t('devices.empty')}</p>
      ) : (
        <div className="table-wrap">
          <table className="table" data-testid="devices-table">
            <thead>
              <tr>
                <th scope="col">{t('devices.id')}</th>
                <th scope="col">{t('devices.type')}</th>
                <th scope="col">{t('devices.patient')}</th>
                <th scope="col" className="table__num">{t('devices.battery')}</th>
                <th scope="col">{t('devices.lastSeen')}</th>
              </tr>
            </thead>
            <tbody>
              {devices.map((d) => {
                const presence = presenceOf(d.lastSeenAt, now);
                return (
                  <tr key={d.id} data-testid="device-row">
                    <td className="table__mono">{d.id}</td>
                    <td>{t(`device.type.${deviceTypeKey(d.type)}`)}</td>
                    <td>
                      {d.patientId != null ? (
                        (patientNames.get(d.patientId) ?? t('devices.patientRef', { id: d.patientId }))
                      ) : (
                        <span className="table__faint">{t('devices.unassigned')}</span>
                      )}
                    </td>
                    <td className={`table__num device__battery--${batteryLevel(d.batteryLevel)}`}>
                      {d.batteryLevel != null ? (
                        <span className="table__battery">
                          <BatteryIcon percent={d.batteryLevel} />
                          {fmt.percent(d.batteryLevel)}
                        </span>
                      ) : (
                        '—'
                      )}
                    </td>
                    <td className={`presence presence--${presence.kind}`}>
                      <span className="presence__dot" aria-hidden="true" />
                      {presence.kind === 'never'
                        ? t('device.neverSeen')
                        : presence.kind === 'online'
                          ? t('device.online')
                          : `${fmt.clock(presence.sinceMs, now)} · ${fmt.relative(presence.sinceMs, now)}`}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
