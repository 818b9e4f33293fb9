import { useState } from 'react';
import type { VitalType } from '../api/types';
import { useI18n } from '../i18n/useI18n';
import { SavedNote, SaveButton } from '../ui/SaveButton';
import type { AlertThresholdDto } from './types';
import { ALERT_TYPES, limitsKind, limitText, readLimits, type AlertLimits as Limits, type LimitErrors, type ThresholdSetter } from './thresholds';

/** "45–110 bpm", "≥ 92 %", or null when the patient has no own limits for this sign. */
export function useLimitsText(): (type: VitalType, limits: Limits) => string | null {
  const { t, fmt } = useI18n();
  return (type, limits) => {
    const dto = limits[type];
    const kind = limitsKind(dto);
    if (kind === 'none' || !dto) return null;
    const unit = t(`unit.${type}`);
    const low = dto.low != null ? fmt.vitalNumber(type, dto.low) : '';
    const high = dto.high != null ? fmt.vitalNumber(type, dto.high) : '';
    return t(`limits.${kind}`, { low, high, unit });
  };
}

/**
 * The doctor's editor of the patient's own alert limits: per vital sign a low and a high field and
 * Save. A refusal from the server is shown beside the field it names.
 */
export function AlertLimitsEditor({ room, limits }: { room: ThresholdSetter; limits: Limits }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <div className="limits" data-testid="alert-limits">
      <div className="limits__head">
        <h3 className="limits__title">{t('limits.title')}</h3>
        <button type="button" className="button button--quiet button--small" aria-expanded={open} onClick={() => setOpen(!open)} data-testid="limits-edit">
          {open ? t('limits.done') : t('limits.edit')}
        </button>
      </div>
      {open && (
        <div className="limits__body">
          <p className="limits__hint">{t('limits.hint')}</p>
          {ALERT_TYPES.map((type) => (
            <LimitRow key={type} room={room} type={type} limits={limits} />
          ))}
        </div>
      )}
    </div>
  );
}

function LimitRow({ room, type, limits }: { room: ThresholdSetter; type: VitalType; limits: Limits }) {
  const { t } = useI18n();
  const text = useLimitsText();
  const { low, setLow, high, setHigh, errors, setErrors, read: readFields } = useLimitFields(limits[type]);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);

  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    setSaved(false);
    const read = readFields();
    if (!read) return;
    setBusy(true);
    const result = await room.setThreshold(type, read.low, read.high);
    setBusy(false);
    if (result.ok) setSaved(true);
    else setErrors(result.errors);
  };

  const field = (side: 'low' | 'high', value: string, set: (v: string) => void) => (
    <LimitInput
      id={`limit-${side}-${type}`}
      side={side}
      value={value}
      error={errors[side]}
      errorTestId={`limit-error-${side}-${type}`}
      onChange={(v) => {
        set(v);
        setSaved(false);
      }}
    />
  );

  const current = text(type, limits);
  return (
    <form className="limits__row" onSubmit={save} noValidate data-testid={`limit-row-${type}`}>
      <div className="limits__name">
        <strong>{t(`vital.${type}`)}</strong>
        <span className="limits__current">{current ?? t('limits.none')}</span>
      </div>
      <div className="limits__inputs">
        {field('low', low, setLow)}
        {field('high', high, setHigh)}
        <span className="limits__unit">{t(`unit.${type}`)}</span>
        <SaveButton busy={busy} label={t('limits.save')} busyLabel={t('limits.saving')} testId={`limit-save-${type}`} />
        <SavedNote show={saved && !busy}>{t('limits.saved')}</SavedNote>
      </div>
      <LimitsRefusal error={errors.row ?? errors.type} testId={`limit-error-row-${type}`} />
    </form>
  );
}

/**
 * A limits row's two fields as typed and the errors by field. `read` gives both numbers (empty: no
 * limit), or null after putting "not a number" on the field that is not one.
 */
export function useLimitFields(dto: AlertThresholdDto | undefined) {
  const { t } = useI18n();
  const [low, setLow] = useState(limitText(dto?.low));
  const [high, setHigh] = useState(limitText(dto?.high));
  const [errors, setErrors] = useState<LimitErrors>({});
  const read = (): { low: number | null; high: number | null } | null => {
    const r = readLimits(low, high);
    if (!r.ok) {
      setErrors({ [r.field]: t('limits.notNumber') });
      return null;
    }
    setErrors({});
    return { low: r.low, high: r.high };
  };
  return { low, setLow, high, setHigh, errors, setErrors, read };
}

/** One side (low or high) of a limits row: its label, the decimal field, and the error given for it. */
export function LimitInput(props: {
  id: string;
  side: 'low' | 'high';
  value: string;
  onChange: (value: string) => void;
  error?: string;
  errorTestId?: string;
  placeholder?: string;
}) {
  const { t } = useI18n();
  const { id, side, error } = props;
  return (
    <label className="limits__field">
      <span className="limits__side">{t(`limits.${side}`)}</span>
      <input
        type="text"
        inputMode="decimal"
        autoComplete="off"
        value={props.value}
        placeholder={props.placeholder}
        onChange={(e) => props.onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        data-testid={id}
      />
      {error && (
        <span className="field__error limits__error" id={`${id}-error`} role="alert" data-testid={props.errorTestId}>
          {error}
        </span>
      )}
    </label>
  );
}

/** The server's refusal of a whole limits row (not tied to one field). */
export function LimitsRefusal({ error, testId }: { error: string | undefined; testId?: string }) {
  const { t } = useI18n();
  if (!error) return null;
  return (
    <p className="field__error limits__error" role="alert" data-testid={testId}>
      {t('limits.refused', { error })}
    </p>
  );
}
