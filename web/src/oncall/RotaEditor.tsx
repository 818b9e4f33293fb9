import { useState, type FormEvent } from 'react';
import { ApiError } from '../api/client';
import type { MessageKey } from '../i18n/en';
import { useI18n } from '../i18n/useI18n';
import { SaveButton } from '../ui/SaveButton';
import { draftOf, emptyDraft, fieldOf, messageFor, moveMember, requestOf, type RotaDraft, type ShiftPattern } from './rotaForm';
import { rotaApi, type DoctorOption, type RotaDto } from './rotaApi';
import { viewerZone, zoneOptions } from './timeline';

type Errors = Partial<Record<ReturnType<typeof fieldOf>, string>>;

/** Reads the server's validation problem into messages under the fields it names. */
export function errorsOf(e: unknown, t: (key: MessageKey) => string): Errors {
  if (!(e instanceof ApiError) || !e.problem?.errors) return { form: e instanceof Error ? e.message : String(e) };
  const errors: Errors = {};
  for (const [key, messages] of Object.entries(e.problem.errors as Record<string, string[]>)) {
    const known = messageFor(key, messages[0] ?? '');
    errors[fieldOf(key)] ??= known ? t(known) : (messages[0] ?? '');
  }
  return errors;
}

/** The admin's rota form: name, zone, shifts, handover time(s), first handover day, members in order (up/down). */
export function RotaEditor({ rota, doctors, onSaved, onDelete }: { rota: RotaDto | null; doctors: DoctorOption[]; onSaved: (rota: RotaDto) => void; onDelete?: () => void }) {
  const { t } = useI18n();
  const [draft, setDraft] = useState<RotaDraft>(() => (rota ? draftOf(rota) : emptyDraft(viewerZone(), new Date().toISOString().slice(0, 10))));
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const [adding, setAdding] = useState('');
  const set = <K extends keyof RotaDraft>(key: K, value: RotaDraft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    setSaved(false);
  };
  const nameOf = (id: number) => doctors.find((d) => d.id === id)?.displayName ?? rota?.members.find((m) => m.doctorId === id)?.displayName ?? `#${id}`;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    try {
      const body = requestOf(draft);
      const result = rota ? await rotaApi.update(rota.id, body) : await rotaApi.create(body);
      setSaved(true);
      onSaved(result);
    } catch (error) {
      setErrors(errorsOf(error, t));
    } finally {
      setBusy(false);
    }
  };
  const field = (name: keyof Errors, label: MessageKey, input: React.ReactNode, hint?: MessageKey) => (
    <div className="field">
      <label className="field__label" htmlFor={`rota-${name}`}>
        {t(label)}
      </label>
      {input}
      {hint && <span className="oncall-muted">{t(hint)}</span>}
      {errors[name] && (
        <p className="field__error" role="alert" data-testid={`rota-error-${name}`}>
          {errors[name]}
        </p>
      )}
    </div>
  );
  return (
    <form className="oncall-editor" onSubmit={submit} noValidate data-testid="rota-editor">
      <h2 className="oncall-editor__title">{t(rota ? 'oncall.edit' : 'oncall.new')}</h2>
      <div className="oncall-editor__grid">
        {field('name', 'oncall.name', <input id="rota-name" value={draft.name} onChange={(e) => set('name', e.target.value)} aria-invalid={!!errors.name} />)}
        {field(
          'timeZone',
          'oncall.zone',
          <>
            <input id="rota-timeZone" list="rota-zones" value={draft.timeZone} onChange={(e) => set('timeZone', e.target.value)} aria-invalid={!!errors.timeZone} />
            <datalist id="rota-zones">
              {zoneOptions(draft.timeZone).map((z) => (
                <option key={z} value={z} />
              ))}
            </datalist>
          </>,
          'oncall.zoneHint',
        )}
        {field(
          'pattern',
          'oncall.pattern',
          <select id="rota-pattern" value={draft.pattern} onChange={(e) => set('pattern', e.target.value as ShiftPattern)}>
            {(['daily', 'weekly', 'twelveHours'] as const).map((p) => (
              <option key={p} value={p}>
                {t(`oncall.pattern.${p}`)}
              </option>
            ))}
          </select>,
        )}
        {field('startsOn', 'oncall.startsOn', <input id="rota-startsOn" type="date" value={draft.startsOn} onChange={(e) => set('startsOn', e.target.value)} aria-invalid={!!errors.startsOn} />)}
        {field('handover', 'oncall.handover', <input id="rota-handover" type="time" value={draft.handover} onChange={(e) => set('handover', e.target.value)} aria-invalid={!!errors.handover} />)}
        {draft.pattern === 'twelveHours' && (
          <div className="field">
            <label className="field__label" htmlFor="rota-second">
              {t('oncall.secondHandover')}
            </label>
            <input id="rota-second" type="time" value={draft.secondHandover} onChange={(e) => set('secondHandover', e.target.value)} />
          </div>
        )}
      </div>
      <fieldset className="oncall-members">
        <legend className="field__label">{t('oncall.members')}</legend>
        {draft.members.length === 0 && <p className="oncall-muted">{t('oncall.noMembers')}</p>}
        <ol>
          {draft.members.map((id, i) => (
            <li key={`${id}-${i}`} className="oncall-members__row" data-testid="rota-member">
              <span className="oncall-members__place">{i + 1}</span>
              <span className="oncall-members__name">{nameOf(id)}</span>
              <button type="button" className="button button--small button--quiet" aria-label={t('oncall.moveUp', { name: nameOf(id) })} disabled={i === 0} onClick={() => set('members', moveMember(draft.members, i, -1))}>
                ↑
              </button>
              <button type="button" className="button button--small button--quiet" aria-label={t('oncall.moveDown', { name: nameOf(id) })} disabled={i === draft.members.length - 1} onClick={() => set('members', moveMember(draft.members, i, 1))}>
                ↓
              </button>
              <button type="button" className="button button--small button--quiet" aria-label={t('oncall.removeMember', { name: nameOf(id) })} onClick={() => set('members', draft.members.filter((_, j) => j !== i))}>
                ✕
              </button>
            </li>
          ))}
        </ol>
        <div className="oncall-members__add">
          <select aria-label={t('oncall.addMember')} value={adding} onChange={(e) => setAdding(e.target.value)} data-testid="rota-add-member">
            <option value="">{t('oncall.addMember')}</option>
            {doctors.map((d) => (
              <option key={d.id} value={d.id}>
                {d.displayName}
              </option>
            ))}
          </select>
          <button type="button" className="button button--small" disabled={!adding} onClick={() => (set('members', [...draft.members, Number(adding)]), setAdding(''))} data-testid="rota-add-member-button">
            {t('oncall.add')}
          </button>
        </div>
        {errors.members && (
          <p className="field__error" role="alert" data-testid="rota-error-members">
            {errors.members}
          </p>
        )}
      </fieldset>
      {errors.form && (
        <p className="field__error" role="alert">
          {errors.form}
        </p>
      )}
      <div className="oncall-editor__actions">
        <SaveButton busy={busy} label={t('oncall.save')} busyLabel={t('oncall.saving')} testId="rota-save" />
        {saved && (
          <span className="limits__saved" role="status">
            {t('oncall.saved')}
          </span>
        )}
        {onDelete && (
          <button type="button" className="button button--small button--quiet oncall-editor__delete" onClick={onDelete}>
            {t('oncall.delete')}
          </button>
        )}
      </div>
    </form>
  );
}
