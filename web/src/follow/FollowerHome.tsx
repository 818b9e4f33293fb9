import { useCallback, useEffect, useState } from 'react';
import { useI18n } from '../i18n/useI18n';
import { PagingSettings } from '../paging/PagingSettings';
import { followApi, type FollowedPatientDto } from './api';
import { FollowedPatientCard } from './FollowedPatientCard';

/** A follower's home: each patient who follows-shares with them, and how they want to be reached. */
export function FollowerHome() {
  const { t } = useI18n();
  const [follows, setFollows] = useState<FollowedPatientDto[] | null>(null);
  const load = useCallback(() => {
    void followApi.following().then(setFollows, () => setFollows([]));
  }, []);
  useEffect(load, [load]);

  return (
    <section className="follow" data-testid="follower-home">
      <h1 className="follow__title">{t('follow.title')}</h1>
      {follows && follows.length === 0 && <p className="follow__empty">{t('follow.none')}</p>}
      <div className="follow__cards">
        {(follows ?? []).map((f) => (
          <FollowedPatientCard key={`${f.patientId}-${f.shareVitals}-${f.shareAlerts}-${f.historyHours}`} follow={f} onLost={load} />
        ))}
      </div>
      {follows && follows.length > 0 && (
        <section className="card follow-reach">
          <h2 className="follow__subtitle">{t('follow.howPaged')}</h2>
          <PagingSettings />
        </section>
      )}
    </section>
  );
}
