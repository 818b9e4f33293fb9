import { useState } from 'react';
import { useI18n } from '../i18n/useI18n';
import { FormDialog } from '../ui/Dialog';
import { useAlerts } from './AlertsContext';
import { askNotificationPermission, DEFAULT_PREFS, notificationPermission, playAlertSound, type Permission } from './notify';
import { SEVERITIES, type AlertPreferenceDto } from './types';

/** Per severity: a browser notification and/or a sound when an alert pages me; and the browser's permission. */
export function PreferencesDialog({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const { prefs, savePrefs } = useAlerts();
  const [draft, setDraft] = useState<AlertPreferenceDto[]>(() => SEVERITIES.map((s) => ({ ...(prefs ?? DEFAULT_PREFS).find((p) => p.severity === s)!, severity: s })));
  const [permission, setPermission] = useState<Permission>(notificationPermission);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const toggle = (severity: string, field: 'browser' | 'sound', value: boolean) => {
    setSaved(false);
    setDraft((d) => d.map((p) => (p.severity === severity ? { ...p, [field]: value } : p)));
    // Ticking "browser notification" is the gesture browsers want before asking.
    if (field === 'browser' && value && permission === 'default') void askNotificationPermission().then(setPermission);
  };

  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      await savePrefs(draft);
      setSaved(true);
    } catch (err) {
      setError(t('alerts.prefsError', { error: err instanceof Error ? err.message : String(err) }));
    } finally {
      setBusy(false);
    }
  };

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
            <th scope="col">{t('alerts.prefsSeverity')}</th>
            <th scope="col">{t('alerts.prefsBrowser')}</th>
            <th scope="col">{t('alerts.prefsSound')}</th>
          </tr>
        </thead>
        <tbody>
          {draft.map((p) => (
            <tr key={p.severity}>
              <th scope="row">
                <span className={`sev sev--${p.severity}`}>{t(`alerts.severity.${p.severity}`)}</span>
              </th>
              <td>
                <input
                  type="checkbox"
                  checked={p.browser}
                  onChange={(e) => toggle(p.severity, 'browser', e.target.checked)}
                  aria-label={`${t(`alerts.severity.${p.severity}`)}: ${t('alerts.prefsBrowser')}`}
                  data-testid={`pref-browser-${p.severity}`}
                />
              </td>
              <td>
                <input
                  type="checkbox"
                  checked={p.sound}
                  onChange={(e) => toggle(p.severity, 'sound', e.target.checked)}
                  aria-label={`${t(`alerts.severity.${p.severity}`)}: ${t('alerts.prefsSound')}`}
                  data-testid={`pref-sound-${p.severity}`}
                />
              </td>
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
    </FormDialog>
  );
}
