import { memo, useState } from 'react';
import { ApiError } from '../api/client';
import { useI18n } from '../i18n/useI18n';
import { DeliveryTimeline } from '../paging/DeliveryTimeline';
import { useAlerts } from './AlertsContext';
import { alertsApi } from './api';
import { alertDetail, alertTitle } from './format';
import { isPaged } from './store';
import type { AlertDto } from './types';

interface Props {
  alert: AlertDto;
  now: number;
  onResolve: (alert: AlertDto) => void;
  onOpenPatient?: (patientId: number) => void;
  /** False where the patient is already known (the consultation room). */
  showPatient?: boolean;
}

/** One alert: severity (word and colour), patient, what happened, its age, who is on it, and the actions. */
export const AlertItem = memo(function AlertItem({ alert: a, now, onResolve, onOpenPatient, showPatient = true }: Props) {
  const { t, fmt } = useI18n();
  const { store, userId, names } = useAlerts();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pages, setPages] = useState(false);
  const patient = a.patientId == null ? t('alerts.system') : (names.get(a.patientId) ?? t('alerts.patientRef', { id: a.patientId }));
  const detail = alertDetail(a, fmt);
  const paged = isPaged(a, userId);
  const resolved = a.status === 'resolved';

  const acknowledge = async () => {
    setBusy(true);
    setError(null);
    try {
      store.upsert(await alertsApi.acknowledge(a.id));
    } catch (e) {
      setError(e instanceof ApiError && e.status === 404 ? t('alerts.notYours') : t('alerts.actionFailed', { error: e instanceof Error ? e.message : String(e) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <li
      className={`alert alert--${a.severity} alert--${a.status}${paged ? ' alert--paged' : ''}`}
      data-testid="alert-item"
      data-alert-id={a.id}
      data-status={a.status}
      data-severity={a.severity}
      data-raised-at={a.raisedAt}
      data-patient-id={a.patientId ?? ''}
      data-rule={a.rule}
    >
      <div className="alert__head">
        <span className={`sev sev--${a.severity}`} data-testid="alert-severity">
          {t(`alerts.severity.${a.severity}`)}
        </span>
        {!showPatient ? null : a.patientId != null && onOpenPatient ? (
          <button type="button" className="alert__patient alert__patient--link" onClick={() => onOpenPatient(a.patientId!)}>
            {patient}
          </button>
        ) : (
          <span className="alert__patient">{patient}</span>
        )}
        <time className="alert__age" dateTime={a.raisedAt} title={fmt.dateTime(Date.parse(a.raisedAt))}>
          {fmt.relative(Date.parse(a.raisedAt), now)}
        </time>
      </div>
      <p className="alert__title" data-testid="alert-title">
        {alertTitle(a, t, fmt)}
      </p>
      {detail && <p className="alert__detail">{detail}</p>}
      <div className="alert__meta">
        {/* The status in words; an acknowledgement or resolution says it on its own line, with who. */}
        {(a.status === 'raised' || (a.status === 'acknowledged' && !a.acknowledgedByName)) && (
          <span className={`alert__status alert__status--${a.status}`}>{t(`alerts.status.${a.status}`)}</span>
        )}
        {a.occurrences > 1 && !resolved && <span>{t('alerts.occurrences', { n: a.occurrences })}</span>}
        {a.escalationLevel > 0 && a.status === 'raised' && <span>{t('alerts.escalated', { n: a.escalationLevel })}</span>}
        {paged && <span className="alert__paged">{t('alerts.pagedYou')}</span>}
      </div>
      {a.status === 'acknowledged' && a.acknowledgedByName && (
        <p className="alert__who alert__who--acknowledged" data-testid="alert-acknowledged-by">
          {t('alerts.acknowledgedBy', { name: a.acknowledgedByName })}
          {a.acknowledgedAt && <span className="alert__when"> · {fmt.clock(Date.parse(a.acknowledgedAt), now)}</span>}
        </p>
      )}
      {resolved && (
        <p className="alert__who">
          {a.resolvedByName ? t('alerts.resolvedBy', { name: a.resolvedByName }) : t('alerts.resolvedAuto')}
          {a.resolutionNote && <span className="alert__note"> — {a.resolutionNote}</span>}
        </p>
      )}
      {!resolved && (
        <div className="alert__actions">
          {a.status === 'raised' && (
            <button type="button" className="button button--small button--primary" disabled={busy} onClick={() => void acknowledge()} data-testid="alert-acknowledge">
              {busy ? t('alerts.acknowledging') : t('alerts.acknowledge')}
            </button>
          )}
          <button type="button" className="button button--small" disabled={busy} onClick={() => onResolve(a)} data-testid="alert-resolve">
            {t('alerts.resolve')}
          </button>
        </div>
      )}
      <details className="alert__pages" onToggle={(e) => setPages(e.currentTarget.open)}>
        <summary data-testid="alert-pages">{t('alerts.pagesShow')}</summary>
        {pages && <DeliveryTimeline alertId={a.id} now={now} />}
      </details>
      {error && (
        <p className="field__error" role="alert">
          {error}
        </p>
      )}
    </li>
  );
});
