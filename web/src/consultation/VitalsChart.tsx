import { useEffect, useRef } from 'react';
import type uPlot from 'uplot';
import { serverNow } from '../platform/clock';
import { useI18n } from '../i18n/useI18n';
import { AXIS_STYLE, CHART_COLORS, drawRings, SEVERITY_COLORS, type Ring } from '../monitoring/chartTheme';
import type { AlignedSpark } from '../live/series';
import { useUplot } from '../monitoring/useUplot';
import type { Severity } from '../alerts/types';
import { THRESHOLDS, type AlertLimits } from '../alerts/thresholds';

/** An alert drawn on the chart: raised, or resolved. */
export interface AlertMarker {
  ms: number;
  severity: Severity;
  phase: 'raised' | 'resolved';
}

interface Props {
  data: AlignedSpark;
  /** A fixed time window (replay), or the last `liveWindowMs` sliding with the clock. */
  range: { fromMs: number; toMs: number } | { liveWindowMs: number };
  /** A vertical line at this time (the replay's position). */
  markerMs?: number;
  height?: number;
  /** Redraw tick for the live window. */
  now?: number;
  /** The patient's own alert limits: solid lines (heart rate, SpO₂). */
  limits?: AlertLimits;
  /** Alerts raised (solid line) and resolved (dashed) during the span, in their severity's colour (replay). */
  alerts?: readonly AlertMarker[];
  /** Doubtful readings (low signal quality), circled. */
  rings?: readonly Ring[];
}

/** The own limits of one sign as numbers to draw. */
const lines = (limits: AlertLimits | undefined, type: 'heart_rate' | 'spo2'): number[] => {
  const dto = limits?.[type];
  return dto ? [dto.low, dto.high].filter((v): v is number => v != null) : [];
};

/**
 * Heart rate (left axis) and SpO₂ (right axis), with dashed lines at the NEWS2 thresholds and solid
 * ones at the patient's own alert limits; in the replay, vertical lines at the alerts and rings
 * around doubtful readings.
 */
