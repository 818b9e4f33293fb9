import { useState } from 'react';
import { ApiError } from '../api/client';
import { useI18n } from '../i18n/useI18n';
import { FormDialog } from '../ui/Dialog';
import { useAlerts } from './AlertsContext';
import { alertsApi } from './api';
import { alertTitle } from './format';
import type { AlertDto, AlertOutcome } from './types';

/** Asks for the note that resolving an alert requires; shows the server's refusal beside the field. */
export function ResolveDialog({ alert, onClose }: { alert: AlertDto; onClose: () => void }) {
  const { t, fmt } = useI18n();
  const { store, names } = useAlerts();
  const [note, setNote] = useState('');
  const [outcome, setOutcome] = useState<AlertOutcome | null>(null);
  const [busy, setBusy] = useState(false);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const patient = alert.patientId == null ? t('alerts.system') : (names.get(alert.patientId) ?? t('alerts.patientRef', { id: alert.patientId }));

  const submit = async () => {
    setError(null);
    if (!note.trim()) {
      setFieldError(t('alerts.noteRequired'));
      return;
    }
    setFieldError(null);
    setBusy(true);
    try {
      store.upsert(await alertsApi.resolve(alert.id, note.trim(), outcome));
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
    <FormDialog
      title={t('alerts.resolveTitle')}
      titleId="resolve-title"
      testId="alert-resolve-dialog"
      busy={busy}
      error={error}
      onSubmit={() => void submit()}
      onCancel={onClose}
      confirmLabel={t('alerts.resolveConfirm')}
      busyLabel={t('alerts.resolving')}
      confirmTestId="alert-resolve-confirm"
      noValidate
    >
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
      {alert.patientId != null && (
        <fieldset className="resolve__outcome" data-testid="alert-outcome">
          <legend className="field__label">{t('alerts.outcome')}</legend>
          {(['actionable', 'not_actionable'] as const).map((o) => (
            <label key={o}>
              <input type="radio" name="alert-outcome" value={o} checked={outcome === o} onChange={() => setOutcome(o)} data-testid={`alert-outcome-${o}`} />
              {t(`alerts.outcome.${o}`)}
            </label>
          ))}
          <span className="field__hint">{t('alerts.outcomeHint')}</span>
        </fieldset>
      )}
    </FormDialog>
  );
}
