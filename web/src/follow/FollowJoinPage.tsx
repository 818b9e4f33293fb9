import { useState } from 'react';
import { session } from '../api/auth';
import type { UserDto } from '../api/types';
import type { FollowRedeemOutcome } from '../auth/authApi';
import { useI18n } from '../i18n/useI18n';
import { navigate } from '../platform/routes';

/**
 * `/follow/{token}`: a patient's invitation. Signed out, the follower creates their account (e-mail, name, password — the
 * normal sign-in afterwards); signed in as a follower, the patient is added to those they follow. The link is spent only
 * when the server accepts: a mistyped password does not burn it.
 */
export function FollowJoinPage({ token, user }: { token: string; user: UserDto | null }) {
  const { t } = useI18n();
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [outcome, setOutcome] = useState<FollowRedeemOutcome | null>(null);
  const [busy, setBusy] = useState(false);
  const errors = outcome?.kind === 'invalid' ? outcome.errors : {};

  const redeem = async (e?: React.FormEvent) => {
    e?.preventDefault();
    setBusy(true);
    const result = await session.redeemFollower(
      user ? { token, email: null, displayName: null, password: null } : { token, email, displayName, password },
    );
    setBusy(false);
    setOutcome(result);
    if (result.kind === 'ok') navigate('/', true);
  };

  const failure = outcome?.kind === 'failed' ? outcome.reason : null;
  const message =
    failure === 'used' ? t('followJoin.used') : failure === 'conflict' ? t('followJoin.already') : failure === 'wrongAccount' ? t('followJoin.wrongAccount') : failure ? t('followJoin.failed') : null;
  const field = (name: 'email' | 'displayName' | 'password', label: string, value: string, set: (v: string) => void, type = 'text') => (
    <label className="field">
      <span className="field__label">{label}</span>
      <input
        type={type}
        value={value}
        onChange={(e) => set(e.target.value)}
        aria-invalid={errors[name] ? true : undefined}
        autoComplete={name === 'password' ? 'new-password' : name === 'email' ? 'email' : 'name'}
        data-testid={`follow-join-${name}`}
      />
      {errors[name] && <span className="join__error">{errors[name].join(', ')}</span>}
    </label>
  );

  return (
    <main className="page join">
      <div className="join__card follow-join" data-testid="follow-join-page">
        <span className="topbar__logo" aria-hidden="true" />
        <h1 className="join__title">{t('followJoin.title')}</h1>
        {user && user.role !== 'follower' ? (
          <p className="join__error" role="alert">
            {t('followJoin.wrongAccount')}
          </p>
        ) : user ? (
          <>
            <p>{t('followJoin.signedInAs', { name: user.displayName })}</p>
            <button type="button" className="button button--primary" disabled={busy} onClick={() => void redeem()} data-testid="follow-join-add">
              {t('followJoin.add')}
            </button>
          </>
        ) : (
          <form className="follow-join__form" onSubmit={(e) => void redeem(e)}>
            <p>{t('followJoin.intro')}</p>
            {field('email', t('login.email'), email, setEmail, 'email')}
            {field('displayName', t('followJoin.displayName'), displayName, setDisplayName)}
            {field('password', t('login.password'), password, setPassword, 'password')}
            <button type="submit" className="button button--primary" disabled={busy} data-testid="follow-join-submit">
              {t('followJoin.submit')}
            </button>
          </form>
        )}
        {message && (
          <p className="join__error" role="alert" data-testid="follow-join-refused">
            {message}
          </p>
        )}
      </div>
    </main>
  );
}
