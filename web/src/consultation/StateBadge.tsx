import { useI18n } from '../i18n/useI18n';
import type { ConsultationState } from './types';

/** The consultation's state as a calm tag (recording in red, live states in the accent colour). */
export function StateBadge({ state }: { state: ConsultationState }) {
  const { t } = useI18n();
  return (
    <span className={`cstate cstate--${state}`} data-testid="consultation-state" data-state={state}>
      {state === 'recording' && <span className="cstate__rec" aria-hidden="true" />}
      {t(`cstate.${state}`)}
    </span>
  );
}
