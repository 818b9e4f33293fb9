import { useState, type FormEvent } from 'react';
import { ApiError } from '../api/client';
import { useI18n } from '../i18n/useI18n';
import { LanguageSwitch } from '../i18n/LanguageSwitch';
import { navigate } from '../platform/routes';
import { adminApi } from './adminApi';

/** The token of a reset link `/reset-password#token`: after the '#', so it never reaches a server log or a Referer. */
export function resetTokenFrom(hash: string): string | null {
  const m = /^#([A-Za-z0-9_-]{16,100})$/.exec(hash);
  return m ? m[1]! : null;
}

type State = { kind: 'form' } | { kind: 'busy' } | { kind: 'done' } | { kind: 'unusable' };

/** The public end of an administrator's reset link: a new password, twice; then sign in with it. */
export function ResetPasswordPage() {
  const { t } = useI18n();
  const [token] = useState(() => resetTokenFrom(window.location.hash));
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [state, setState] = useState<State>(token ? { kind: 'form' } : { kind: 'unusable' });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (password !== again) return setError(t('reset.mismatch'));
    setError(null);
    setState({ kind: 'busy' });
    try {
      await adminApi.resetPassword(token!, password);
      window.history.replaceState(null, '', '/reset-password'); // the spent token leaves the address bar
      setState({ kind: 'done' });
    } catch (err) {
      const fields = err instanceof ApiError ? (err.problem?.errors as Record<string, string[]> | undefined) : undefined;
      if (fields?.newPassword) {
        setError(t('reset.tooShort'));
        setState({ kind: 'form' });
      } else if (err instanceof ApiError && err.status === 400) setState({ kind: 'unusable' });
      else {
        setError(err instanceof Error ? err.message : String(err));
        setState({ kind: 'form' });
      }
    }
  };

  return (
    <div className="login">
      <div className="login__lang">
        <LanguageSwitch />
      </div>
      <main className="login__panel" aria-labelledby="reset-title">
        <div className="login__brand">
          <span className="topbar__logo" aria-hidden="true" />
          <span className="topbar__name">{t('app.title')}</span>
        </div>
        <h1 className="login__title" id="reset-title">{t('reset.title')}</h1>
        {state.kind === 'unusable' && (
          <p className="field__error" role="alert" data-testid="reset-unusable">
            {t('reset.unusable')}
          </p>
        )}
        {state.kind === 'done' && (
          <>
            <p role="status" data-testid="reset-done">
              {t('reset.done')}
            </p>
            <button type="button" className="button button--primary" onClick={() => navigate('/', true)}>
              {t('login.submit')}
            </button>
          </>
        )}
        {(state.kind === 'form' || state.kind === 'busy') && (
          <form className="login__form" onSubmit={submit} noValidate>
            <p className="login__intro">{t('reset.intro')}</p>
            <label className="field">
              <span className="field__label">{t('reset.new')}</span>
              <input type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} data-testid="reset-new" />
            </label>
            <label className="field">
              <span className="field__label">{t('reset.again')}</span>
              <input type="password" autoComplete="new-password" value={again} onChange={(e) => setAgain(e.target.value)} data-testid="reset-again" />
            </label>
            {error && (
              <p className="field__error" role="alert">
                {error}
              </p>
            )}
            <button type="submit" className="button button--primary" disabled={state.kind === 'busy'} data-testid="reset-submit">
              {t('reset.submit')}
            </button>
          </form>
        )}
      </main>
    </div>
  );
}
