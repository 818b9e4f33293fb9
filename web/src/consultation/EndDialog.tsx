import { useEffect, useState } from 'react';
import { useI18n } from '../i18n/useI18n';

/** Ending the consultation, with the note that goes into the record. */
export function EndDialog({ busy, error, onEnd, onCancel }: { busy: boolean; error: string | null; onEnd: (note: string) => void; onCancel: () => void }) {
  const { t } = useI18n();
  const [note, setNote] = useState('');
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && !busy && onCancel();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [busy, onCancel]);
  return (
    <div className="dialog" role="dialog" aria-modal="true" aria-labelledby="end-title" data-testid="end-dialog">
      <div className="dialog__backdrop" onClick={() => !busy && onCancel()} />
      <form
        className="dialog__panel"
        onSubmit={(e) => {
          e.preventDefault();
          onEnd(note.trim());
        }}
      >
        <h2 id="end-title" className="dialog__title">
          {t('end.title')}
        </h2>
        <p className="dialog__body">{t('end.body')}</p>
        <label className="field">
          <span className="field__label">{t('end.note')}</span>
          <textarea className="end__note" rows={6} value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('end.notePlaceholder')} autoFocus data-testid="end-note" maxLength={10_000} />
        </label>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <div className="dialog__buttons">
          <button type="button" className="button" onClick={onCancel} disabled={busy}>
            {t('confirm.cancel')}
          </button>
          <button type="submit" className="button button--danger-solid" disabled={busy} data-testid="end-confirm">
            {busy ? t('end.ending') : t('end.confirm')}
          </button>
        </div>
      </form>
    </div>
  );
}
