import { useCallback, useEffect, useState } from 'react';
import type { DeviceBundleDto } from '../api/types';
import { useAuthState } from '../auth/useAuth';
import { CommandFeed } from './commandFeed';
import { useI18n } from '../i18n/useI18n';
import { CredentialsPanel, type IssuedCredentials } from './CredentialsPanel';
import { DeviceActionDialog, type PendingAction } from './DeviceActionDialog';
import { DeviceTable } from './DeviceTable';
import { Notice, type NoticeMessage } from './Notice';
import { ProvisionForm } from './ProvisionForm';
import { useDevices } from './useDevices';

/**
 * The device list. Admins (`canManage`) also provision devices, rotate their credentials and
 * revoke them; a new bundle shows once in the credentials panel, in place of the form.
 */
export function DevicesPage({ canManage }: { canManage: boolean }) {
  const { t } = useI18n();
  const { state, reload } = useDevices();
  const [issued, setIssued] = useState<IssuedCredentials | null>(null);
  const [pending, setPending] = useState<PendingAction | null>(null);
  const [notice, setNotice] = useState<NoticeMessage | null>(null);
  const auth = useAuthState();
  const role = auth.status === 'signedIn' ? auth.user.role : null;
  const controlRole = role === 'doctor' || role === 'admin' ? role : null;
  const [feed, setFeed] = useState<CommandFeed | null>(null);
  useEffect(() => {
    // Doctors and admins see commands' statuses change live; a patient's page opens no connection.
    if (!controlRole) return;
    const created = new CommandFeed();
    setFeed(created);
    return () => {
      setFeed(null);
      void created.stop();
    };
  }, [controlRole]);

  const show = useCallback(
    (bundle: DeviceBundleDto, reason: IssuedCredentials['reason']) => {
      setIssued({ bundle, reason });
      setNotice(null);
      void reload();
    },
    [reload],
  );
  const cancel = useCallback(() => setPending(null), []);

  if (state.kind === 'loading') return <p className="board__message">{t('devices.loading')}</p>;
  if (state.kind === 'error')
    return (
      <p className="board__message board__message--error" role="alert">
        {t('devices.error', { error: state.message })}
      </p>
    );

  const { devices, patients, patientNames } = state;
  const nameOf = (patientId: number | null) => (patientId != null ? (patientNames.get(patientId) ?? null) : null);
  return (
    <>
      <div className="board__bar">
        <h1 className="board__title">{t('devices.title')}</h1>
        <span className="board__count">{t('devices.count', { n: devices.length })}</span>
      </div>
      {canManage &&
        (issued ? (
          // Dropping `issued` is what discards the key and secret (and the panel revokes its object URLs).
          <CredentialsPanel issued={issued} patientName={nameOf(issued.bundle.device.patientId)} onClose={() => setIssued(null)} />
        ) : (
          <ProvisionForm patients={patients} onProvisioned={(bundle) => show(bundle, 'provisioned')} />
        ))}
      {notice && <Notice notice={notice} onDismiss={() => setNotice(null)} />}
      <DeviceTable
        devices={devices}
        patientNames={patientNames}
        controls={controlRole ? { role: controlRole, feed } : null}
        actions={
          canManage
            ? {
                disabled: issued != null,
                onRotate: (device) => setPending({ kind: 'rotate', device }),
                onRevoke: (device) => setPending({ kind: 'revoke', device }),
              }
            : null
        }
      />
      {canManage && pending && (
        <DeviceActionDialog
          action={pending}
          onCancel={cancel}
          onRotated={(bundle) => {
            setPending(null);
            show(bundle, 'rotated');
          }}
          onRevoked={(device) => {
            setPending(null);
            setNotice({ tone: 'ok', text: t('devices.revokedNotice', { id: device.id }) });
            void reload();
          }}
          onGone={(device) => {
            setPending(null);
            setNotice({ tone: 'error', text: t('devices.notActive', { id: device.id }) });
            void reload();
          }}
        />
      )}
    </>
  );
}
