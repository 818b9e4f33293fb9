import { useEffect, useState } from 'react';
import { useI18n } from '../i18n/useI18n';
import type { LoginFailure } from './authApi';

export interface LoginMessage {
  kind: LoginFailure['kind'];
  text: string;
  /** The account is locked right now: the form waits. */
  locked: boolean;
  /** The fields themselves are wrong (marked aria-invalid). */
  credentials: boolean;
}

/** The translated error for a failed sign-in; a lockout counts down once a second and then clears. */
export function useLoginMessage(failure: { failure: LoginFailure; at: number } | null): LoginMessage | null {
  const { t, fmt } = useI18n();
  const [now, setNow] = useState(() => Date.now());
  const lockedUntil =
    failure?.failure.kind === 'locked' && failure.failure.retryAfterSeconds != null
      ? failure.at + failure.failure.retryAfterSeconds * 1000
      : null;

  useEffect(() => {
    setNow(Date.now());
    if (lockedUntil == null) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [lockedUntil]);

  if (!failure) return null;
  const f = failure.failure;
  switch (f.kind) {
    case 'credentials':
      return { kind: f.kind, text: t('login.wrong'), locked: false, credentials: true };
    case 'locked': {
      if (lockedUntil == null) return { kind: f.kind, text: t('login.lockedUnknown'), locked: false, credentials: false };
      const left = (lockedUntil - now) / 1000;
      if (left <= 0) return null;
      return { kind: f.kind, text: t('login.locked', { wait: fmt.duration(left) }), locked: true, credentials: false };
    }
    case 'disabled':
      return { kind: f.kind, text: t('login.disabled'), locked: false, credentials: false };
    case 'mfa':
      return null;
    case 'code':
      return { kind: f.kind, text: t('login.mfaWrong'), locked: false, credentials: true };
    case 'unreachable':
      return { kind: f.kind, text: t('login.unreachable'), locked: false, credentials: false };
    case 'server':
      return { kind: f.kind, text: t('login.failed', { status: f.status }), locked: false, credentials: false };
  }
}
