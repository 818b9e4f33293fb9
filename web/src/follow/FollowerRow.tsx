import { useState } from 'react';
import { useI18n } from '../i18n/useI18n';
import { SavedNote } from '../ui/SaveButton';
import { useSave } from '../ui/useSave';
import { followApi, type FollowerDto, type FollowerScopeRequest } from './api';
import { ScopeFields } from './ScopeFields';

/** One follower as the patient manages them: status, what they see (editable while the follow stands), stop. */
export function FollowerRow({ follower, onChanged }: { follower: FollowerDto; onChanged: () => void }) {
  const { t, fmt } = useI18n();
  const [scope, setScope] = useState<FollowerScopeRequest>({
    shareVitals: follower.shareVitals,
    shareAlerts: follower.shareAlerts,
    historyHours: follower.historyHours,
  });
  const [confirming, setConfirming] = useState(false);
  const { busy, saved, setSaved, error, run } = useSave();
  const standing = follower.status === 'active' || follower.status === 'invited';
  const when = follower.revokedAt ?? follower.redeemedAt ?? follower.createdAt;

  return (
    <li className={`follower follower--${follower.status}`} data-testid={`follower-${follower.id}`} data-status={follower.status}>
      <div className="follower__who">
        <strong className="follower__name">{follower.name}</strong>
        <span className="follower__rel">{follower.relationship}</span>
        {follower.accountEmail && <span className="follower__email">{follower.accountEmail}</span>}
        <span className={`follower__status follower__status--${follower.status}`}>
          {t(`followers.status.${follower.status}`)} · {fmt.dateTime(Date.parse(when))}
        </span>
      </div>
      {standing ? (
        <form
          className="follower__scope"
          onSubmit={(e) => {
            e.preventDefault();
            void run(
              () => followApi.setScope(follower.id, scope).then(onChanged),
              (m) => m,
            );
          }}
        >
          <ScopeFields
            scope={scope}
            onChange={(s) => {
              setScope(s);
              setSaved(false);
            }}
            idPrefix={`follower-${follower.id}`}
          />
          <div className="follower__actions">
            <button type="submit" className="button button--small" disabled={busy} data-testid={`follower-${follower.id}-save`}>
              {t('followers.save')}
            </button>
            <SavedNote show={saved}>{t('followers.saved')}</SavedNote>
            {error && (
              <span className="join__error" role="alert">
                {error}
              </span>
            )}
            {confirming ? (
              <span className="follower__confirm" role="alert">
                {t('followers.revokeConfirm', { name: follower.name })}
                <button
                  type="button"
                  className="button button--small button--danger"
                  onClick={() => void followApi.revoke(follower.id).then(onChanged)}
                  data-testid={`follower-${follower.id}-revoke-confirm`}
                >
                  {follower.status === 'active' ? t('followers.revoke') : t('followers.cancelInvite')}
                </button>
              </span>
            ) : (
              <button type="button" className="button button--quiet" onClick={() => setConfirming(true)} data-testid={`follower-${follower.id}-revoke`}>
                {follower.status === 'active' ? t('followers.revoke') : t('followers.cancelInvite')}
              </button>
            )}
          </div>
        </form>
      ) : null}
    </li>
  );
}
