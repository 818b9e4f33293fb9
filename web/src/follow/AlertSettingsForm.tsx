import { useState } from 'react';
import { useI18n } from '../i18n/useI18n';
import { SavedNote } from '../ui/SaveButton';
import { useSave } from '../ui/useSave';
import { followApi, type FollowerAlertSettingsDto } from './api';
import { DELAY_CHOICES } from './readings';

const SEVERITIES = ['critical', 'major', 'warning'] as const;

/** The follower's own choice for one patient: which alerts page them, and after how long unanswered by the care team. */
export function AlertSettingsForm({ patientId, initial }: { patientId: number; initial: FollowerAlertSettingsDto }) {
  const { t } = useI18n();
  const [settings, setSettings] = useState(initial);
  const { busy, saved, setSaved, error, run } = useSave();
  const change = (next: FollowerAlertSettingsDto) => {
    setSettings(next);
    setSaved(false);
  };
  return (
    <form
      className="follow-settings"
      onSubmit={(e) => {
        e.preventDefault();
        void run(() => followApi.setAlertSettings(patientId, settings), (m) => m);
      }}
      data-testid={`follow-settings-${patientId}`}
    >
      <h3 className="follow__subtitle">{t('follow.settings')}</h3>
      <p className="follow__hint">{t('follow.settingsIntro')}</p>
      <div className="follow-settings__row">
        {SEVERITIES.map((s) => (
          <label key={s} className="follow-scope__check">
            <input type="checkbox" checked={settings[s]} onChange={(e) => change({ ...settings, [s]: e.target.checked })} />
            {t(`alerts.severity.${s}`)}
          </label>
        ))}
        <label className="follow-scope__history">
          <span>{t('follow.delay')}</span>
          <select value={settings.delayMinutes} onChange={(e) => change({ ...settings, delayMinutes: Number(e.target.value) })}>
            {DELAY_CHOICES.map((m) => (
              <option key={m} value={m}>
                {m === 0 ? t('follow.atOnce') : t('follow.minutes', { n: m })}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="button button--small" disabled={busy}>
          {t('followers.save')}
        </button>
        <SavedNote show={saved}>{t('followers.saved')}</SavedNote>
        {error && (
          <span className="join__error" role="alert">
            {error}
          </span>
        )}
      </div>
    </form>
  );
}
