import type { ReactNode } from 'react';
import { DialogButtons } from '../ui/Dialog';
import { useEscapeKey } from '../ui/useEscapeKey';

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
  useEscapeKey(onCancel, !busy);

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
        <DialogButtons
          busy={busy}
          onCancel={onCancel}
          autoFocusCancel
          cancelTestId={`${testId}-cancel`}
          confirmLabel={confirmLabel}
          busyLabel={busyLabel}
          confirmClass={danger ? 'button--danger-solid' : 'button--primary'}
          confirmTestId={`${testId}-confirm`}
          onConfirm={onConfirm}
        />
      </section>
    </div>
  );
}
