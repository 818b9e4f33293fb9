import { useState } from 'react';
import { ApiError } from '../../api/client';
import { useI18n } from '../../i18n/useI18n';
import { profileApi, type AlarmSnoozeDto } from './api';

const DURATIONS_MIN = [15, 30, 60, 120, 240, 480, 1440];

/** Running snoozes (lift one) and a new one: a rule that is not critical, for a while (at most 24 h). */
export function SnoozePanel({ patientId, rules, snoozes, onChange, ruleName }: {
  patientId: number;
  rules: string[];
  snoozes: AlarmSnoozeDto[];
  onChange: (snoozes: AlarmSnoozeDto[]) => void;
  ruleName: (rule: string) => string;
}) {
  const { t, fmt } = useI18n();
  const [rule, setRule] = useState(rules[0] ?? '');
  const [minutes, setMinutes] = useState(60);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const snooze = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const until = new Date(Date.now() + minutes * 60_000).toISOString();
      const created = await profileApi.snooze(patientId, rule, until);
      onChange([...snoozes, created].sort((a, b) => a.until.localeCompare(b.until)));
    } catch (err) {
      const errors = err instanceof ApiError ? (err.problem?.errors as Record<string, string[]> | undefined) : undefined;
      setError(errors ? Object.values(errors).flat().join(' ') : err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  const lift = async (id: number) => {
    setError(null);
    try {
      await profileApi.unsnooze(patientId, id);
      onChange(snoozes.filter((s) => s.id !== id));
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };

  return (
    <div className="profile__block" data-testid="profile-snoozes">
      <h4 className="profile__subtitle">{t('profile.snoozes')}</h4>
      <p className="limits__hint">{t('profile.snoozesHint')}</p>
      {snoozes.length === 0 ? (
        <p className="sheet__message">{t('profile.snoozeNone')}</p>
      ) : (
        <ul className="profile__snoozes">
          {snoozes.map((s) => (
            <li key={s.id} data-testid={`snooze-${s.rule}`}>
              {t('profile.snoozeUntil', { rule: ruleName(s.rule), until: fmt.dateTime(Date.parse(s.until)) })}
              <button type="button" className="button button--small button--quiet" onClick={() => void lift(s.id)}>{t('profile.lift')}</button>
            </li>
          ))}
        </ul>
      )}
      <form className="profile__inline" onSubmit={(e) => void snooze(e)}>
        <label className="field">
          <span className="field__label">{t('profile.snoozeRule')}</span>
          <select value={rule} onChange={(e) => setRule(e.target.value)} data-testid="snooze-rule">
            {rules.map((r) => <option key={r} value={r}>{ruleName(r)}</option>)}
          </select>
        </label>
        <label className="field">
          <span className="field__label">{t('profile.snoozeFor')}</span>
          <select value={minutes} onChange={(e) => setMinutes(Number(e.target.value))} data-testid="snooze-minutes">
            {DURATIONS_MIN.map((m) => <option key={m} value={m}>{m < 60 ? t('profile.minutes', { n: m }) : t('profile.hours', { n: m / 60 })}</option>)}
          </select>
        </label>
        <button type="submit" className="button button--small" disabled={busy || !rule} data-testid="snooze-submit">
          {busy ? t('profile.snoozing') : t('profile.snooze')}
        </button>
      </form>
      {error && <p className="field__error" role="alert" data-testid="snooze-error">{error}</p>}
    </div>
  );
}
