import { useCallback, useEffect, useState } from 'react';
import { saveFile } from '../consultation/api';
import { useI18n } from '../i18n/useI18n';
import { privacyApi, type ErasureRequestDto } from './api';
import { recordFileName } from './recordFile';
import { ErasureStatus } from './ErasureStatus';

/** The patient's "My data": download the record (readable, FHIR), ask for erasure, follow the request. */
export function MyDataPage({ patientId }: { patientId: number }) {
  const { t, lang, locale } = useI18n();
  const [requests, setRequests] = useState<ErasureRequestDto[] | null>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const load = useCallback(() => {
    privacyApi.mine(patientId).then(setRequests, (e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, [patientId]);
  useEffect(load, [load]);

  const run = (work: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    work().then(
      () => setBusy(false),
      (e: unknown) => {
        setBusy(false);
        setError(e instanceof Error ? e.message : String(e));
      },
    );
  };
  const pending = requests?.some((r) => r.status === 'pending') ?? false;
  return (
    <section className="privacy" data-testid="my-data-page">
      <h1 className="privacy__title">{t('privacy.title')}</h1>
      <div className="privacy__card">
        <h2>{t('privacy.download')}</h2>
        <p className="privacy__hint">{t('privacy.downloadHint')}</p>
        <div className="privacy__actions">
          <button type="button" className="button button--primary" disabled={busy} data-testid="download-record"
            onClick={() => run(async () => saveFile(await privacyApi.record(patientId, lang), recordFileName(patientId, new Date(), 'html')))}>
            {t('privacy.readable')}
          </button>
          <button type="button" className="button" disabled={busy} data-testid="download-fhir"
            onClick={() => run(async () => saveFile(await privacyApi.fhir(patientId), recordFileName(patientId, new Date(), 'fhir.json')))}>
            {t('privacy.fhir')}
          </button>
        </div>
      </div>
      <div className="privacy__card">
        <h2>{t('privacy.erasure')}</h2>
        <p className="privacy__hint">{t('privacy.erasureHint')}</p>
        {!pending && (
          <form className="privacy__form" onSubmit={(e) => {
            e.preventDefault();
            run(async () => {
              await privacyApi.file(patientId, reason);
              setReason('');
              load();
            });
          }}>
            <label htmlFor="erasure-reason">{t('privacy.reason')}</label>
            <textarea id="erasure-reason" value={reason} maxLength={1000} required onChange={(e) => setReason(e.target.value)} data-testid="erasure-reason" />
            <button type="submit" className="button" disabled={busy || reason.trim() === ''} data-testid="erasure-send">{t('privacy.ask')}</button>
          </form>
        )}
        {error && <p className="join__error" role="alert">{error}</p>}
        <ul className="privacy__requests">
          {(requests ?? []).map((r) => (
            <li key={r.id}>
              <span className="privacy__when">{t('privacy.askedOn', { date: new Date(r.requestedAt).toLocaleDateString(locale) })}</span> <ErasureStatus request={r} />
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}
