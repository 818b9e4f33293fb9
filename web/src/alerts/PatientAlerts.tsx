import { useCallback, useMemo, useState } from 'react';
import { useNow } from '../platform/clock';
import { useI18n } from '../i18n/useI18n';
import { useAlertList } from './AlertsContext';
import { AlertItem } from './AlertItem';
import { News2Badge } from './News2Badge';
import { ResolveDialog } from './ResolveDialog';
import { alertsOfPatient } from './store';
import type { AlertDto } from './types';

/**
 * One patient's NEWS2 and alerts in a compact strip (the consultation room): the badge, the open
 * alerts with Acknowledge / Resolve, and the recently resolved ones folded away. The same store as
 * the board's panel, fed by the hub for the patient the room watches.
 */
export function PatientAlerts({ patientId, patientName }: { patientId: number; patientName: string }) {
  const { t } = useI18n();
  const now = useNow();
  const all = useAlertList();
  const { active, recent } = useMemo(() => alertsOfPatient(all, patientId), [all, patientId]);
  const [resolving, setResolving] = useState<AlertDto | null>(null);
  const closeResolve = useCallback(() => setResolving(null), []);
  const open = active.filter((a) => a.status === 'raised').length;

  return (
    <section className="patient-alerts" aria-label={t('roomAlerts.label', { name: patientName })} data-testid="room-alerts" data-open={active.length}>
      <div className="patient-alerts__head">
        <h2 className="side__title patient-alerts__title">{t('alerts.title')}</h2>
        <News2Badge patientId={patientId} testId="room-news2" />
        <span className={`patient-alerts__count${open ? ' alerts__count--open' : ''}`} aria-live="polite" data-testid="room-alerts-count">
          {active.length ? t('alerts.activeCount', { n: active.length }) : t('roomAlerts.none')}
        </span>
      </div>
      {active.length > 0 && (
        <ol className="alerts__list patient-alerts__list">
          {active.map((a) => (
            <AlertItem key={a.id} alert={a} now={now} onResolve={setResolving} showPatient={false} />
          ))}
        </ol>
      )}
      {recent.length > 0 && (
        <details className="patient-alerts__recent">
          <summary>{t('roomAlerts.recent', { n: recent.length })}</summary>
          <ol className="alerts__list patient-alerts__list">
            {recent.map((a) => (
              <AlertItem key={a.id} alert={a} now={now} onResolve={setResolving} showPatient={false} />
            ))}
          </ol>
        </details>
      )}
      {resolving && <ResolveDialog alert={resolving} onClose={closeResolve} />}
    </section>
  );
}
