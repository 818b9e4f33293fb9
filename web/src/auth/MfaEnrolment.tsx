import { useState, type FormEvent } from 'react';
import { session } from '../api/auth';
import { http, unwrap } from '../api/client';
import type { components } from '../api/schema';
import type { TokenResponse } from '../api/types';
import { useI18n } from '../i18n/useI18n';

type Enrolment = components['schemas']['MfaEnrolmentDto'];
type Step = { kind: 'start' } | { kind: 'scan'; enrolment: Enrolment } | { kind: 'done'; codes: string[]; tokens: TokenResponse } | { kind: 'on' };

/**
 * A clinician turns on two-step sign-in: scan the QR code (shown once), confirm with a first code, save the recovery codes.
 * `required`: the organisation asks it of this role (Auth:RequireMfaFor) and nothing else opens until it is done; the
 * confirmation's new tokens are adopted on *Continue* (then `onContinue`), so the recovery codes stay on screen until then.
 */
export function MfaEnrolment({ required = false, onContinue }: { required?: boolean; onContinue?: () => void }) {
  const { t } = useI18n();
  const [step, setStep] = useState<Step>({ kind: 'start' });
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function start() {
    setBusy(true);
    setError(null);
    const { data, response } = await http.POST('/api/v1/auth/mfa/enrolment');
    setBusy(false);
    if (response.status === 409) setStep({ kind: 'on' });
    else if (data) setStep({ kind: 'scan', enrolment: data });
    else setError(t('mfa.failed'));
  }

  async function confirm(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const answer = await unwrap<{ recoveryCodes: string[]; tokens: TokenResponse }>(
        http.POST('/api/v1/auth/mfa/enrolment/confirm', { body: { code: code.trim() } }),
      );
      if (!required) session.adoptEnrolledTokens(answer.tokens);
      setStep({ kind: 'done', codes: answer.recoveryCodes, tokens: answer.tokens });
    } catch {
      setError(t('mfa.wrongCode'));
    }
    setCode('');
    setBusy(false);
  }

  return (
    <section className="mfa" aria-labelledby="mfa-title" data-testid="mfa">
      <h1 id="mfa-title">{t('mfa.title')}</h1>
      {required && (
        <p className="mfa__required" role="status" data-testid="mfa-required">
          {t('mfa.required')}
        </p>
      )}
      <p className="mfa__intro">{t('mfa.intro')}</p>
      {step.kind === 'start' && (
        <button type="button" className="button button--primary" data-testid="mfa-start" disabled={busy} onClick={() => void start()}>
          {t('mfa.start')}
        </button>
      )}
      {step.kind === 'on' && <p data-testid="mfa-on">{t(required ? 'mfa.signInAgain' : 'mfa.alreadyOn')}</p>}
      {step.kind === 'on' && required && (
        <button type="button" className="button button--primary" onClick={() => void session.logout()}>
          {t('mfa.signInAgainButton')}
        </button>
      )}
      {step.kind === 'scan' && (
        <form className="mfa__scan" onSubmit={confirm}>
          <img className="mfa__qr" src={step.enrolment.qrCodeDataUri} alt={t('mfa.qrAlt')} width={240} height={240} />
          <p>
            {t('mfa.manual')} <code data-testid="mfa-secret">{step.enrolment.secret}</code>
          </p>
          <a className="mfa__uri" data-testid="mfa-uri" href={step.enrolment.otpauthUri}>
            {t('mfa.openApp')}
          </a>
          <label className="field">
            <span className="field__label">{t('mfa.code')}</span>
            <input
              data-testid="mfa-code"
              inputMode="numeric"
              autoComplete="one-time-code"
              required
              value={code}
              onChange={(e) => setCode(e.target.value)}
              aria-invalid={error ? true : undefined}
            />
          </label>
          <button type="submit" className="button button--primary" data-testid="mfa-confirm" disabled={busy}>
            {t('mfa.confirm')}
          </button>
        </form>
      )}
      {step.kind === 'done' && (
        <div data-testid="mfa-done">
          <p role="status">{t('mfa.done')}</p>
          <ol className="mfa__codes" data-testid="mfa-codes">
            {step.codes.map((c) => (
              <li key={c}>
                <code>{c}</code>
              </li>
            ))}
          </ol>
          {required && (
            <button
              type="button"
              className="button button--primary"
              data-testid="mfa-continue"
              onClick={() => {
                session.adoptEnrolledTokens(step.tokens);
                onContinue?.();
              }}
            >
              {t('mfa.continue')}
            </button>
          )}
        </div>
      )}
      {error && (
        <p className="login__error" role="alert" data-testid="mfa-error">
          {error}
        </p>
      )}
    </section>
  );
}
