import { useEffect, useState } from 'react';
import { ApiError } from '../../api/client';
import { useI18n } from '../../i18n/useI18n';
import { isVitalType } from './vitals';
import { profileApi, type AlarmBurdenDto, type AlarmSnoozeDto } from './api';
import { BurdenNote } from './BurdenNote';
import { snoozableRules, toForm, toRequest, trendErrorKey, type FormErrors, type ProfileForm } from './model';
import { SnoozePanel } from './SnoozePanel';
import './profile.css';

type Load = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; form: ProfileForm; snoozes: AlarmSnoozeDto[]; burden: AlarmBurdenDto | null };

const SEVERITIES = ['warning', 'major', 'critical'] as const;

/**
 * The patient's alarm profile, edited by their doctor beside the limits: night limits, delays, severities, trend
 * rules and device-off periods (saved whole), snoozes (each at once), and the week's alarm burden per rule.
 */
export function AlarmProfileEditor({ patientId }: { patientId: number }) {
  const { t } = useI18n();
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const [errors, setErrors] = useState<FormErrors>({});
  const [state, setState] = useState<'idle' | 'saving' | 'saved' | 'refused'>('idle');

  useEffect(() => {
    const ctrl = new AbortController();
    Promise.all([profileApi.get(patientId, ctrl.signal), profileApi.burden(patientId, 7, ctrl.signal).catch(() => null)])
      .then(([profile, burden]) => setLoad({ kind: 'ready', form: toForm(profile), snoozes: profile.snoozes, burden }))
      .catch((e: unknown) => !ctrl.signal.aborted && setLoad({ kind: 'error', message: e instanceof Error ? e.message : String(e) }));
    return () => ctrl.abort();
  }, [patientId]);

  if (load.kind !== 'ready')
    return (
      <section className="limits profile" data-testid="alarm-profile">
        <h3 className="limits__title">{t('profile.title')}</h3>
        <p className={`sheet__message${load.kind === 'error' ? ' sheet__message--error' : ''}`}>
          {load.kind === 'loading' ? t('profile.loading') : t('profile.error', { error: load.message })}
        </p>
      </section>
    );

  const { form, burden } = load;
  const update = (next: Partial<ProfileForm>) => {
    setLoad({ ...load, form: { ...form, ...next } });
    setState('idle');
  };
  const signName = (type: string) => (type === 'news2' ? t('profile.rule.news2') : isVitalType(type) ? t(`vital.${type}`) : type);
  const ruleName = (rule: string) => {
    const [a = '', b = '', c] = rule.split(':');
    if (a === 'trend') return t(c === 'up' ? 'profile.rule.trendUp' : 'profile.rule.trendDown', { what: signName(b) });
    if (a === 'news2') return t('profile.rule.news2');
    return `${signName(a)} (${t(`profile.side.${b === 'high' ? 'high' : 'low'}`)})`;
  };
  const err = (field: string) => errors[field];

  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    const out = toRequest(form, t('limits.notNumber'), t('profile.notDate'));
    if ('errors' in out) {
      setErrors(Object.fromEntries(Object.entries(out.errors).map(([k, v]) => [trendErrorKey(form, k), v])));
      setState('refused');
      return;
    }
    setErrors({});
    setState('saving');
    try {
      const saved = await profileApi.put(patientId, out.request);
      setLoad({ ...load, form: toForm(saved), snoozes: saved.snoozes });
      setState('saved');
    } catch (ex) {
      const problems = ex instanceof ApiError ? (ex.problem?.errors as Record<string, string[]> | undefined) : undefined;
      setErrors(problems ? Object.fromEntries(Object.entries(problems).map(([k, v]) => [trendErrorKey(form, k), v.join(' ')])) : { form: ex instanceof Error ? ex.message : String(ex) });
      setState('refused');
    }
  };

  const input = (id: string, value: string, onChange: (v: string) => void, field: string, label: string, type = 'text', width = 'narrow') => (
    <label className={`profile__field profile__field--${width}`}>
      <span className="profile__label">{label}</span>
      <input id={id} type={type} value={value} inputMode={type === 'text' && width === 'narrow' ? 'decimal' : undefined} aria-invalid={err(field) ? true : undefined}
        onChange={(e) => {
          onChange(e.target.value);
          if (errors[field]) setErrors(({ [field]: _, ...rest }) => rest);
        }} data-testid={id} />
      {err(field) && <span className="field__error" role="alert">{err(field)}</span>}
    </label>
  );

  return (
    <section className="limits profile" data-testid="alarm-profile">
      <h3 className="limits__title">{t('profile.title')}</h3>
      <p className="limits__hint">{t('profile.hint')}</p>
      <form onSubmit={(e) => void save(e)} noValidate>
        <div className="profile__inline">
          <span className="profile__label profile__label--lead">{t('profile.night')}</span>
          {input('profile-night-start', form.nightStart, (v) => update({ nightStart: v }), 'nightStart', t('profile.nightFrom'), 'time', 'time')}
          {input('profile-night-end', form.nightEnd, (v) => update({ nightEnd: v }), 'nightEnd', t('profile.nightTo'), 'time', 'time')}
          {input('profile-time-zone', form.timeZone, (v) => update({ timeZone: v }), 'timeZone', t('profile.timeZone'), 'text', 'wide')}
        </div>

        <h4 className="profile__subtitle">{t('profile.signs')}</h4>
        <div className="profile__table" role="table">
          {form.limits.map((l, i) => {
            const set = (patch: Partial<typeof l>) => update({ limits: form.limits.map((x, j) => (j === i ? { ...x, ...patch } : x)) });
            const unit = isVitalType(l.type) ? t(`unit.${l.type}`) : '';
            const day = l.low != null && l.high != null ? `${l.low}–${l.high}` : l.low != null ? `≥ ${l.low}` : l.high != null ? `≤ ${l.high}` : '–';
            return (
              <div className="profile__row" role="row" key={l.type} data-testid={`profile-row-${l.type}`}>
                <div className="profile__sign" role="cell">
                  <strong>{signName(l.type)}</strong>
                  <span className="profile__muted">{t('profile.day')} {day} {unit}</span>
                </div>
                <div className="profile__inputs" role="cell">
                  {input(`profile-night-low-${l.type}`, l.nightLow, (v) => set({ nightLow: v }), `limits[${i}].nightLow`, t('profile.nightLow'))}
                  {input(`profile-night-high-${l.type}`, l.nightHigh, (v) => set({ nightHigh: v }), `limits[${i}].nightHigh`, t('profile.nightHigh'))}
                  {input(`profile-delay-${l.type}`, l.delaySeconds, (v) => set({ delaySeconds: v }), `limits[${i}].delaySeconds`, t('profile.delay'))}
                  <label className="profile__field profile__field--select">
                    <span className="profile__label">{t('profile.severity')}</span>
                    <select value={l.severity} onChange={(e) => set({ severity: e.target.value })} data-testid={`profile-severity-${l.type}`}>
                      <option value="">{t('profile.severityDefault')}</option>
                      {SEVERITIES.map((s) => <option key={s} value={s}>{t(`alerts.severity.${s}`)}</option>)}
                    </select>
                  </label>
                </div>
                <BurdenNote burden={burden} testId={`burden-${l.type}`}
                  rules={[...(l.low != null ? [{ rule: `${l.type}:low`, side: 'low' as const }] : []), ...(l.high != null ? [{ rule: `${l.type}:high`, side: 'high' as const }] : [])]} />
              </div>
            );
          })}
        </div>

        <h4 className="profile__subtitle">{t('profile.trends')}</h4>
        <div className="profile__table">
          {form.trends.map((tr, i) => {
            const set = (patch: Partial<typeof tr>) => update({ trends: form.trends.map((x, j) => (j === i ? { ...x, ...patch } : x)) });
            return (
              <div className="profile__row" key={tr.key} data-testid={`profile-trend-${tr.key}`}>
                <label className="profile__sign profile__check">
                  <input type="checkbox" checked={tr.enabled} onChange={(e) => set({ enabled: e.target.checked })} data-testid={`trend-on-${tr.key}`} />
                  <strong>{t(tr.direction === 'up' ? 'profile.trendUp' : 'profile.trendDown', { what: signName(tr.type) })}</strong>
                </label>
                <div className="profile__inputs">
                  {input(`trend-change-${tr.key}`, tr.change, (v) => set({ change: v }), `${tr.key}.change`, isVitalType(tr.type) ? t(`unit.${tr.type}`) : t('profile.rule.news2'))}
                  {input(`trend-window-${tr.key}`, tr.windowMinutes, (v) => set({ windowMinutes: v }), `${tr.key}.windowMinutes`, t('profile.within'))}
                </div>
                <BurdenNote burden={burden} testId={`burden-${tr.key}`} rules={[{ rule: tr.key, side: 'rule' }]} />
              </div>
            );
          })}
        </div>

        <h4 className="profile__subtitle">{t('profile.deviceOff')}</h4>
        <p className="limits__hint">{t('profile.deviceOffHint')}</p>
        {form.deviceOff.length === 0 && <p className="sheet__message">{t('profile.deviceOffNone')}</p>}
        {form.deviceOff.map((d, i) => {
          const set = (patch: Partial<typeof d>) => update({ deviceOff: form.deviceOff.map((x, j) => (j === i ? { ...x, ...patch } : x)) });
          return (
            <div className="profile__inline" key={i} data-testid={`device-off-${i}`}>
              {input(`device-off-from-${i}`, d.from, (v) => set({ from: v }), `deviceOff[${i}].from`, t('profile.from'), 'datetime-local', 'date')}
              {input(`device-off-until-${i}`, d.until, (v) => set({ until: v }), `deviceOff[${i}].until`, t('profile.until'), 'datetime-local', 'date')}
              {input(`device-off-device-${i}`, d.deviceId, (v) => set({ deviceId: v }), `deviceOff[${i}].deviceId`, t('profile.device'), 'text', 'wide')}
              <button type="button" className="button button--small button--quiet" onClick={() => update({ deviceOff: form.deviceOff.filter((_, j) => j !== i) })}>
                {t('profile.remove')}
              </button>
            </div>
          );
        })}
        <button type="button" className="button button--small button--quiet" data-testid="device-off-add"
          onClick={() => update({ deviceOff: [...form.deviceOff, { from: '', until: '', deviceId: '' }] })}>
          {t('profile.addPeriod')}
        </button>

        <div className="profile__actions">
          <button type="submit" className="button" disabled={state === 'saving'} data-testid="profile-save">
            {state === 'saving' ? t('profile.saving') : t('profile.save')}
          </button>
          {state === 'saved' && <span className="limits__saved" role="status">{t('profile.saved')}</span>}
          {state === 'refused' && <span className="field__error" role="alert" data-testid="profile-refused">{errors.form ?? t('profile.refused')}</span>}
        </div>
      </form>

      <SnoozePanel patientId={patientId} rules={snoozableRules(form)} snoozes={load.snoozes} ruleName={ruleName}
        onChange={(snoozes) => setLoad({ ...load, snoozes })} />
    </section>
  );
}
