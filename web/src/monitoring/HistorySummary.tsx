import type { ObservationDto, VitalType } from '../api/types';
import { useI18n } from '../i18n/useI18n';
import { DoubtfulMark } from './DoubtfulMark';

/** Count, min, max and latest of the loaded period (a doubtful one marked "?"). */
export function HistorySummary({ type, points }: { type: VitalType; points: readonly ObservationDto[] }) {
  const { t, fmt } = useI18n();
  if (points.length === 0) return null;
  let min = points[0]!;
  let max = points[0]!;
  for (const p of points) {
    if (p.value < min.value) min = p;
    if (p.value > max.value) max = p;
  }
  const latest = points[points.length - 1]!;
  const show = (p: ObservationDto) => (
    <>
      {fmt.vitalWithUnit(type, p.value, p.diastolic)}
      {p.doubtful && <DoubtfulMark />}
    </>
  );
  return (
    <dl className="summary">
      <div>
        <dt>{t('history.latest')}</dt>
        <dd>{show(latest)}</dd>
      </div>
      <div>
        <dt>{t('history.min')}</dt>
        <dd>{show(min)}</dd>
      </div>
      <div>
        <dt>{t('history.max')}</dt>
        <dd>{show(max)}</dd>
      </div>
      <div>
        <dt>&nbsp;</dt>
        <dd className="summary__count">{t('history.count', { n: fmt.integer(points.length) })}</dd>
      </div>
    </dl>
  );
}
