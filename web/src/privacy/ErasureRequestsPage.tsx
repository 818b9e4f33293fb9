import { useCallback, useEffect, useState } from 'react';
import { useI18n } from '../i18n/useI18n';
import { privacyApi, type ErasureRequestDto } from './api';
import { ErasureStatus } from './ErasureStatus';

/** The admins' "Erasure requests": each with its legal hold; approve or refuse, always with a reason. */
export function ErasureRequestsPage() {
  const { t } = useI18n();
  const [requests, setRequests] = useState<ErasureRequestDto[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    privacyApi.all().then(setRequests, (e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, []);
  useEffect(load, [load]);
  return (
    <section className="privacy" data-testid="erasure-requests-page">
      <h1 className="privacy__title">{t('erasure.title')}</h1>
      <p className="privacy__hint">{t('erasure.intro')}</p>
      {error && <p className="join__error" role="alert">{error}</p>}
      {requests && requests.length === 0 && <p className="privacy__hint">{t('erasure.none')}</p>}
      <ul className="privacy__requests">
        {(requests ?? []).map((r) => <ErasureRow key={`${r.id}-${r.status}`} request={r} onDecided={load} />)}
      </ul>
    </section>
  );
}

function ErasureRow({ request, onDecided }: { request: ErasureRequestDto; onDecided: () => void }) {
  const { t, locale } = useI18n();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const decide = (approve: boolean) =>
    privacyApi.decide(request.id, approve, reason).then(onDecided, (e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  return (
    <li className="privacy__card" data-testid={`erasure-${request.id}`}>
      <div className="privacy__who">
        <strong>{request.patientName}</strong>
        <span className="privacy__hint">{t('erasure.filed', { who: request.requestedBy, date: new Date(request.requestedAt).toLocaleDateString(locale) })}</span>
      </div>
      <p className="privacy__quote">{request.reason}</p>
      <ErasureStatus request={request} />
      {request.status === 'pending' && (
        <div className="privacy__form">
          <label htmlFor={`decision-${request.id}`}>{t('erasure.decisionReason')}</label>
          <input id={`decision-${request.id}`} value={reason} maxLength={1000} onChange={(e) => setReason(e.target.value)} data-testid={`erasure-${request.id}-reason`} />
          <div className="privacy__actions">
            <button type="button" className="button button--primary" disabled={reason.trim() === '' || !request.permitted} onClick={() => void decide(true)}
              data-testid={`erasure-${request.id}-approve`}>{t('erasure.approve')}</button>
            <button type="button" className="button" disabled={reason.trim() === ''} onClick={() => void decide(false)}
              data-testid={`erasure-${request.id}-refuse`}>{t('erasure.refuse')}</button>
          </div>
          {error && <p className="join__error" role="alert">{error}</p>}
        </div>
      )}
    </li>
  );
}
