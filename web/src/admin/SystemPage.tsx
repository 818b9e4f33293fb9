import { useEffect, useState } from 'react';
import { useI18n } from '../i18n/useI18n';
import { adminApi, type SystemKpis } from './adminApi';
import { KpiChart } from './KpiChart';
import { kilobytesPerSecond, seriesOf, sinceFirstActivity, wholeMinutes } from './kpiSeries';

const POLL_MS = 5000;
const COLORS = { a: '#2f6f9f', b: '#c2415d', c: '#2f855a', d: '#b7791f' };

/** Seed 000 §8.1's indicators, live: the last hour per minute from this server node, polled every few seconds. */
export function SystemPage() {
  const { t, fmt } = useI18n();
  const [kpis, setKpis] = useState<SystemKpis | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const abort = new AbortController();
    const poll = () =>
      adminApi.kpis(abort.signal).then(
        (k) => {
          setKpis(k);
          setError(null);
        },
        (e: unknown) => !abort.signal.aborted && setError(e instanceof Error ? e.message : String(e)),
      );
    void poll();
    const timer = window.setInterval(() => void poll(), POLL_MS);
    return () => {
      abort.abort();
      window.clearInterval(timer);
    };
  }, []);

  const ms = (v: number | null) => (v == null ? '—' : `${fmt.decimal(v, v < 10 ? 1 : 0)} ms`);
  const pct = (v: number | null) => (v == null ? '—' : fmt.percent(v * 100));
  const minutes = kpis ? sinceFirstActivity(kpis.minutes) : [];
  const charted = wholeMinutes(minutes);
  const h = kpis?.hour;
  // Bandwidth over the minutes with traffic, not the whole hour: a node up for five minutes is not a fifth as busy.
  const seconds = Math.max(1, minutes.length) * 60;
  const tiles: [string, string][] = h
    ? [
        [t('admin.system.latency'), `${ms(h.latencyAvgMs)} · p95 ${ms(h.latencyP95Ms)}`],
        [t('admin.system.commitLatency'), `${ms(h.commitLatencyAvgMs)} · p95 ${ms(h.commitLatencyP95Ms)}`],
        [t('admin.system.delivery'), `${pct(h.deliveryRate)} · ${t('admin.system.deadLetters', { n: h.deadLettered })}`],
        [t('admin.system.messages'), fmt.integer(h.received)],
        [t('admin.system.availability'), pct(h.deviceAvailability)],
        [t('admin.system.quality'), pct(h.dataQuality)],
        [t('admin.system.precision'), `${pct(h.alertPrecision)} · ${t('admin.system.rated', { n: h.alertsRatedActionable + h.alertsRatedNotActionable })}`],
        [t('admin.system.bandwidth'), `↓ ${fmt.decimal(h.bytesIn / seconds / 1000, 2)} · ↑ ${fmt.decimal(h.bytesOut / seconds / 1000, 2)} kB/s`],
        [t('admin.system.consultations'), h.consultationsInProgress == null ? '—' : fmt.integer(h.consultationsInProgress)],
        [t('admin.system.activeDevices'), h.activeDevices == null ? '—' : fmt.integer(h.activeDevices)],
      ]
    : [];

  return (
    <div className="admin">
      <div className="board__bar">
        <h1 className="board__title">{t('admin.system.title')}</h1>
        {kpis && <span className="board__count">{t('admin.system.node', { node: kpis.node })}</span>}
      </div>
      <p className="admin-muted">{t('admin.system.intro')}</p>
      {error && (
        <p className="board__message board__message--error" role="alert">
          {error}
        </p>
      )}
      {h && (
        <>
          <dl className="admin-tiles" data-testid="kpi-tiles">
            {tiles.map(([label, value]) => (
              <div key={label} className="admin-tile">
                <dt>{label}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
          <div className="admin-charts">
            <KpiChart
              testId="chart-latency"
              title={t('admin.system.latencyChart')}
              unit="ms"
              lines={[
                { label: t('admin.system.e2eAvg'), color: COLORS.a },
                { label: t('admin.system.e2eP95'), color: COLORS.a, dash: [6, 4] },
                { label: t('admin.system.commitAvg'), color: COLORS.c },
                { label: t('admin.system.commitP95'), color: COLORS.c, dash: [6, 4] },
              ]}
              data={seriesOf(charted, ['latencyAvgMs', 'latencyP95Ms', 'commitLatencyAvgMs', 'commitLatencyP95Ms'])}
            />
            <KpiChart
              testId="chart-reliability"
              title={t('admin.system.reliabilityChart')}
              unit="%"
              lines={[
                { label: t('admin.system.delivery'), color: COLORS.a },
                { label: t('admin.system.availability'), color: COLORS.c },
                { label: t('admin.system.quality'), color: COLORS.d },
                { label: t('admin.system.precision'), color: COLORS.b },
              ]}
              data={seriesOf(charted, ['deliveryRate', 'deviceAvailability', 'dataQuality', 'alertPrecision'], true)}
            />
            <KpiChart
              testId="chart-bandwidth"
              title={t('admin.system.bandwidth')}
              unit="kB/s"
              lines={[
                { label: t('admin.system.bytesIn'), color: COLORS.a },
                { label: t('admin.system.bytesOut'), color: COLORS.b },
              ]}
              data={kilobytesPerSecond(charted)}
            />
            <KpiChart
              testId="chart-activity"
              title={t('admin.system.activityChart')}
              unit=""
              lines={[
                { label: t('admin.system.activeDevices'), color: COLORS.c },
                { label: t('admin.system.consultations'), color: COLORS.d },
              ]}
              data={seriesOf(charted, ['activeDevices', 'consultationsInProgress'])}
            />
          </div>
        </>
      )}
    </div>
  );
}
