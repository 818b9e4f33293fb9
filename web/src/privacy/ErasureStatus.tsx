import { useI18n } from '../i18n/useI18n';
import type { ErasureRequestDto } from './api';

/** A request's state in words: pending (with the legal hold, if any), approved, refused with the admin's reason. */
export function ErasureStatus({ request }: { request: ErasureRequestDto }) {
  const { t, locale } = useI18n();
  const day = (iso: string | null | undefined) => (iso ? new Date(iso).toLocaleDateString(locale, { year: 'numeric', month: 'long', day: 'numeric' }) : '');
  return (
    <div className={`erasure-status erasure-status--${request.status}`} data-testid={`erasure-${request.id}-status`}>
      <strong>{t(`privacy.status.${request.status}`)}</strong>
      {request.status === 'pending' && request.holdEndsAt && !request.permitted && <span> — {t('privacy.holdUntil', { date: day(request.holdEndsAt) })}</span>}
      {request.status === 'pending' && request.permitted && <span> — {t('privacy.permitted')}</span>}
      {request.decisionReason && <p className="erasure-status__reason">{t('privacy.decisionReason', { reason: request.decisionReason })}</p>}
    </div>
  );
}
