import { useEffect, useState, useSyncExternalStore } from 'react';
import { useI18n } from '../i18n/useI18n';
import { useLiveAlerts } from './LiveAlerts';
import { alertsApi } from './api';
import { news2View } from './format';
import type { News2Dto } from './types';

/** The patient's NEWS2: read once, then kept up to date by the hub's `news2` events. */
export function usePatientNews2(patientId: number): { dto: News2Dto | undefined; failed: boolean } {
  const { news2 } = useLiveAlerts();
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    const ctrl = new AbortController();
    alertsApi
      .news2(patientId, ctrl.signal)
      .then((dto) => news2.set(dto))
      .catch(() => !ctrl.signal.aborted && setFailed(true));
    return () => ctrl.abort();
  }, [news2, patientId]);
  const dto = useSyncExternalStore(
    (l) => news2.subscribe(patientId, l),
    () => news2.get(patientId),
  );
  return { dto, failed: failed && !dto };
}

/** "NEWS2 3 · low–medium risk", coloured by risk, with "partial" when parameters are missing; "not applicable" under 16. */
export function News2Badge({ patientId, testId = 'news2-badge' }: { patientId: number; testId?: string }) {
  const { t } = useI18n();
  const { dto, failed } = usePatientNews2(patientId);
  if (failed) return null;
  const view = news2View(dto, t);
  return (
    <span
      className={`news2 news2--${view.kind === 'score' ? view.risk : view.kind}`}
      data-testid={testId}
      data-kind={view.kind}
      data-risk={view.kind === 'score' ? view.risk : ''}
      data-total={dto?.total ?? ''}
      data-partial={view.partial ? 'true' : 'false'}
      title={view.title}
    >
      <span className="news2__label">{t('news2.label')}</span>
      <span className="news2__value">{view.text}</span>
      {view.partial && <span className="news2__partial">{t('news2.partial')}</span>}
    </span>
  );
}
