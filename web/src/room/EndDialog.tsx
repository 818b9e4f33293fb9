import { useState } from 'react';
import { useI18n } from '../i18n/useI18n';
import { FormDialog } from '../ui/Dialog';

/** Ending the consultation, with the note that goes into the record. */
export function EndDialog({ busy, error, onEnd, onCancel }: { busy: boolean; error: string | null; onEnd: (note: string) => void; onCancel: () => void }) {
  const { t } = useI18n();
  const [note, setNote] = useState('');
  return (
    <FormDialog
      title={t('end.title')}
      titleId="end-title"
      testId="end-dialog"
      busy={busy}
      error={error}
      onSubmit={() => onEnd(note.trim())}
      onCancel={onCancel}
      confirmLabel={t('end.confirm')}
      busyLabel={t('end.ending')}
      confirmClass="button--danger-solid"
      confirmTestId="end-confirm"
    >
      <p className="dialog__body">{t('end.body')}</p>
      <label className="field">
        <span className="field__label">{t('end.note')}</span>
        <textarea className="end__note" rows={6} value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('end.notePlaceholder')} autoFocus data-testid="end-note" maxLength={10_000} />
      </label>
    </FormDialog>
  );
}
