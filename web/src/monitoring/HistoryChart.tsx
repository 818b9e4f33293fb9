import { useRef } from 'react';
import type uPlot from 'uplot';
import type { ObservationDto, VitalType } from '../api/types';
import { decimalsFor } from '../i18n/format';
import { useI18n } from '../i18n/useI18n';
import { AXIS_STYLE, CHART_COLORS, drawRings, type Ring } from './chartTheme';
import { useUplot } from './useUplot';

interface Props {
  type: VitalType;
  points: readonly ObservationDto[]; // oldest first
  fromMs: number;
  toMs: number;
}

const HEIGHT = 320;

/** A patient's history of one vital sign (systolic and diastolic for blood pressure). */
export function HistoryChart({ type, points, fromMs, toMs }: Props) {
  const { t, fmt, locale } = useI18n();
  const el = useRef<HTMLDivElement>(null);
  const bp = type === 'blood_pressure';
  const data: uPlot.AlignedData = bp
    ? [points.map((p) => Date.parse(p.measuredAt) / 1000), points.map((p) => p.value), points.map((p) => p.diastolic)]
    : [points.map((p) => Date.parse(p.measuredAt) / 1000), points.map((p) => p.value)];
  const color = CHART_COLORS[type];
  const withSeconds = toMs - fromMs <= 2 * 3600_000;
  const rings = doubtfulRings(points);

  useUplot(
    el,
    (width): uPlot.Options => ({
      width,
      height: HEIGHT,
      legend: { show: bp },
      padding: [12, 32, 0, 0],
      cursor: { drag: { x: false, y: false } },
      scales: { x: { time: true, range: [fromMs / 1000, toMs / 1000] } },
      axes: [
        { ...AXIS_STYLE, space: 90, values: (_u, splits) => splits.map((s) => fmt.axisTime(s * 1000, false)) },
        {
          ...AXIS_STYLE,
          size: 56,
          label: t(`unit.${type}`),
          labelSize: 18,
          values: (_u, splits, _axis, _space, incr) => splits.map((s) => fmt.decimal(s, decimalsFor(incr))),
        },
      ],
      series: [
        { label: t('history.time'), value: (_u, v) => (v == null ? '—' : fmt.axisTime(v * 1000, withSeconds)) },
        {
          label: bp ? t('history.systolic') : t(`vital.${type}`),
          stroke: color,
          width: 1.5,
          value: (_u, v) => (v == null ? '—' : fmt.vitalNumber(type, v)),
        },
        ...(bp
          ? [
              {
                label: t('history.diastolic'),
                stroke: '#9a86c2',
                width: 1.5,
                value: (_u: uPlot, v: number | null) => (v == null ? '—' : fmt.vitalNumber(type, v)),
              },
            ]
          : []),
      ],
      hooks: { draw: [(u) => drawRings(u, rings)] },
    }),
    data,
    [type, points, fromMs, toMs, locale],
  );

  return (
    <>
      <div className="history-chart" data-testid="history-chart" ref={el} />
      {rings.length > 0 && (
        <p className="history-chart__note" data-testid="history-doubtful">
          <span className="history-chart__ring" aria-hidden="true" /> {t('history.doubtful')}
        </p>
      )}
    </>
  );
}

/** Doubtful readings (low signal quality) to circle on the chart: the value, and the diastolic for blood pressure. */
function doubtfulRings(points: readonly ObservationDto[]): Ring[] {
  const rings: Ring[] = [];
  for (const p of points) {
    if (!p.doubtful) continue;
    const x = Date.parse(p.measuredAt) / 1000;
    rings.push({ x, y: p.value, scale: 'y' });
    if (p.diastolic != null) rings.push({ x, y: p.diastolic, scale: 'y' });
  }
  return rings;
}
