import { useState, type FormEvent } from 'react';
import { useI18n } from '../i18n/useI18n';
import type { MessageKey } from '../i18n/en';
import { adminApi } from './adminApi';
import { fieldErrors } from './fieldErrors';

const ROLES = ['doctor', 'patient', 'admin'] as const;

/** A new doctor, patient (their patient record made with the account, from the date of birth) or administrator. */
export function CreateAccountForm({ onCreated }: { onCreated: () => void }) {
  const { t } = useI18n();
  const [role, setRole] = useState<(typeof ROLES)[number]>('doctor');
  const [values, setValues] = useState({ displayName: '', email: '', password: '', dateOfBirth: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const set = (key: keyof typeof values) => (e: React.ChangeEvent<HTMLInputElement>) => setValues({ ...values, [key]: e.target.value });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    try {
      await adminApi.create({ ...values, role, dateOfBirth: role === 'patient' ? values.dateOfBirth || null : null });
      setValues({ displayName: '', email: '', password: '', dateOfBirth: '' });
      onCreated();
    } catch (error) {
      setErrors(fieldErrors(error));
    } finally {
      setBusy(false);
    }
  };

  const field = (key: keyof typeof values, label: MessageKey, type: string, error = errors[key]) => (
    <label className="field">
      <span className="field__label">{t(label)}</span>
      <input type={type} value={values[key]} onChange={set(key)} aria-invalid={error ? true : undefined} data-testid={`new-${key}`} required />
      {error && (
        <span className="field__error" role="alert">
          {error}
        </span>
      )}
    </label>
  );
  return (
    <form className="admin-form" onSubmit={submit} noValidate aria-label={t('admin.accounts.create')}>
      <h2 className="admin-section__title">{t('admin.accounts.create')}</h2>
      <div className="admin-form__row">
        <label className="field">
          <span className="field__label">{t('admin.accounts.role')}</span>
          <select value={role} onChange={(e) => setRole(e.target.value as (typeof ROLES)[number])} data-testid="new-role">
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`user.role.${r}`)}
              </option>
            ))}
          </select>
        </label>
        {field('displayName', 'admin.accounts.name', 'text')}
        {field('email', 'login.email', 'email')}
        {field('password', 'admin.accounts.initialPassword', 'password')}
        {role === 'patient' && field('dateOfBirth', 'admin.accounts.dateOfBirth', 'date', errors.dateOfBirth ?? errors.patientId)}
        <button type="submit" className="button button--primary admin-form__submit" disabled={busy} data-testid="create-account">
          {t('admin.accounts.createButton')}
        </button>
      </div>
      {errors.form && (
        <p className="field__error" role="alert">
          {errors.form}
        </p>
      )}
    </form>
  );
}
