import { Fragment, useState } from 'react';
import type { DeviceDto } from '../api/types';
import { useNow } from '../platform/clock';
import { useI18n } from '../i18n/useI18n';
import type { CommandFeed } from './commandFeed';
import { DeviceCommandsPanel } from './DeviceCommandsPanel';
import { DeviceRow, type RowActions } from './DeviceRow';

/** Who may send commands from the list, and the live feed their statuses come on. */
export interface CommandControls {
  role: 'doctor' | 'admin';
  feed: CommandFeed | null;
}

/**
 * The device list; with `actions` (admins), a Rotate and a Revoke button per active device; with
 * `controls`, a Commands button that opens the device's commands under its row.
 */
export function DeviceTable({
  devices,
  patientNames,
  actions,
  controls = null,
}: {
  devices: DeviceDto[];
  patientNames: ReadonlyMap<number, string>;
  actions: RowActions | null;
  controls?: CommandControls | null;
}) {
  const { t } = useI18n();
  const now = useNow();
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const toggle = (id: string) =>
    setOpen((set) => {
      const next = new Set(set);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  const columns = actions || controls ? 6 : 5;
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
            {(actions || controls) && (
              <th scope="col" className="table__actions">
                {t('devices.actions')}
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {devices.map((d) => (
            <Fragment key={d.id}>
              <DeviceRow
                device={d}
                patientName={d.patientId != null ? (patientNames.get(d.patientId) ?? null) : null}
                now={now}
                actions={actions}
                commands={controls ? { open: open.has(d.id), onToggle: () => toggle(d.id) } : null}
              />
              {controls && open.has(d.id) && !d.revokedAt && (
                <DeviceCommandsPanel device={d} columns={columns} feed={controls.feed} role={controls.role} now={now} />
              )}
            </Fragment>
          ))}
        </tbody>
      </table>
    </div>
  );
}
