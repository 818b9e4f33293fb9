import { useI18n } from '../i18n/useI18n';
import { TriageRow } from './TriageRow';
import { triageApi } from './triageApi';
import { useTriage } from './useTriage';

/** The doctor's patients, most in need of a look first, over the last 24 hours (anchor: Tidepool's clinic triage). */
export function TriagePage() {
  const { t, fmt } = useI18n();
  const [state, reload] = useTriage();
  if (state.kind === 'loading') return <p className="board__message">{t('triage.loading')}</p>;
  if (state.kind === 'error')
    return (
      <p className="board__message board__message--error" role="alert">
        {t('triage.error', { error: state.message })}
      </p>
    );
  const { board } = state;
  const nowMs = Date.parse(board.at);
  const onReview = async (patientId: number) => {
    await triageApi.markReviewed(patientId);
    await reload();
  };
  return (
    <section className="triage" aria-labelledby="triage-title">
      <div className="board__bar">
        <h1 className="board__title" id="triage-title">
          {t('triage.title')}
        </h1>
        <span className="triage-muted">{t('triage.subtitle', { at: fmt.clock(nowMs, Date.now()) })}</span>
      </div>
      {board.patients.length === 0 ? (
        <p className="board__message">{t('triage.empty')}</p>
      ) : (
        <div className="triage-scroll">
          <table className="triage-table" data-testid="triage-table">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">{t('triage.col.patient')}</th>
                <th scope="col">{t('triage.col.alerts')}</th>
                <th scope="col">{t('triage.col.outOfRange')}</th>
                <th scope="col">{t('triage.col.coverage')}</th>
                <th scope="col">{t('triage.col.news2')}</th>
                <th scope="col">{t('triage.col.review')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('triage.markReviewed')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {board.patients.map((row) => (
                <TriageRow key={row.patientId} row={row} nowMs={nowMs} onReview={onReview} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="triage-muted triage-footnote">{t('triage.footnote')}</p>
    </section>
  );
}
