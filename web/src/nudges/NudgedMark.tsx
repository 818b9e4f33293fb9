import { useI18n } from '../i18n/useI18n';
import { useOpenNudges } from './useOpenNudges';

/** On a doctor's patient card: the patient was nudged about a device and has not been paged for it (yet). */
export function NudgedMark({ patientId }: { patientId: number }) {
  const { t } = useI18n();
  const [nudges] = useOpenNudges(patientId);
  const waiting = (nudges ?? []).filter((n) => !n.escalatedAt);
  if (waiting.length === 0) return null;
  const kinds = [...new Set(waiting.map((n) => t(`nudges.kind.${n.kind}`)))].join(', ');
  return (
    <p className="nudged-mark" data-testid="nudged-mark" title={t('nudges.mark.hint')}>
      {t('nudges.mark', { kinds })}
    </p>
  );
}
