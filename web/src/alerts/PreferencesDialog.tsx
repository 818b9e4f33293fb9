import { useState } from 'react';
import { useI18n } from '../i18n/useI18n';
import { FormDialog } from '../ui/Dialog';
import { useSave } from '../ui/useSave';
import { useAlerts } from './AlertsContext';
import { PagingSettings } from '../paging/PagingSettings';
import { askNotificationPermission, DEFAULT_PREFS, notificationPermission, playAlertSound, type Permission } from './notify';
import { SEVERITIES, type AlertPreferenceDto } from './types';

const CHANNELS = ['browser', 'sound', 'push', 'sms', 'voice', 'email'] as const;
const CHANNEL_LABEL = {
  browser: 'alerts.prefsBrowser',
  sound: 'alerts.prefsSound',
  push: 'alerts.prefsPush',
  sms: 'alerts.prefsSms',
  voice: 'alerts.prefsVoice',
  email: 'alerts.prefsEmail',
} as const;
const IN_APP = 2; // the first two channels ring in Fajma; the rest page outside it

/** Per severity: a browser notification and/or a sound when an alert pages me; and the browser's permission. */
export function PreferencesDialog({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const { prefs, savePrefs } = useAlerts();
  const [draft, setDraft] = useState<AlertPreferenceDto[]>(() => SEVERITIES.map((s) => ({ ...(prefs ?? DEFAULT_PREFS).find((p) => p.severity === s)!, severity: s })));
  const [permission, setPermission] = useState<Permission>(notificationPermission);
  const { busy, saved, setSaved, error, run } = useSave();

  const toggle = (severity: string, field: (typeof CHANNELS)[number], value: boolean) => {
    setSaved(false);
    setDraft((d) => d.map((p) => (p.severity === severity ? { ...p, [field]: value } : p)));
    // Ticking "browser notification" is the gesture browsers want before asking.
    if (field === 'browser' && value && permission === 'default') void askNotificationPermission().then(setPermission);
  };

  const save = () => run(() => savePrefs(draft), (error) => t('alerts.prefsError', { error }));

  return (
    <FormDialog
      title={t('alerts.prefsTitle')}
      titleId="prefs-title"
      testId="alert-prefs"
      busy={busy}
      error={error}
      onSubmit={() => void save()}
      onCancel={onClose}
      cancelLabel={t('alerts.prefsClose')}
      confirmLabel={t('alerts.prefsSave')}
      busyLabel={t('alerts.prefsSaving')}
      confirmTestId="alert-prefs-save"
      status={
        saved && !busy ? (
          <span className="prefs__saved" role="status">
            {t('alerts.prefsSaved')}
          </span>
        ) : null
      }
    >
      <p className="dialog__body field__hint">{t('alerts.prefsIntro')}</p>
      <table className="prefs">
        <thead>
          <tr>
            <td />
            <th scope="colgroup" colSpan={IN_APP}>{t('alerts.inApp')}</th>
            <th scope="colgroup" colSpan={CHANNELS.length - IN_APP} className="prefs__outside">{t('alerts.outside')}</th>
          </tr>
          <tr>
            <th scope="col">{t('alerts.prefsSeverity')}</th>
            {CHANNELS.map((channel) => (
              <th key={channel} scope="col">
                {t(CHANNEL_LABEL[channel])}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {draft.map((p) => (
            <tr key={p.severity}>
              <th scope="row">
                <span className={`sev sev--${p.severity}`}>{t(`alerts.severity.${p.severity}`)}</span>
              </th>
              {CHANNELS.map((channel) => (
                <td key={channel}>
                  <input
                    type="checkbox"
                    checked={!!p[channel]}
                    onChange={(e) => toggle(p.severity, channel, e.target.checked)}
                    aria-label={`${t(`alerts.severity.${p.severity}`)}: ${t(CHANNEL_LABEL[channel])}`}
                    data-testid={`pref-${channel}-${p.severity}`}
                  />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <div className="prefs__permission">
        <span>{t(`alerts.permission.${permission}`)}</span>
        {permission === 'default' && (
          <button type="button" className="button button--small" onClick={() => void askNotificationPermission().then(setPermission)}>
            {t('alerts.permission.ask')}
          </button>
        )}
        <button type="button" className="button button--small button--quiet" onClick={() => playAlertSound('critical')}>
          {t('alerts.prefsTest')}
        </button>
      </div>
      <PagingSettings />
    </FormDialog>
  );
}