export function VitalsChart({ data, range, markerMs, height = 150, now, limits, alerts, rings }: Props) {
  const { t, fmt, locale } = useI18n();
  const el = useRef<HTMLDivElement>(null);
  const marker = useRef(markerMs);
  marker.current = markerMs;
  const own = useRef(limits);
  own.current = limits;
  const extras = useRef({ alerts, rings });
  extras.current = { alerts, rings };
  const live = 'liveWindowMs' in range;
  const fixed = live ? null : range;
  const windowMs = live ? range.liveWindowMs : 0;
  // Seconds on the time axis when the span is short (a live window, a brief consultation).
  const withSeconds = live || (fixed != null && fixed.toMs - fixed.fromMs <= 20 * 60_000);

  const plot = useUplot(
    el,
    (width): uPlot.Options => ({
      width,
      height,
      legend: { show: false },
      cursor: { show: false },
      select: { show: false, left: 0, top: 0, width: 0, height: 0 },
      padding: [8, 4, 0, 4],
      scales: {
        x: { time: true, range: () => (fixed ? [fixed.fromMs / 1000, fixed.toMs / 1000] : [(serverNow() - windowMs) / 1000, serverNow() / 1000]) },
        hr: {
          range: (_u, min, max) => {
            const mine = lines(own.current, 'heart_rate');
            return [Math.min(min ?? 60, 45, ...mine) - 5, Math.max(max ?? 100, 100, ...mine) + 5];
          },
        },
        spo2: { range: () => [84, 101] },
      },
      axes: [
        { ...AXIS_STYLE, size: 28, space: 80, values: (_u, splits) => splits.map((s) => fmt.axisTime(s * 1000, withSeconds)) },
        { ...AXIS_STYLE, scale: 'hr', size: 36, stroke: CHART_COLORS.heart_rate, values: (_u, splits) => splits.map((s) => fmt.integer(s)) },
        { ...AXIS_STYLE, scale: 'spo2', side: 1, size: 36, stroke: CHART_COLORS.spo2, grid: { show: false }, values: (_u, splits) => splits.map((s) => fmt.integer(s)) },
      ],
      series: [
        {},
        { label: t('vital.heart_rate'), scale: 'hr', stroke: CHART_COLORS.heart_rate, width: 1.75, spanGaps: true, points: { show: false } },
        { label: t('vital.spo2'), scale: 'spo2', stroke: CHART_COLORS.spo2, width: 1.75, spanGaps: true, points: { show: false } },
      ],
      hooks: {
        draw: [
          (u) => {
            const ctx = u.ctx;
            const { left, top, width: w, height: h } = u.bbox;
            ctx.save();
            ctx.lineWidth = 1 * devicePixelRatio;
            ctx.setLineDash([5 * devicePixelRatio, 4 * devicePixelRatio]);
            const line = (scale: string, value: number, color: string) => {
              const y = u.valToPos(value, scale, true);
              if (y < top || y > top + h) return;
              ctx.strokeStyle = color;
              ctx.beginPath();
              ctx.moveTo(left, y);
              ctx.lineTo(left + w, y);
              ctx.stroke();
            };
            for (const v of THRESHOLDS.heart_rate) line('hr', v, `${CHART_COLORS.heart_rate}80`);
            for (const v of THRESHOLDS.spo2) line('spo2', v, `${CHART_COLORS.spo2}80`);
            ctx.setLineDash([]);
            ctx.lineWidth = 1.5 * devicePixelRatio;
            for (const v of lines(own.current, 'heart_rate')) line('hr', v, CHART_COLORS.heart_rate);
            for (const v of lines(own.current, 'spo2')) line('spo2', v, CHART_COLORS.spo2);
            for (const a of extras.current.alerts ?? []) {
              const x = u.valToPos(a.ms / 1000, 'x', true);
              if (x < left - 1 || x > left + w + 1) continue;
              ctx.strokeStyle = ctx.fillStyle = SEVERITY_COLORS[a.severity];
              ctx.lineWidth = (a.phase === 'raised' ? 2 : 1.5) * devicePixelRatio;
              ctx.setLineDash(a.phase === 'raised' ? [] : [4 * devicePixelRatio, 3 * devicePixelRatio]);
              ctx.beginPath();
              ctx.moveTo(x, top);
              ctx.lineTo(x, top + h);
              ctx.stroke();
              if (a.phase === 'raised') {
                const s = 5 * devicePixelRatio;
                ctx.beginPath();
                ctx.moveTo(x - s, top);
                ctx.lineTo(x + s, top);
                ctx.lineTo(x, top + s * 1.4);
                ctx.fill();
              }
            }
            ctx.setLineDash([]);
            drawRings(u, extras.current.rings ?? []);
            const m = marker.current;
            if (m != null) {
              const x = u.valToPos(m / 1000, 'x', true);
              ctx.setLineDash([]);
              ctx.lineWidth = 2 * devicePixelRatio;
              ctx.strokeStyle = '#1b2530';
              ctx.beginPath();
              ctx.moveTo(x, top);
              ctx.lineTo(x, top + h);
              ctx.stroke();
            }
            ctx.restore();
          },
        ],
      },
    }),
    data,
    [height, locale, fixed?.fromMs, fixed?.toMs, windowMs, withSeconds],
  );

  useEffect(() => {
    plot.current?.setData(data);
  }, [data, now, markerMs, limits, alerts, rings, plot]);

  return (
    <div className="vitals-chart" data-testid="vitals-chart">
      <div ref={el} role="img" aria-label={t('vitals.chartLabel')} />
      <p className="vitals-chart__legend">
        <span className="legend legend--hr">{t('vital.heart_rate')}</span>
        <span className="legend legend--spo2">{t('vital.spo2')}</span>
        <span className="legend legend--dashed">{t('vitals.thresholds')}</span>
        {(lines(limits, 'heart_rate').length > 0 || lines(limits, 'spo2').length > 0) && (
          <span className="legend legend--solid" data-testid="chart-own-limits">
            {t('vitals.ownLimits')}
          </span>
        )}
        {alerts && alerts.length > 0 && (
          <span className="legend legend--alert" data-testid="chart-alerts">
            {t('vitals.alertMarkers')}
          </span>
        )}
        {rings && rings.length > 0 && (
          <span className="legend legend--ring" data-testid="chart-doubtful">
            {t('history.doubtful')}
          </span>
        )}
      </p>
    </div>
  );
}
