import { useEffect, useState } from 'react';
import { loadHistory } from '../api/client';
import { VITAL_TYPES, type ObservationDto, type PatientDto, type VitalType } from '../api/types';
import { serverNow } from '../platform/clock';
import { News2Inputs } from '../alerts/News2Inputs';
import { ThresholdEditor } from '../alerts/ThresholdEditor';
import { AlarmProfileEditor } from '../alerts/profile/AlarmProfileEditor';
import { useI18n } from '../i18n/useI18n';
import { useEscapeKey } from '../ui/useEscapeKey';
import { HistoryChart } from './HistoryChart';
import { HistorySummary } from './HistorySummary';

const RANGES_H = [1, 6, 24] as const;

type Load = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; points: ObservationDto[]; fromMs: number; toMs: number };

/** Side panel with a patient's history: measurement type and period selectors, chart, summary. */
export function HistoryPanel({ patient, onClose, canEditLimits = false }: { patient: PatientDto; onClose: () => void; canEditLimits?: boolean }) {
  const { t } = useI18n();
  const [type, setType] = useState<VitalType>('heart_rate');
  const [hours, setHours] = useState<(typeof RANGES_H)[number]>(1);
  const [load, setLoad] = useState<Load>({ kind: 'loading' });

  useEffect(() => {
    const ctrl = new AbortController();
    const toMs = serverNow();
    const fromMs = toMs - hours * 3600_000;
    setLoad({ kind: 'loading' });
    loadHistory(patient.id, type, new Date(fromMs), new Date(toMs), 20_000, ctrl.signal)
      .then((points) => setLoad({ kind: 'ready', points, fromMs, toMs }))
      .catch((e: unknown) => {
        if (!ctrl.signal.aborted) setLoad({ kind: 'error', message: e instanceof Error ? e.message : String(e) });
      });
    return () => ctrl.abort();
  }, [patient.id, type, hours]);

  useEscapeKey(onClose);

  return (
    <div className="sheet" role="dialog" aria-modal="true" aria-labelledby="sheet-title">
      <div className="sheet__backdrop" onClick={onClose} />
      <section className="sheet__panel" data-testid="history-panel">
        <header className="sheet__head">
          <div>
            <div className="sheet__kicker">{t('history.title')}</div>
            <h2 id="sheet-title" className="sheet__title">{patient.displayName}</h2>
          </div>
          <button type="button" className="button button--quiet" onClick={onClose} autoFocus>
            {t('history.close')}
          </button>
        </header>
        <div className="sheet__controls">
          <div className="segmented" role="group" aria-label={t('history.type')}>
            {VITAL_TYPES.map((v) => (
              <button key={v} type="button" aria-pressed={v === type} onClick={() => setType(v)} data-testid={`history-type-${v}`}>
                {t(`vital.${v}`)}
              </button>
            ))}
          </div>
          <div className="segmented" role="group" aria-label={t('history.range')}>
            {RANGES_H.map((h) => (
              <button key={h} type="button" aria-pressed={h === hours} onClick={() => setHours(h)} data-testid={`history-range-${h}`}>
                {t('history.hours', { n: h })}
              </button>
            ))}
          </div>
        </div>
        {load.kind === 'loading' && <p className="sheet__message">{t('history.loading')}</p>}
        {load.kind === 'error' && <p className="sheet__message sheet__message--error">{t('history.error', { error: load.message })}</p>}
        {load.kind === 'ready' && (
          <>
            <HistorySummary type={type} points={load.points} />
            <HistoryChart type={type} points={load.points} fromMs={load.fromMs} toMs={load.toMs} />
            {load.points.length === 0 && <p className="sheet__message">{t('history.empty')}</p>}
          </>
        )}
        {canEditLimits && <News2Inputs key={`news2-${patient.id}`} patientId={patient.id} />}
        {canEditLimits && <ThresholdEditor key={patient.id} patientId={patient.id} />}
        {canEditLimits && <AlarmProfileEditor key={`profile-${patient.id}`} patientId={patient.id} />}
      </section>
    </div>
  );
}
