import { useState } from 'react';
import type { MessageKey } from '../i18n/en';
import { useI18n } from '../i18n/useI18n';
import { linkHandler } from '../platform/routes';
import { CoverageStrip } from './CoverageStrip';
import { News2Trend } from './News2Trend';
import type { TriageRowDto } from './triageApi';

/** A day out of range fills the bar; most patients stay well short of it, so the bar is scaled to 6 hours. */
const OUT_OF_RANGE_FULL_MINUTES = 6 * 60;

/** One patient of the board: why they are here, the figures of the last 24 h, the last review and "Mark reviewed". */
export function TriageRow({ row, nowMs, onReview }: { row: TriageRowDto; nowMs: number; onReview: (patientId: number) => Promise<void> }) {
  const { t, fmt } = useI18n();
  const [busy, setBusy] = useState(false);
  const review = row.lastReview;
  const path = `/?patient=${row.patientId}`;
  const mark = async () => {
    setBusy(true);
    try {
      await onReview(row.patientId);
    } finally {
      setBusy(false);
    }
  };
  return (
    <tr className="triage-row" data-testid="triage-row" data-patient={row.patientId}>
      <td className="triage-rank">{row.rank}</td>
      <td>
        <a href={path} onClick={linkHandler(path)} className="triage-name" data-testid="triage-open">
          {row.name}
        </a>
        <span className="triage-reasons">
          {row.reasons.map((r) => (
            <span key={r} className={`triage-reason triage-reason--${r}`}>
              {t(`triage.reason.${r}` as MessageKey)}
            </span>
          ))}
        </span>
      </td>
      <td>
        {row.openAlerts > 0 ? (
          <span className={`triage-badge triage-badge--${row.highestSeverity ?? 'warning'}`} data-testid="triage-alerts">
            {t('triage.openAlerts', { count: row.openAlerts, severity: t(`triage.severity.${row.highestSeverity ?? 'warning'}` as MessageKey) })}
          </span>
        ) : (
          <span className="triage-muted">{t('triage.noAlerts')}</span>
        )}
      </td>
      <td className="triage-nowrap">
        <span className="triage-meter" aria-hidden="true">
          <span className="triage-meter__fill" style={{ width: `${Math.min(row.outOfRangeMinutes / OUT_OF_RANGE_FULL_MINUTES, 1) * 100}%` }} />
        </span>
        <span className="triage-figure">{row.outOfRangeMinutes > 0 ? fmt.duration(Math.round(row.outOfRangeMinutes * 60)) : t('triage.none')}</span>
      </td>
      <td className="triage-nowrap">
        <CoverageStrip hours={row.coverageHours} share={row.coverage} />
        <span className="triage-figure">{fmt.percent(Math.round(row.coverage * 100))}</span>
      </td>
      <td>
        <News2Trend now={row.news2 ?? null} before={row.news2Before ?? null} />
      </td>
      <td className="triage-review" data-testid="triage-review">
        {review ? (
          <>
            {t('triage.reviewedBy', { name: review.doctorName, ago: fmt.relative(Date.parse(review.at), nowMs) })}
            {review.note && <span className="triage-note">“{review.note}”</span>}
          </>
        ) : (
          <span className="triage-muted">{t('triage.neverReviewed')}</span>
        )}
      </td>
      <td>
        <button type="button" className="button button--small" disabled={busy} onClick={() => void mark()} data-testid="triage-mark">
          {t('triage.markReviewed')}
        </button>
      </td>
    </tr>
  );
}
