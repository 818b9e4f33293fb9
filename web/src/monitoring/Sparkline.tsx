import { useEffect, useRef } from 'react';
import type uPlot from 'uplot';
import { useI18n } from '../i18n/useI18n';
import type { AlignedSpark } from '../live/series';
import { useUplot } from './useUplot';
import { SPARK_WINDOW_MS } from '../live/vitals';
import { CHART_COLORS } from './chartTheme';
import { serverNow } from '../platform/clock';

const HEIGHT = 56;

/** Heart rate (left scale) and SpO2 (right scale) over the last two minutes, updated in place. */
export function Sparkline({ data, now }: { data: AlignedSpark; now: number }) {
  const { t } = useI18n();
  const el = useRef<HTMLDivElement>(null);
  const plot = useUplot(
    el,
    (width): uPlot.Options => ({
      width,
      height: HEIGHT,
      legend: { show: false },
      cursor: { show: false },
      select: { show: false, left: 0, top: 0, width: 0, height: 0 },
      padding: [4, 2, 4, 2],
      scales: {
        x: { time: true, range: () => [(serverNow() - SPARK_WINDOW_MS) / 1000, serverNow() / 1000] },
        hr: { range: (_u, min, max) => [Math.min(min ?? 60, 50) - 5, Math.max(max ?? 100, 110) + 5] },
        spo2: { range: () => [84, 101] },
      },
      axes: [{ show: false }, { show: false, scale: 'hr' }, { show: false, scale: 'spo2' }],
      series: [
        {},
        { scale: 'hr', stroke: CHART_COLORS.heart_rate, width: 1.5, spanGaps: true, points: { show: false } },
        { scale: 'spo2', stroke: CHART_COLORS.spo2, width: 1.5, spanGaps: true, points: { show: false } },
      ],
    }),
    data,
    [],
  );

  // New data: redraw in place; the clock tick slides the window even when nothing arrives.
  useEffect(() => {
    plot.current?.setData(data);
  }, [data, now, plot]);

  return <div className="sparkline" ref={el} role="img" aria-label={t('spark.label')} />;
}
