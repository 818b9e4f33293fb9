import { useEffect, useState } from 'react';
import { ApiError } from '../api/client';
import { useI18n } from '../i18n/useI18n';
import { useAlerts } from './AlertsContext';
import { alertsApi } from './api';
import { alertTitle } from './format';
import type { AlertDto } from './types';

/** Asks for the note that resolving an alert requires; shows the server's refusal beside the field. */
export function ResolveDialog({ alert, onClose }: { alert: AlertDto; onClose: () => void }) {
  const { t, fmt } = useI18n();
  const { store, names } = useAlerts();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const patient = alert.patientId == null ? t('alerts.system') : (names.get(alert.patientId) ?? t('alerts.patientRef', { id: alert.patientId }));

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && !busy && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [busy, onClose]);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setError(null);
    if (!note.trim()) {
      setFieldError(t('alerts.noteRequired'));
      return;
    }
    setFieldError(null);
    setBusy(true);
    try {
      store.upsert(await alertsApi.resolve(alert.id, note.trim()));
      onClose();
    } catch (err) {
      setBusy(false);
      if (err instanceof ApiError && err.status === 400 && err.problem?.errors) {
        const errors = err.problem.errors as Record<string, string[]>;
        const key = Object.keys(errors).find((k) => k.toLowerCase() === 'note');
        if (key) {
          setFieldError(errors[key]!.join(' '));
          return;
        }
      }
      if (err instanceof ApiError && err.status === 409) setError(t('alerts.alreadyResolved'));
      else if (err instanceof ApiError && err.status === 404) setError(t('alerts.notYours'));
      else setError(t('alerts.actionFailed', { error: err instanceof Error ? err.message : String(err) }));
    }
  };

  return (
    <div className="dialog" role="dialog" aria-modal="true" aria-labelledby="resolve-title" data-testid="alert-resolve-dialog">
      <div className="dialog__backdrop" onClick={() => !busy && onClose()} />
      <form className="dialog__panel" onSubmit={(e) => void submit(e)} noValidate>
        <h2 id="resolve-title" className="dialog__title">
          {t('alerts.resolveTitle')}
        </h2>
        <p className="dialog__body resolve__what">{t('alerts.resolveFor', { title: alertTitle(alert, t, fmt), patient })}</p>
        <label className="field">
          <span className="field__label">{t('alerts.note')}</span>
          <textarea
            className="resolve__note"
            rows={3}
            value={note}
            autoFocus
            onChange={(e) => setNote(e.target.value)}
            aria-invalid={fieldError ? true : undefined}
            aria-describedby={fieldError ? 'resolve-note-error' : 'resolve-note-hint'}
            data-testid="alert-note"
          />
          {fieldError ? (
            <span className="field__error" id="resolve-note-error" role="alert" data-testid="alert-note-error">
              {fieldError}
            </span>
          ) : (
            <span className="field__hint" id="resolve-note-hint">
              {t('alerts.noteHint')}
            </span>
          )}
        </label>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <div className="dialog__buttons">
          <button type="button" className="button" onClick={onClose} disabled={busy}>
            {t('confirm.cancel')}
          </button>
          <button type="submit" className="button button--primary" disabled={busy} data-testid="alert-resolve-confirm">
            {busy ? t('alerts.resolving') : t('alerts.resolveConfirm')}
          </button>
        </div>
      </form>
    </div>
  );
}
