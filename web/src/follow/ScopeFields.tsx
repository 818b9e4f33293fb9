import { useI18n } from '../i18n/useI18n';
import type { FollowerScopeRequest } from './api';
import { HISTORY_CHOICES } from './readings';

/** What a follower sees: vitals (with how far back), alerts. Used by the invitation and by each follower's row. */
export function ScopeFields({ scope, onChange, idPrefix }: { scope: FollowerScopeRequest; onChange: (s: FollowerScopeRequest) => void; idPrefix: string }) {
  const { t } = useI18n();
  const hoursLabel = (h: number) => (h >= 72 ? t('followers.days', { n: h / 24 }) : t('followers.hours', { n: h }));
  return (
    <fieldset className="follow-scope">
      <legend className="field__label">{t('followers.sees')}</legend>
      <label className="follow-scope__check">
        <input
          type="checkbox"
          checked={scope.shareVitals}
          onChange={(e) => onChange({ ...scope, shareVitals: e.target.checked })}
          data-testid={`${idPrefix}-vitals`}
        />
        {t('followers.shareVitals')}
      </label>
      <label className="follow-scope__check">
        <input
          type="checkbox"
          checked={scope.shareAlerts}
          onChange={(e) => onChange({ ...scope, shareAlerts: e.target.checked })}
          data-testid={`${idPrefix}-alerts`}
        />
        {t('followers.shareAlerts')}
      </label>
      <label className="follow-scope__history">
        <span>{t('followers.history')}</span>
        <select
          value={scope.historyHours}
          disabled={!scope.shareVitals}
          onChange={(e) => onChange({ ...scope, historyHours: Number(e.target.value) })}
          data-testid={`${idPrefix}-history`}
        >
          {HISTORY_CHOICES.map((h) => (
            <option key={h} value={h}>
              {hoursLabel(h)}
            </option>
          ))}
        </select>
      </label>
    </fieldset>
  );
}
