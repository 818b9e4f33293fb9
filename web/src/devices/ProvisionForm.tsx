import { useState, type FormEvent } from 'react';
import { api } from '../api/client';
import type { DeviceBundleDto } from '../api/types';
import { useI18n } from '../i18n/useI18n';
import { DEVICE_ID_MAX_LENGTH, newDeviceId } from './deviceId';
import { PROVISIONABLE_DEVICE_TYPES } from './deviceStatus';
import { FieldError } from './FieldError';
import { failureMessages, provisionFailure, validateProvision, type FieldMessages, type ProvisionField } from './provisionErrors';
import type { PatientOption } from './useDevices';

/**
 * Admins: register a device for a patient. The id comes prefilled (FAJMA-XXXXXXXXXX) and can be
 * edited; the server's field errors show next to the field they name, a taken id (409) at the id.
 */
export function ProvisionForm({ patients, onProvisioned }: { patients: PatientOption[]; onProvisioned: (bundle: DeviceBundleDto) => void }) {
  const { t } = useI18n();
  const [patientId, setPatientId] = useState<number | null>(null);
  const [type, setType] = useState('');
  const [id, setId] = useState(() => newDeviceId());
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<FieldMessages>({});
  const [formError, setFormError] = useState<string | null>(null);

  const clear = (field: ProvisionField) => {
    setErrors(({ [field]: _, ...rest }) => rest);
    setFormError(null);
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    const local = validateProvision({ patientId, type, id });
    setErrors(local);
    setFormError(null);
    if (Object.keys(local).length > 0 || patientId == null) return;
    setBusy(true);
    try {
      const bundle = await api.provisionDevice({ id: id.trim(), type, patientId });
      setPatientId(null);
      setType('');
      setId(newDeviceId());
      onProvisioned(bundle);
    } catch (err) {
      const failure = provisionFailure(err);
      setErrors(failureMessages(failure));
      if (failure.kind === 'error') setFormError(t('provision.error.failed', { error: failure.message }));
      else if (failure.kind === 'invalid' && failure.other.length > 0) setFormError(t('provision.error.failed', { error: failure.other.join('; ') }));
    } finally {
      setBusy(false);
    }
  }

  const described = (field: ProvisionField, hint?: string) => [errors[field] ? `provision-${field}-error` : null, hint].filter(Boolean).join(' ') || undefined;

  return (
    <section className="panel" aria-labelledby="provision-title" data-testid="provision-form">
      <h2 id="provision-title" className="panel__title">
        {t('provision.title')}
      </h2>
      <p className="panel__intro">{t('provision.intro')}</p>
      {patients.length === 0 && <p className="panel__intro">{t('provision.noPatients')}</p>}
      <form className="provision" onSubmit={submit} noValidate>
        <div className="field">
          <label className="field__label" htmlFor="provision-patient">
            {t('provision.patient')}
          </label>
          <select
            id="provision-patient"
            data-testid="provision-patient"
            value={patientId ?? ''}
            onChange={(e) => {
              setPatientId(e.target.value ? Number(e.target.value) : null);
              clear('patientId');
            }}
            aria-invalid={errors.patientId ? true : undefined}
            aria-describedby={described('patientId')}
          >
            <option value="">{t('provision.patientPlaceholder')}</option>
            {patients.map((p) => (
              <option key={p.id} value={p.id}>
                {t('provision.patientOption', { name: p.displayName, id: p.id })}
              </option>
            ))}
          </select>
          <FieldError id="provision-patientId-error" field="patientId" message={errors.patientId} />
        </div>
        <div className="field">
          <label className="field__label" htmlFor="provision-type">
            {t('provision.type')}
          </label>
          <select
            id="provision-type"
            data-testid="provision-type"
            value={type}
            onChange={(e) => {
              setType(e.target.value);
              clear('type');
            }}
            aria-invalid={errors.type ? true : undefined}
            aria-describedby={described('type')}
          >
            <option value="">{t('provision.typePlaceholder')}</option>
            {PROVISIONABLE_DEVICE_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`device.type.${type}`)}
              </option>
            ))}
          </select>
          <FieldError id="provision-type-error" field="type" message={errors.type} />
        </div>
        <div className="field provision__id">
          <label className="field__label" htmlFor="provision-id">
            {t('provision.id')}
          </label>
          <div className="field__row">
            <input
              id="provision-id"
              data-testid="provision-id"
              className="field__mono"
              value={id}
              maxLength={DEVICE_ID_MAX_LENGTH}
              spellCheck={false}
              autoComplete="off"
              onChange={(e) => {
                setId(e.target.value);
                clear('id');
              }}
              aria-invalid={errors.id ? true : undefined}
              aria-describedby={described('id', 'provision-id-hint')}
            />
            <button
              type="button"
              className="button"
              data-testid="provision-new-id"
              onClick={() => {
                setId(newDeviceId());
                clear('id');
              }}
            >
              {t('provision.newId')}
            </button>
          </div>
          <p id="provision-id-hint" className="field__hint">
            {t('provision.idHint')}
          </p>
          <FieldError id="provision-id-error" field="id" message={errors.id} />
        </div>
        <div className="provision__submit">
          <button type="submit" className="button button--primary" data-testid="provision-submit" disabled={busy || patients.length === 0}>
            {busy ? t('provision.submitting') : t('provision.submit')}
          </button>
        </div>
        {formError && (
          <p className="form-error" role="alert" data-testid="provision-error">
            {formError}
          </p>
        )}
      </form>
    </section>
  );
}
