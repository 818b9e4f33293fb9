import { useEffect, type ReactNode } from 'react';
import { useI18n } from '../i18n/useI18n';

export interface ConfirmDialogProps {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  busyLabel: string;
  danger?: boolean;
  busy: boolean;
  error: string | null;
  onConfirm: () => void;
  onCancel: () => void;
  testId: string;
}

/** A modal question with Cancel (focused first, also Escape and the backdrop) and one confirming button. */
export function ConfirmDialog({ title, children, confirmLabel, busyLabel, danger, busy, error, onConfirm, onCancel, testId }: ConfirmDialogProps) {
  const { t } = useI18n();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && !busy && onCancel();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [busy, onCancel]);

  return (
    <div className="dialog" role="alertdialog" aria-modal="true" aria-labelledby="dialog-title" aria-describedby="dialog-body" data-testid={testId}>
      <div className="dialog__backdrop" onClick={() => !busy && onCancel()} />
      <section className="dialog__panel">
        <h2 id="dialog-title" className="dialog__title">
          {title}
        </h2>
        <div id="dialog-body" className="dialog__body">
          {children}
        </div>
        {error && (
          <p className="form-error" role="alert" data-testid={`${testId}-error`}>
            {error}
          </p>
        )}
        <div className="dialog__buttons">
          <button type="button" className="button" onClick={onCancel} disabled={busy} autoFocus data-testid={`${testId}-cancel`}>
            {t('confirm.cancel')}
          </button>
          <button
            type="button"
            className={`button ${danger ? 'button--danger-solid' : 'button--primary'}`}
            onClick={onConfirm}
            disabled={busy}
            data-testid={`${testId}-confirm`}
          >
            {busy ? busyLabel : confirmLabel}
          </button>
        </div>
      </section>
    </div>
  );
}
