import { useState } from 'react';
import { api, ApiError } from '../api/client';
import type { DeviceBundleDto, DeviceDto } from '../api/types';
import { useI18n } from '../i18n/useI18n';
import { ConfirmDialog } from './ConfirmDialog';

export interface PendingAction {
  kind: 'rotate' | 'revoke';
  device: DeviceDto;
}

export interface ActionOutcome {
  onRotated: (bundle: DeviceBundleDto) => void;
  onRevoked: (device: DeviceDto) => void;
  /** 404: the device is no longer active (revoked elsewhere, say). */
  onGone: (device: DeviceDto) => void;
  onCancel: () => void;
}

/** Asks before rotating or revoking a device, then does it; other failures stay in the dialog. */
export function DeviceActionDialog({ action, onRotated, onRevoked, onGone, onCancel }: { action: PendingAction } & ActionOutcome) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { kind, device } = action;

  async function run() {
    setBusy(true);
    setError(null);
    try {
      if (kind === 'rotate') onRotated(await api.rotateDevice(device.id));
      else {
        await api.revokeDevice(device.id);
        onRevoked(device);
      }
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) return onGone(device);
      setError(t('devices.actionFailed', { error: e instanceof Error ? e.message : String(e) }));
      setBusy(false);
    }
  }

  return kind === 'revoke' ? (
    <ConfirmDialog
      testId="revoke-dialog"
      title={t('revoke.title', { id: device.id })}
      confirmLabel={t('revoke.confirm')}
      busyLabel={t('revoke.busy')}
      danger
      busy={busy}
      error={error}
      onConfirm={() => void run()}
      onCancel={onCancel}
    >
      <p>{t('revoke.body')}</p>
    </ConfirmDialog>
  ) : (
    <ConfirmDialog
      testId="rotate-dialog"
      title={t('rotate.title', { id: device.id })}
      confirmLabel={t('rotate.confirm')}
      busyLabel={t('rotate.busy')}
      busy={busy}
      error={error}
      onConfirm={() => void run()}
      onCancel={onCancel}
    >
      <p>{t('rotate.body')}</p>
    </ConfirmDialog>
  );
}
