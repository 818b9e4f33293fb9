import { useI18n } from '../i18n/useI18n';

/** NEWS2 now, an arrow for its change since six hours before, and the earlier value in small type. */
export function News2Trend({ now, before }: { now: number | null; before: number | null }) {
  const { t } = useI18n();
  if (now == null) return <span className="triage-muted">{t('triage.news2None')}</span>;
  const change = before == null ? null : now - before;
  const arrow = change == null ? '' : change >= 2 ? '↑' : change <= -2 ? '↓' : change === 0 ? '→' : change > 0 ? '↗' : '↘';
  const tone = change != null && change >= 2 ? ' triage-news2--rising' : '';
  return (
    <span className={`triage-news2${tone}`} data-testid="triage-news2">
      <strong>{now}</strong>
      {arrow && <span aria-hidden="true"> {arrow}</span>}
      <span className="triage-muted">
        {' '}
        {before == null ? t('triage.news2NoBefore') : t('triage.news2Before', { value: before })}
      </span>
    </span>
  );
}
