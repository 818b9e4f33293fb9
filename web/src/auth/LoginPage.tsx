import { useEffect, useState, type FormEvent } from 'react';
import { session } from '../api/auth';
import { LanguageSwitch } from '../i18n/LanguageSwitch';
import { useI18n } from '../i18n/useI18n';
import { LoginError, type LoginFailure } from './authApi';
import { useLoginMessage } from './loginMessage';

/** Email + password. Enter submits; errors are announced; a lockout shows (and counts down) the wait. */
export function LoginPage({ reason }: { reason: 'none' | 'loggedOut' | 'expired' }) {
  const { t } = useI18n();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [challenge, setChallenge] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const [failure, setFailure] = useState<{ failure: LoginFailure; at: number } | null>(null);
  const message = useLoginMessage(failure);
  const locked = message?.locked ?? false;

  useEffect(() => {
    document.title = `${t('login.title')} · ${t('app.title')}`;
    return () => {
      document.title = t('app.title');
    };
  }, [t]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy || locked) return;
    setBusy(true);
    try {
      if (challenge) await session.secondFactor(challenge, code);
      else await session.login(email.trim(), password);
    } catch (err) {
      const f: LoginFailure = err instanceof LoginError ? err.failure : { kind: 'unreachable' };
      // The password was right: the second step replaces the form. Its challenge lasts five minutes.
      if (f.kind === 'mfa') setChallenge(f.challenge);
      setFailure({ failure: f, at: Date.now() });
      setPassword('');
      setCode('');
      setBusy(false);
    }
  }

  const notice = reason === 'expired' ? t('login.expired') : reason === 'loggedOut' ? t('login.loggedOut') : null;
  return (
    <div className="login">
      <div className="login__lang">
        <LanguageSwitch />
      </div>
      <main className="login__panel">
        <div className="login__brand">
          <span className="topbar__logo" aria-hidden="true" />
          <span className="topbar__name">{t('app.title')}</span>
        </div>
        <h1 className="login__title">{challenge ? t('login.mfaTitle') : t('login.title')}</h1>
        <p className="login__intro">{challenge ? t('login.mfaIntro') : t('login.intro')}</p>
        {notice && !message && (
          <p className="login__notice" role="status" data-testid="login-notice">
            {notice}
          </p>
        )}
        <form className="login__form" onSubmit={submit} noValidate={false}>
          {challenge ? (
            <label className="field">
              <span className="field__label">{t('login.mfaCode')}</span>
              <input
                data-testid="login-code"
                name="code"
                inputMode="text"
                autoComplete="one-time-code"
                autoFocus
                required
                value={code}
                onChange={(e) => setCode(e.target.value)}
                aria-invalid={message?.credentials || undefined}
                aria-describedby={message ? 'login-error' : undefined}
              />
            </label>
          ) : (
            <>
              <label className="field">
                <span className="field__label">{t('login.email')}</span>
                <input
                  data-testid="login-email"
                  type="email"
                  name="email"
                  autoComplete="username"
                  autoFocus
                  required
                  value={email}
                  onChange={(e) => setEmail(e.target.value)}
                  aria-invalid={message?.credentials || undefined}
                  aria-describedby={message ? 'login-error' : undefined}
                />
              </label>
              <label className="field">
                <span className="field__label">{t('login.password')}</span>
                <input
                  data-testid="login-password"
                  type="password"
                  name="password"
                  autoComplete="current-password"
                  required
                  value={password}
                  onChange={(e) => setPassword(e.target.value)}
                  aria-invalid={message?.credentials || undefined}
                  aria-describedby={message ? 'login-error' : undefined}
                />
              </label>
            </>
          )}
          {message && (
            <p id="login-error" className="login__error" role="alert" data-testid="login-error" data-kind={message.kind}>
              {message.text}
            </p>
          )}
          <button data-testid="login-submit" className="button button--primary login__submit" type="submit" disabled={busy || locked}>
            {busy ? t('login.submitting') : challenge ? t('login.mfaSubmit') : t('login.submit')}
          </button>
        </form>
      </main>
    </div>
  );
}
