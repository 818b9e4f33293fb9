import type { ReactNode } from 'react';
import { useI18n } from '../i18n/useI18n';
import { useEscapeKey } from './useEscapeKey';

interface ButtonsProps {
  busy: boolean;
  onCancel: () => void;
  /** Defaults to "Cancel". */
  cancelLabel?: string;
  confirmLabel: string;
  busyLabel: string;
  /** `button--primary` unless said otherwise (`button--danger-solid`). */
  confirmClass?: string;
  confirmTestId?: string;
  cancelTestId?: string;
  /** A plain button calling this; without it the confirming button submits the dialog's form. */
  onConfirm?: () => void;
  autoFocusCancel?: boolean;
  /** Shown before the buttons, e.g. "Saved". */
  status?: ReactNode;
}

/** A dialog's footer: Cancel (or Close) and the confirming button, both disabled while busy. */
export function DialogButtons({ busy, onCancel, cancelLabel, confirmLabel, busyLabel, confirmClass = 'button--primary', confirmTestId, cancelTestId, onConfirm, autoFocusCancel, status }: ButtonsProps) {
  const { t } = useI18n();
  return (
    <div className="dialog__buttons">
      {status}
      <button type="button" className="button" onClick={onCancel} disabled={busy} autoFocus={autoFocusCancel} data-testid={cancelTestId}>
        {cancelLabel ?? t('confirm.cancel')}
      </button>
      <button type={onConfirm ? 'button' : 'submit'} className={`button ${confirmClass}`} onClick={onConfirm} disabled={busy} data-testid={confirmTestId}>
        {busy ? busyLabel : confirmLabel}
      </button>
    </div>
  );
}

interface FormDialogProps extends Omit<ButtonsProps, 'onConfirm'> {
  title: string;
  titleId: string;
  testId: string;
  error?: string | null;
  /** The form was submitted (the page does not reload). */
  onSubmit: () => void;
  noValidate?: boolean;
  children: ReactNode;
}

/**
 * A modal form: title, the fields, an error, Cancel and the confirming button. Escape and the
 * backdrop cancel, except while busy.
 */
export function FormDialog({ title, titleId, testId, error, onSubmit, noValidate, children, ...buttons }: FormDialogProps) {
  const { busy, onCancel } = buttons;
  useEscapeKey(onCancel, !busy);
  return (
    <div className="dialog" role="dialog" aria-modal="true" aria-labelledby={titleId} data-testid={testId}>
      <div className="dialog__backdrop" onClick={() => !busy && onCancel()} />
      <form
        className="dialog__panel"
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit();
        }}
        noValidate={noValidate}
      >
        <h2 id={titleId} className="dialog__title">
          {title}
        </h2>
        {children}
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <DialogButtons {...buttons} />
      </form>
    </div>
  );
}
