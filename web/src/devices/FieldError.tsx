import type { MessageKey } from '../i18n/en';
import { useI18n } from '../i18n/useI18n';

/** The message under a form field, announced when it appears. */
export function FieldError({ id, field, message }: { id: string; field: string; message: MessageKey | undefined }) {
  const { t } = useI18n();
  if (!message) return null;
  return (
    <p id={id} className="field__error" role="alert" data-testid={`provision-error-${field}`} data-message={message}>
      {t(message)}
    </p>
  );
}
