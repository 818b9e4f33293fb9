import { useState, type FormEvent } from 'react';
import { useI18n } from '../i18n/useI18n';
import { SaveButton } from '../ui/SaveButton';
import { errorsOf } from './RotaEditor';
import { shiftTime } from './format';
import { rotaApi, type DoctorOption, type RotaDto } from './rotaApi';

/** A rota's overrides (a doctor covers from … to …, in the viewer's time), with add and remove for the admin. */
export function OverridesPanel({ rota, doctors, canEdit, onChanged }: { rota: RotaDto; doctors: DoctorOption[]; canEdit: boolean; onChanged: () => void }) {
  const { t, locale } = useI18n();
  const [doctor, setDoctor] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<ReturnType<typeof errorsOf>>({});
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    try {
      // datetime-local is the viewer's wall time; Date reads it so, and the server gets the instant.
      await rotaApi.addOverride(rota.id, { doctorId: Number(doctor), from: new Date(from).toISOString(), to: new Date(to).toISOString() });
      setFrom('');
      setTo('');
      onChanged();
    } catch (error) {
      setErrors(errorsOf(error, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="oncall-overrides" aria-label={t('oncall.overrides')}>
      <h3 className="oncall-overrides__title">{t('oncall.overrides')}</h3>
      {rota.overrides.length === 0 && <p className="oncall-muted">{t('oncall.noOverrides')}</p>}
      <ul>
        {rota.overrides.map((o) => (
          <li key={o.id} className="oncall-overrides__row">
            {t('oncall.overrideRange', { name: o.displayName, from: shiftTime(o.from, locale, undefined, true), to: shiftTime(o.to, locale, undefined, true) })}
            {canEdit && (
              <button type="button" className="button button--small button--quiet" onClick={() => void rotaApi.removeOverride(rota.id, o.id).then(onChanged)}>
                {t('oncall.removeOverride')}
              </button>
            )}
          </li>
        ))}
      </ul>
      {canEdit && (
        <form className="oncall-overrides__form" onSubmit={submit} noValidate>
          <label className="field">
            <span className="field__label">{t('oncall.overrideDoctor')}</span>
            <select value={doctor} onChange={(e) => setDoctor(e.target.value)} aria-invalid={!!errors.doctorId}>
              <option value="" />
              {doctors.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.displayName}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span className="field__label">{t('oncall.overrideFrom')}</span>
            <input type="datetime-local" value={from} onChange={(e) => setFrom(e.target.value)} aria-invalid={!!errors.from} />
          </label>
          <label className="field">
            <span className="field__label">{t('oncall.overrideTo')}</span>
            <input type="datetime-local" value={to} onChange={(e) => setTo(e.target.value)} aria-invalid={!!errors.to} />
          </label>
          <SaveButton busy={busy} disabled={busy || !doctor || !from || !to} label={t('oncall.addOverride')} busyLabel={t('oncall.saving')} />
          {Object.values(errors).map((message) => (
            <p key={message} className="field__error" role="alert">
              {message}
            </p>
          ))}
        </form>
      )}
    </section>
  );
}
