import type { DeviceDto } from '../api/types';
import { useNow } from '../platform/clock';
import { useI18n } from '../i18n/useI18n';
import { DeviceRow, type RowActions } from './DeviceRow';

/** The device list; with `actions` (admins), a Rotate and a Revoke button per active device. */
export function DeviceTable({ devices, patientNames, actions }: { devices: DeviceDto[]; patientNames: ReadonlyMap<number, string>; actions: RowActions | null }) {
  const { t } = useI18n();
  const now = useNow();
  if (devices.length === 0) return <p className="board__message">{t('devices.empty')}</p>;
  return (
    <div className="table-wrap">
      <table className="table" data-testid="devices-table">
        <thead>
          <tr>
            <th scope="col">{t('devices.id')}</th>
            <th scope="col">{t('devices.type')}</th>
            <th scope="col">{t('devices.patient')}</th>
            <th scope="col" className="table__num">{t('devices.battery')}</th>
            <th scope="col">{t('devices.lastSeen')}</th>
            {actions && (
              <th scope="col" className="table__actions">
                {t('devices.actions')}
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {devices.map((d) => (
            <DeviceRow key={d.id} device={d} patientName={d.patientId != null ? (patientNames.get(d.patientId) ?? null) : null} now={now} actions={actions} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
