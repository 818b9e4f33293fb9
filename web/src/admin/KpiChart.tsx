import { useRef } from 'react';
import type uPlot from 'uplot';
import { useI18n } from '../i18n/useI18n';
import { AXIS_STYLE } from '../monitoring/chartTheme';
import { useUplot } from '../monitoring/useUplot';
import type { ChartData } from './kpiSeries';

export interface Line {
  label: string;
  color: string;
  dash?: number[];
}

/** One KPI chart over the last hour (uPlot): the lines' values per minute, updated in place on each poll. */
export function KpiChart({ title, unit, lines, data, testId }: { title: string; unit: string; lines: readonly Line[]; data: ChartData; testId: string }) {
  const { fmt } = useI18n();
  const container = useRef<HTMLDivElement>(null);
  const aligned = [data.x, ...data.series] as uPlot.AlignedData;
  const plot = useUplot(
    container,
    (width) => ({
      width,
      height: 180,
      legend: { show: true, live: false },
      cursor: { drag: { x: false, y: false } },
      scales: { x: { time: true } },
      axes: [
        { ...AXIS_STYLE, space: 70, values: (_u, splits) => splits.map((s) => fmt.axisTime(s * 1000, false)) },
        { ...AXIS_STYLE, size: 56, label: unit, labelSize: 16 },
      ],
      series: [{}, ...lines.map((l) => ({ label: l.label, stroke: l.color, width: 2, dash: l.dash, spanGaps: false, points: { show: data.x.length < 3 } }))],
    }),
    aligned,
    [lines.map((l) => l.label).join('|'), unit, fmt],
  );
  plot.current?.setData(aligned);
  return (
    <figure className="admin-chart" data-testid={testId}>
      <figcaption className="admin-chart__title">{title}</figcaption>
      <div ref={container} />
    </figure>
  );
}
