import { useEffect, useState } from 'react';
import { api, ApiError } from '../api/client';
import type { PatientDto } from '../api/types';
import { useI18n } from '../i18n/useI18n';
import { consultationApi } from '../consultation/api';
import { defaultSlot, fromLocalInput, REASON_MAX, toLocalInput, validateSchedule, type ScheduleError } from './schedule';
import type { ConsultationDto } from '../consultation/types';

/** The doctor schedules a consultation with a patient of their care team. */
export function ScheduleForm({ onScheduled }: { onScheduled: (c: ConsultationDto) => void }) {
  const { t } = useI18n();
  const [patients, setPatients] = useState<PatientDto[] | null>(null);
  const [patientId, setPatientId] = useState('');
  const [when, setWhen] = useState(() => toLocalInput(defaultSlot(new Date())));
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Partial<Record<'patient' | 'when' | 'reason', ScheduleError>>>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    const ctrl = new AbortController();
    api
      .patients(ctrl.signal)
      .then((list) => setPatients([...list].sort((a, b) => a.displayName.localeCompare(b.displayName))))
      .catch(() => !ctrl.signal.aborted && setPatients([]));
    return () => ctrl.abort();
  }, []);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const found = validateSchedule({ patientId, when, reason }, Date.now());
    setErrors(found);
    setFailure(null);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      const c = await consultationApi.create({ patientId: Number(patientId), scheduledAt: fromLocalInput(when)!.toISOString(), reason: reason.trim() });
      onScheduled(c);
      setReason('');
      setWhen(toLocalInput(defaultSlot(new Date())));
    } catch (err) {
      setFailure(err instanceof ApiError && err.status === 404 ? t('schedule.error.notYourPatient') : t('schedule.error.failed', { error: err instanceof Error ? err.message : String(err) }));
    } finally {
      setBusy(false);
    }
  };

  const errorText = (k: ScheduleError | undefined) => (k ? t(`schedule.error.${k}`) : undefined);

  return (
    <section className="panel" aria-labelledby="schedule-title">
      <h2 id="schedule-title" className="panel__title">
        {t('schedule.title')}
      </h2>
      <p className="panel__intro">{t('schedule.intro')}</p>
      <form className="schedule" onSubmit={submit} noValidate data-testid="schedule-form">
        <label className="field">
          <span className="field__label">{t('schedule.patient')}</span>
          <select
            value={patientId}
            onChange={(e) => setPatientId(e.target.value)}
            aria-invalid={errors.patient ? true : undefined}
            data-testid="schedule-patient"
            disabled={patients == null}
          >
            <option value="">{patients == null ? t('schedule.loadingPatients') : t('schedule.patientPlaceholder')}</option>
            {patients?.map((p) => (
              <option key={p.id} value={p.id}>
                {p.displayName}
              </option>
            ))}
          </select>
          <FormError field="patient" text={errorText(errors.patient)} />
        </label>
        <label className="field">
          <span className="field__label">{t('schedule.when')}</span>
          <input type="datetime-local" value={when} onChange={(e) => setWhen(e.target.value)} aria-invalid={errors.when ? true : undefined} data-testid="schedule-when" />
          <FormError field="when" text={errorText(errors.when)} />
        </label>
        <label className="field schedule__reason">
          <span className="field__label">{t('schedule.reason')}</span>
          <input
            type="text"
            value={reason}
            maxLength={REASON_MAX}
            placeholder={t('schedule.reasonPlaceholder')}
            onChange={(e) => setReason(e.target.value)}
            aria-invalid={errors.reason ? true : undefined}
            data-testid="schedule-reason"
          />
          <FormError field="reason" text={errorText(errors.reason)} />
        </label>
        <div className="schedule__submit">
          <button type="submit" className="button button--primary" disabled={busy} data-testid="schedule-submit">
            {busy ? t('schedule.submitting') : t('schedule.submit')}
          </button>
        </div>
        {failure && (
          <p className="form-error" role="alert" data-testid="schedule-error">
            {failure}
          </p>
        )}
      </form>
    </section>
  );
}

function FormError({ field, text }: { field: string; text: string | undefined }) {
  if (!text) return null;
  return (
    <p className="field__error" role="alert" data-testid={`schedule-error-${field}`}>
      {text}
    </p>
  );
}
