import { useCallback, useState } from 'react';
import { useNow } from '../platform/clock';
import { useI18n } from '../i18n/useI18n';
import { useAlertList, useAlerts } from './AlertsContext';
import { AlertItem } from './AlertItem';
import { askNotificationPermission, DEFAULT_PREFS, notificationPermission, type Permission } from './notify';
import { PreferencesDialog } from './PreferencesDialog';
import { ResolveDialog } from './ResolveDialog';
import type { AlertDto } from './types';

/** The board's alerts column: open alerts in order, then the recently resolved ones; always in view. */
export function AlertsPanel({ onOpenPatient }: { onOpenPatient?: (patientId: number) => void }) {
  const { t } = useI18n();
  const now = useNow();
  const { load, reload, prefs } = useAlerts();
  const [permission, setPermission] = useState<Permission>(notificationPermission);
  const wantsBrowser = (prefs ?? DEFAULT_PREFS).some((p) => p.browser);
  const { active, recent } = useAlertList();
  const [resolving, setResolving] = useState<AlertDto | null>(null);
  const [prefsOpen, setPrefsOpen] = useState(false);
  const closeResolve = useCallback(() => setResolving(null), []);
  const unacknowledged = active.filter((a) => a.status === 'raised').length;

  return (
    <aside className="alerts" data-testid="alerts-panel" aria-labelledby="alerts-title">
      <header className="alerts__head">
        <h2 id="alerts-title" className="alerts__title">
          {t('alerts.title')}
        </h2>
        <span className={`alerts__count${unacknowledged ? ' alerts__count--open' : ''}`} data-testid="alerts-count" aria-live="polite">
          {t('alerts.activeCount', { n: active.length })}
        </span>
        <button type="button" className="button button--quiet button--small alerts__prefs" onClick={() => setPrefsOpen(true)} data-testid="alert-prefs-open">
          {t('alerts.prefs')}
        </button>
      </header>
      {load.kind === 'loading' && active.length === 0 && <p className="alerts__message">{t('alerts.loading')}</p>}
      {load.kind === 'error' && (
        <p className="alerts__message alerts__message--error" role="alert">
          {t('alerts.loadError', { error: load.message })}{' '}
          <button type="button" className="button button--small" onClick={reload}>
            {t('alerts.retry')}
          </button>
        </p>
      )}
      {load.kind === 'ready' && active.length === 0 && <p className="alerts__message alerts__message--calm">{t('alerts.none')}</p>}
      <ol className="alerts__list">
        {active.map((a) => (
          <AlertItem key={a.id} alert={a} now={now} onResolve={setResolving} onOpenPatient={onOpenPatient} />
        ))}
      </ol>
      {recent.length > 0 && (
        <section className="alerts__recent" aria-labelledby="alerts-recent-title">
          <h3 id="alerts-recent-title" className="alerts__subtitle">
            {t('alerts.recent')}
          </h3>
          <ol className="alerts__list">
            {recent.map((a) => (
              <AlertItem key={a.id} alert={a} now={now} onResolve={setResolving} onOpenPatient={onOpenPatient} />
            ))}
          </ol>
        </section>
      )}
      {wantsBrowser && permission === 'default' && (
        <p className="alerts__permission" data-testid="alerts-permission">
          {t('alerts.permission.default')}{' '}
          <button type="button" className="button button--quiet button--small" onClick={() => void askNotificationPermission().then(setPermission)}>
            {t('alerts.permission.ask')}
          </button>
        </p>
      )}
      {resolving && <ResolveDialog alert={resolving} onClose={closeResolve} />}
      {prefsOpen && (
        <PreferencesDialog
          onClose={() => {
            setPrefsOpen(false);
            setPermission(notificationPermission());
          }}
        />
      )}
    </aside>
  );
}
