import { useCallback, useEffect, useState } from 'react';
import { useI18n } from '../i18n/useI18n';
import { followApi, type FollowerDto } from './api';
import { FollowerRow } from './FollowerRow';
import { InviteForm } from './InviteForm';

/** The patient's "My followers": invite someone (a link to send), what each sees, stop a follow — all at once. */
export function FollowersPage() {
  const { t } = useI18n();
  const [followers, setFollowers] = useState<FollowerDto[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    followApi.followers().then(
      (list) => {
        setFollowers(list);
        setError(null);
      },
      (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
    );
  }, []);
  useEffect(load, [load]);

  // Ended follows are kept for the record, after the standing ones.
  const shown = (followers ?? []).slice().sort((a, b) => Number(a.status === 'revoked' || a.status === 'expired') - Number(b.status === 'revoked' || b.status === 'expired'));
  return (
    <section className="follow" data-testid="followers-page">
      <h1 className="follow__title">{t('followers.title')}</h1>
      <p className="follow__intro">{t('followers.intro')}</p>
      <div className="follow__columns">
        <InviteForm onInvited={load} />
        <div className="follow__list">
          {error && (
            <p className="join__error" role="alert">
              {error}
            </p>
          )}
          {followers && shown.length === 0 && <p className="follow__empty">{t('followers.none')}</p>}
          <ul className="followers">
            {shown.map((f) => (
              <FollowerRow key={`${f.id}-${f.status}-${f.historyHours}-${f.shareVitals}-${f.shareAlerts}`} follower={f} onChanged={load} />
            ))}
          </ul>
        </div>
      </div>
    </section>
  );
}
