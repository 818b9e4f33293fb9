import { useEffect, useState } from 'react';
import { ApiError } from '../api/client';
import type { ObservationDto } from '../api/types';
import { useI18n } from '../i18n/useI18n';
import { HistoryChart } from '../monitoring/HistoryChart';
import { VitalTile } from '../monitoring/VitalTile';
import { serverNow } from '../platform/clock';
import { followApi, type FollowedPatientDto, type FollowerAlertDto } from './api';
import { AlertSettingsForm } from './AlertSettingsForm';
import { latestByType, seriesOf } from './readings';

/** Often enough for a relative at home, gentle on the server: a follower is not a monitoring station. */
const REFRESH_MS = 10_000;
const TILES = ['heart_rate', 'spo2', 'temperature'] as const;

/** One followed patient: what they share (latest vitals, a chart over the window, open alerts), and when to page me. */
export function FollowedPatientCard({ follow, onLost }: { follow: FollowedPatientDto; onLost: () => void }) {
  const { t, fmt } = useI18n();
  const [vitals, setVitals] = useState<ObservationDto[]>([]);
  const [alerts, setAlerts] = useState<FollowerAlertDto[]>([]);
  const [now, setNow] = useState(serverNow());

  useEffect(() => {
    const abort = new AbortController();
    const lost = (e: unknown) => {
      // 404: the patient narrowed or stopped the follow — the list is read again.
      if (e instanceof ApiError && e.status === 404) onLost();
    };
    const load = () => {
      setNow(serverNow());
      if (follow.shareVitals) followApi.vitals(follow.patientId, abort.signal).then(setVitals, lost);
      if (follow.shareAlerts) followApi.alerts(follow.patientId, abort.signal).then(setAlerts, lost);
    };
    load();
    const timer = setInterval(load, REFRESH_MS);
    return () => {
      abort.abort();
      clearInterval(timer);
    };
  }, [follow.patientId, follow.shareVitals, follow.shareAlerts, onLost]);

  const latest = latestByType(vitals);
  return (
    <article className="card follow-card" data-testid={`followed-${follow.patientId}`}>
      <header className="card__head">
        <h2 className="card__name">{follow.patientName}</h2>
        <span className="card__age">{t('follow.relationship', { relationship: follow.relationship })}</span>
      </header>
      {follow.shareVitals ? (
        <>
          <div className="card__vitals" data-testid="follow-vitals">
            {TILES.map((type) => (
              <VitalTile key={type} type={type} reading={latest[type]} now={now} />
            ))}
          </div>
          <p className="follow__hint">{t('follow.chart', { n: follow.historyHours })}</p>
          <HistoryChart type="heart_rate" points={seriesOf(vitals, 'heart_rate')} fromMs={now - follow.historyHours * 3600_000} toMs={now} />
        </>
      ) : (
        <p className="follow__hint" data-testid="follow-no-vitals">
          {t('follow.noVitals', { name: follow.patientName })}
        </p>
      )}
      <section className="follow-alerts">
        <h3 className="follow__subtitle">{t('follow.alerts')}</h3>
        {!follow.shareAlerts ? (
          <p className="follow__hint">{t('follow.noAlerts', { name: follow.patientName })}</p>
        ) : alerts.length === 0 ? (
          <p className="follow__hint">{t('follow.noOpenAlerts')}</p>
        ) : (
          <ul className="follow-alerts__list">
            {alerts.map((a) => (
              <li key={a.id} className={`follow-alert follow-alert--${a.severity}`} data-testid="follow-alert">
                <span className="follow-alert__sev">{t(`alerts.severity.${a.severity}`)}</span>
                <span className="follow-alert__title">{a.title}</span>
                <span className="follow-alert__when">{fmt.relative(Date.parse(a.raisedAt), now)}</span>
                <span className="follow-alert__state">{a.acknowledged ? t('follow.inHand') : t('follow.waiting')}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      {follow.shareAlerts && <AlertSettingsForm patientId={follow.patientId} initial={follow.alerts} />}
    </article>
  );
}
