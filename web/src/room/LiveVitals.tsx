import { useEffect, useState, type ReactNode } from 'react';
import { api, loadHistory } from '../api/client';
import type { VitalType } from '../api/types';
import { serverNow, syncServerClock, useNow } from '../platform/clock';
import { useI18n } from '../i18n/useI18n';
import { useLive, usePatientLive } from '../live/LiveContext';
import { VitalTile } from '../monitoring/VitalTile';
import { useLimitsText } from '../alerts/AlertLimits';
import type { AlertLimits } from '../alerts/thresholds';
import { VitalsChart } from '../consultation/VitalsChart';

const SHOWN: VitalType[] = ['heart_rate', 'spo2', 'temperature', 'blood_pressure'];
const WINDOW_MS = 120_000;

/**
 * The patient's live vital signs beside the video: the monitoring hub's store, subscribed to this
 * one patient, seeded with the latest values and two minutes of heart rate and SpO₂.
 */
export function LiveVitals({ patientId, limits, editor }: { patientId: number; limits?: AlertLimits; editor?: ReactNode }) {
  const { t } = useI18n();
  const limitsText = useLimitsText();
  const { store, connection } = useLive();
  const now = useNow();
  const live = usePatientLive(patientId);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    const ctrl = new AbortController();
    void connection.setPatients([patientId]);
    (async () => {
      await syncServerClock().catch(() => undefined);
      const patients = await api.patients(ctrl.signal);
      const p = patients.find((x) => x.id === patientId);
      if (p) store.load([p]);
      const to = new Date(serverNow() + 5_000);
      const from = new Date(serverNow() - WINDOW_MS);
      for (const type of ['heart_rate', 'spo2'] as const) {
        loadHistory(patientId, type, from, to, 1000, ctrl.signal)
          .then((items) => store.seedSeries(patientId, items))
          .catch(() => undefined);
      }
    })().catch(() => !ctrl.signal.aborted && setFailed(true));
    return () => ctrl.abort();
  }, [patientId, store, connection]);

  return (
    <section className="side-vitals" aria-labelledby="vitals-title" data-testid="live-vitals">
      <h2 id="vitals-title" className="side__title">
        {t('vitals.title')}
      </h2>
      {failed && <p className="side__error">{t('vitals.error')}</p>}
      <div className="side-vitals__tiles">
        {SHOWN.map((type) => {
          const own = limits ? limitsText(type, limits) : null;
          return (
            <div key={type} className="side-vitals__tile">
              <VitalTile type={type} reading={live?.latest[type]} now={now} />
              {own && (
                <span className="side-vitals__limits" data-testid={`limits-${type}`}>
                  {t('limits.label', { limits: own })}
                </span>
              )}
            </div>
          );
        })}
      </div>
      <VitalsChart data={live?.spark ?? [[], [], []]} range={{ liveWindowMs: WINDOW_MS }} now={now} height={112} limits={limits} />
      {editor}
    </section>
  );
}
