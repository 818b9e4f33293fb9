import { useEffect, useState } from 'react';
import { useI18n } from '../i18n/useI18n';
import { adminApi, type AccountDto, type PasswordResetLinkDto, type SessionDto } from './adminApi';

/** An issued reset link: shown once here to hand over (the demo has no mail), or a note that it was mailed. */
export function ResetLinkPanel({ account, link, onClose }: { account: AccountDto; link: PasswordResetLinkDto; onClose: () => void }) {
  const { t, fmt } = useI18n();
  const [copied, setCopied] = useState(false);
  return (
    <section className="admin-panel" aria-label={t('admin.reset.title', { name: account.displayName })} data-testid="reset-panel">
      <h2 className="admin-section__title">{t('admin.reset.title', { name: account.displayName })}</h2>
      {link.mailed || !link.link ? (
        <p>{t('admin.reset.mailed', { email: account.email })}</p>
      ) : (
        <>
          <p>{t('admin.reset.handOver')}</p>
          <p className="admin-link">
            <code data-testid="reset-link">{link.link}</code>
            <button
              type="button"
              className="button button--small"
              onClick={() => void navigator.clipboard?.writeText(link.link!).then(() => setCopied(true))}
            >
              {copied ? t('admin.reset.copied') : t('admin.reset.copy')}
            </button>
          </p>
        </>
      )}
      <p className="admin-muted">{t('admin.reset.expires', { time: fmt.dateTime(Date.parse(link.expiresAt)) })}</p>
      <button type="button" className="button button--quiet" onClick={onClose}>
        {t('admin.close')}
      </button>
    </section>
  );
}

/** An account's sessions, newest first: end one, or all. */
export function SessionsPanel({ account, onClose }: { account: AccountDto; onClose: () => void }) {
  const { t, fmt } = useI18n();
  const [sessions, setSessions] = useState<SessionDto[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = () =>
    adminApi.sessions(account.id).then(setSessions, (e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  useEffect(() => {
    void load();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [account.id]);
  const act = (call: Promise<void>) => void call.then(load, (e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  return (
    <section className="admin-panel" aria-label={t('admin.sessions.title', { name: account.displayName })} data-testid="sessions-panel">
      <h2 className="admin-section__title">{t('admin.sessions.title', { name: account.displayName })}</h2>
      {error && (
        <p className="field__error" role="alert">
          {error}
        </p>
      )}
      {sessions?.length === 0 && <p className="admin-muted">{t('admin.sessions.none')}</p>}
      {sessions && sessions.length > 0 && (
        <ul className="admin-sessions">
          {sessions.map((s) => (
            <li key={s.id}>
              <span>{t('admin.sessions.started', { time: fmt.dateTime(Date.parse(s.startedAt)) })}</span>
              <span className="admin-muted">{t('admin.sessions.refreshed', { time: fmt.dateTime(Date.parse(s.lastRefreshedAt)) })}</span>
              {s.active ? (
                <button type="button" className="button button--small" onClick={() => act(adminApi.revokeSession(account.id, s.id))}>
                  {t('admin.sessions.end')}
                </button>
              ) : (
                <span className="admin-status admin-status--off">{t('admin.sessions.ended')}</span>
              )}
            </li>
          ))}
        </ul>
      )}
      <div className="admin-panel__actions">
        {sessions?.some((s) => s.active) && (
          <button type="button" className="button" onClick={() => act(adminApi.revokeAll(account.id))}>
            {t('admin.sessions.endAll')}
          </button>
        )}
        <button type="button" className="button button--quiet" onClick={onClose}>
          {t('admin.close')}
        </button>
      </div>
    </section>
  );
}
