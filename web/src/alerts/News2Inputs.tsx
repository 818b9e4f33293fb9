import { useState } from 'react';
import { useI18n } from '../i18n/useI18n';
import { SavedNote, SaveButton } from '../ui/SaveButton';
import { useSave } from '../ui/useSave';
import { useLiveAlerts } from './LiveAlerts';
import { alertsApi } from './api';
import { News2Badge, usePatientNews2 } from './News2Badge';

const ACVPU = ['alert', 'new_confusion', 'voice', 'pain', 'unresponsive'] as const;

/** The doctor's part of NEWS2 (consciousness, supplemental oxygen, SpO₂ scale 2), beside the current score. */
export function News2Inputs({ patientId }: { patientId: number }) {
  const { t } = useI18n();
  const { news2 } = useLiveAlerts();
  const { dto } = usePatientNews2(patientId);
  if (!dto || !dto.adult) return null;
  return <News2InputsForm key={`${patientId}`} patientId={patientId} initial={dto.inputs} onSaved={(d) => news2.set(d)} t={t} />;
}

function News2InputsForm({
  patientId,
  initial,
  onSaved,
  t,
}: {
  patientId: number;
  initial: { consciousness: string | null; onSupplementalOxygen: boolean | null; useScale2: boolean };
  onSaved: (dto: Awaited<ReturnType<typeof alertsApi.setNews2Inputs>>) => void;
  t: ReturnType<typeof useI18n>['t'];
}) {
  const [consciousness, setConsciousness] = useState(initial.consciousness ?? '');
  const [oxygen, setOxygen] = useState(initial.onSupplementalOxygen == null ? '' : initial.onSupplementalOxygen ? 'yes' : 'no');
  const [scale2, setScale2] = useState(initial.useScale2);
  const { busy, saved, error, run } = useSave();

  const save = (e: React.FormEvent) => {
    e.preventDefault();
    void run(
      async () =>
        onSaved(
          await alertsApi.setNews2Inputs(patientId, {
            consciousness: consciousness || null,
            onSupplementalOxygen: oxygen === '' ? null : oxygen === 'yes',
            useScale2: scale2,
          }),
        ),
      (error) => t('news2.inputs.error', { error }),
    );
  };

  return (
    <form className="limits news2-inputs" onSubmit={save} data-testid="news2-inputs">
      <div className="limits__head">
        <h3 className="limits__title">{t('news2.inputs.title')}</h3>
        <span className="news2-inputs__current">
          {t('news2.current')} <News2Badge patientId={patientId} />
        </span>
      </div>
      <p className="limits__hint">{t('news2.inputs.hint')}</p>
      <div className="news2-inputs__fields">
        <label className="field">
          <span className="field__label">{t('news2.inputs.consciousness')}</span>
          <select value={consciousness} onChange={(e) => setConsciousness(e.target.value)} data-testid="news2-consciousness">
            <option value="">{t('news2.inputs.unknown')}</option>
            {ACVPU.map((c) => (
              <option key={c} value={c}>
                {t(`news2.acvpu.${c}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field__label">{t('news2.inputs.oxygen')}</span>
          <select value={oxygen} onChange={(e) => setOxygen(e.target.value)} data-testid="news2-oxygen">
            <option value="">{t('news2.inputs.unknown')}</option>
            <option value="no">{t('news2.inputs.no')}</option>
            <option value="yes">{t('news2.inputs.yes')}</option>
          </select>
        </label>
        <label className="news2-inputs__check">
          <input type="checkbox" checked={scale2} onChange={(e) => setScale2(e.target.checked)} data-testid="news2-scale2" />
          {t('news2.inputs.scale2')}
        </label>
        <SaveButton busy={busy} label={t('news2.inputs.save')} busyLabel={t('news2.inputs.saving')} testId="news2-save" />
        <SavedNote show={saved && !busy}>{t('news2.inputs.saved')}</SavedNote>
      </div>
      {error && (
        <p className="field__error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
