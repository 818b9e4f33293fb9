import type { ReactNode } from 'react';
import { AlertsPanel } from '../alerts/AlertsPanel';
import { useI18n } from '../i18n/useI18n';
import { HistoryPanel } from './HistoryPanel';
import { PatientCard } from './PatientCard';
import { usePatients } from './usePatients';
import { useSelectedPatient } from './useSelectedPatient';

/**
 * The live board: one card per patient the server lets this user see (a patient sees only their
 * own); a card opens the patient's history. A doctor's board has the alerts column beside the cards.
 */
export function Board({ title, showCount = true, alerts = false }: { title: string; showCount?: boolean; alerts?: boolean }) {
  const { t } = useI18n();
  const { state, reload } = usePatients();
  const [selected, setSelected] = useSelectedPatient();

  let content: ReactNode;
  if (state.kind === 'loading') content = <p className="board__message">{t('board.loading')}</p>;
  else if (state.kind === 'error')
    content = (
      <div className="board__message board__message--error" role="alert">
        <p>{t('board.error', { error: state.message })}</p>
        <button type="button" className="button" onClick={reload}>
          {t('board.retry')}
        </button>
      </div>
    );
  else {
    const patients = state.patients;
    const open = patients.find((p) => p.id === selected);
    content = (
      <>
        <div className="board__bar">
          <h1 className="board__title">{title}</h1>
          {showCount && <span className="board__count">{t('board.count', { n: patients.length })}</span>}
        </div>
        {patients.length === 0 ? (
          <p className="board__message">{t('board.empty')}</p>
        ) : (
          <section className="board__grid">
            {patients.map((p) => (
              <PatientCard key={p.id} patient={p} selected={p.id === selected} onOpen={setSelected} nudged={alerts} />
            ))}
          </section>
        )}
        {open && <HistoryPanel patient={open} canEditLimits={alerts} onClose={() => setSelected(null)} />}
      </>
    );
  }
  if (!alerts) return content;
  return (
    <div className="board__layout">
      <div className="board__main">{content}</div>
      <AlertsPanel onOpenPatient={setSelected} />
    </div>
  );
}
