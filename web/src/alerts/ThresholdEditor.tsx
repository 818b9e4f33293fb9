import { useEffect, useState } from 'react';
import type { VitalType } from '../api/types';
import { LimitInput, LimitsRefusal, useLimitFields, useLimitsText } from './AlertLimits';
import { ALERT_TYPES, hasLimits, mergeLimits, type AlertLimits } from './thresholds';
import { useI18n } from '../i18n/useI18n';
import { SavedNote, SaveButton } from '../ui/SaveButton';
import { alertsApi } from './api';
import { DEFAULT_LIMITS, thresholdErrors } from './thresholdDefaults';

type Load = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; limits: AlertLimits };

/** The patient's own alert limits, edited from the board (REST: PUT to set a sign's limits, DELETE back to the defaults). */
export function ThresholdEditor({ patientId }: { patientId: number }) {
  const { t } = useI18n();
  const [load, setLoad] = useState<Load>({ kind: 'loading' });

  useEffect(() => {
    const ctrl = new AbortController();
    alertsApi
      .thresholds(patientId, ctrl.signal)
      .then((items) => setLoad({ kind: 'ready', limits: mergeLimits({}, items) }))
      .catch((e: unknown) => !ctrl.signal.aborted && setLoad({ kind: 'error', message: e instanceof Error ? e.message : String(e) }));
    return () => ctrl.abort();
  }, [patientId]);

  return (
    <section className="limits thresholds" data-testid="threshold-editor">
      <div className="limits__head">
        <h3 className="limits__title">{t('thresholds.title')}</h3>
      </div>
      <p className="limits__hint">{t('thresholds.hint')}</p>
      {load.kind === 'loading' && <p className="sheet__message">{t('thresholds.loading')}</p>}
      {load.kind === 'error' && <p className="sheet__message sheet__message--error">{t('thresholds.error', { error: load.message })}</p>}
      {load.kind === 'ready' &&
        ALERT_TYPES.map((type) => (
          <ThresholdRow
            key={type}
            patientId={patientId}
            type={type}
            limits={load.limits}
            onChange={(limits) => setLoad({ kind: 'ready', limits })}
          />
        ))}
    </section>
  );
}

function ThresholdRow({ patientId, type, limits, onChange }: { patientId: number; type: VitalType; limits: AlertLimits; onChange: (l: AlertLimits) => void }) {
  const { t } = useI18n();
  const text = useLimitsText();
  const own = limits[type];
  const { low, setLow, high, setHigh, errors, setErrors, read: readFields } = useLimitFields(own);
  const [busy, setBusy] = useState<'save' | 'reset' | null>(null);
  const [done, setDone] = useState<'saved' | 'reset' | null>(null);
  const def = DEFAULT_LIMITS[type];
  const defaultText = def
    ? text(type, { [type]: { patientId, type, low: def.low, high: def.high, setBy: 0, setAt: '' } })
    : null;

  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    setDone(null);
    const read = readFields();
    if (!read) return;
    setBusy('save');
    try {
      const dto = await alertsApi.setThreshold(patientId, type, read.low, read.high);
      onChange({ ...limits, [type]: dto });
      setDone('saved');
    } catch (err) {
      setErrors(thresholdErrors(err));
    } finally {
      setBusy(null);
    }
  };

  const reset = async () => {
    setDone(null);
    setErrors({});
    setBusy('reset');
    try {
      await alertsApi.clearThreshold(patientId, type);
      const next = { ...limits };
      delete next[type];
      onChange(next);
      setLow('');
      setHigh('');
      setDone('reset');
    } catch (err) {
      setErrors(thresholdErrors(err));
    } finally {
      setBusy(null);
    }
  };

  const field = (side: 'low' | 'high', value: string, set: (v: string) => void) => (
    <LimitInput
      id={`threshold-${side}-${type}`}
      side={side}
      value={value}
      error={errors[side]}
      placeholder={def?.[side] != null ? String(def[side]) : undefined}
      onChange={(v) => {
        set(v);
        setDone(null);
      }}
    />
  );

  return (
    <form className="limits__row" onSubmit={(e) => void save(e)} noValidate data-testid={`threshold-row-${type}`}>
      <div className="limits__name">
        <strong>{t(`vital.${type}`)}</strong>
        <span className="limits__current">
          {hasLimits(own) ? `${t('thresholds.own')}: ${text(type, limits)}` : defaultText ? t('thresholds.defaults', { limits: defaultText }) : t('thresholds.noDefault')}
        </span>
      </div>
      <div className="limits__inputs">
        {field('low', low, setLow)}
        {field('high', high, setHigh)}
        <span className="limits__unit">{t(`unit.${type}`)}</span>
        <SaveButton busy={busy === 'save'} disabled={busy != null} label={t('limits.save')} busyLabel={t('limits.saving')} testId={`threshold-save-${type}`} />
        {hasLimits(own) && (
          <button type="button" className="button button--small button--quiet" disabled={busy != null} onClick={() => void reset()} data-testid={`threshold-reset-${type}`}>
            {busy === 'reset' ? t('thresholds.resetting') : t('thresholds.reset')}
          </button>
        )}
        <SavedNote show={done != null && !busy}>{done === 'saved' ? t('limits.saved') : t('thresholds.resetDone')}</SavedNote>
      </div>
      <LimitsRefusal error={errors.row ?? errors.type} />
    </form>
  );
}
