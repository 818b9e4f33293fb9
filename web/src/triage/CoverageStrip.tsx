import { useI18n } from '../i18n/useI18n';

/** 24 small bars, oldest hour first: how much of each hour had readings. */
export function CoverageStrip({ hours, share }: { hours: number[]; share: number }) {
  const { t, fmt } = useI18n();
  return (
    <span className="triage-strip" role="img" aria-label={t('triage.coverageLabel', { percent: fmt.percent(Math.round(share * 100)) })}>
      {hours.map((h, i) => (
        <span key={i} className={`triage-strip__bar${h === 0 ? ' triage-strip__bar--empty' : ''}`} style={{ height: `${Math.max(h, 0.08) * 100}%` }} />
      ))}
    </span>
  );
}
