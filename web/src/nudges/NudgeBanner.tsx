import { useEffect, useState } from 'react';
import { useI18n } from '../i18n/useI18n';
import { enablePush, pushState, type PushState } from '../paging/push';
import { nudgesApi } from './api';
import { nudgeText } from './text';
import { useOpenNudges } from './useOpenNudges';

/**
 * A patient's open nudges as a calm banner on their page: what to put right, a "got it" that hides it (it stays open
 * until a good reading clears it), and the offer to be told on this device even with Fajma closed.
 */
export function NudgeBanner({ patientId }: { patientId: number }) {
  const { t, lang } = useI18n();
  const [nudges, replace] = useOpenNudges(patientId);
  const [push, setPush] = useState<PushState | null>(null);
  useEffect(() => void pushState().then(setPush, () => setPush('unsupported')), []);
  const shown = (nudges ?? []).filter((n) => !n.dismissedAt);
  if (shown.length === 0) return null;
  return (
    <section className="nudges" aria-label={t('nudges.title')} data-testid="nudge-banner">
      {shown.map((n) => (
        <div key={n.id} className="nudge" role="status" data-kind={n.kind}>
          <span className="nudge__text">{nudgeText(n, t)}</span>
          <button type="button" className="button button--quiet" onClick={() => void nudgesApi.dismiss(patientId, n.id).then(replace, () => undefined)}>
            {t('nudges.dismiss')}
          </button>
        </div>
      ))}
      {push === 'off' && (
        <p className="nudges__push">
          <span>{t('nudges.push.offer')}</span>
          <button type="button" className="button" onClick={() => void enablePush(lang).then(setPush, () => setPush('denied'))}>
            {t('nudges.push.enable')}
          </button>
        </p>
      )}
    </section>
  );
}
