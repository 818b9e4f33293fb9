import { useEffect, useState } from 'react';
import { session } from '../api/auth';
import type { UserDto } from '../api/types';
import type { RedeemFailure, RedeemOutcome } from '../auth/authApi';
import { navigate, pathFor } from '../platform/routes';
import { useI18n } from '../i18n/useI18n';
import { consultationApi } from '../consultation/api';
import { isFinished } from '../consultation/controls';

// One redemption per token and page, however often React runs the effect (StrictMode runs it twice).
const redeeming = new Map<string, Promise<RedeemOutcome>>();
const redeemOnce = (token: string) => {
  let p = redeeming.get(token);
  if (!p) {
    p = session.redeemGuest(token);
    redeeming.set(token, p);
  }
  return p;
};

/**
 * `/join/{token}` while nobody is signed in: uses the invitation once; its session is stored like
 * any other, so the page that follows (and a reload of this address) opens the room without
 * spending the link again.
 */
export function JoinPage({ token }: { token: string }) {
  const { t } = useI18n();
  const [failure, setFailure] = useState<RedeemFailure | null>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let alive = true;
    void redeemOnce(token).then((o) => {
      if (!alive) return;
      if (o.kind === 'failed') {
        redeeming.delete(token); // a network failure may be tried again; a used link says so again
        setFailure(o.reason);
      }
      // On success the session signs in and the app shows the guest's room.
    });
    return () => {
      alive = false;
    };
  }, [token, attempt]);

  return (
    <main className="page join">
      <div className="join__card" data-testid="join-page" data-failure={failure ?? ''}>
        <span className="topbar__logo" aria-hidden="true" />
        <h1 className="join__title">{t('join.title')}</h1>
        {failure == null ? (
          <p role="status">{t('join.opening')}</p>
        ) : failure === 'used' ? (
          <p className="join__error" role="alert" data-testid="join-refused">
            {t('join.used')}
          </p>
        ) : (
          <div role="alert">
            <p className="join__error" data-testid="join-error">
              {failure === 'unreachable' ? t('join.unreachable') : t('join.failed')}
            </p>
            <button
              type="button"
              className="button"
              onClick={() => {
                setFailure(null);
                setAttempt((n) => n + 1);
              }}
            >
              {t('board.retry')}
            </button>
          </div>
        )}
      </div>
    </main>
  );
}

/** A guest's landing: their consultation's room (the only one they take part in). */
export function GuestHome() {
  const { t } = useI18n();
  const [state, setState] = useState<'loading' | 'none' | 'error'>('loading');
  useEffect(() => {
    const ctrl = new AbortController();
    consultationApi
      .list(ctrl.signal)
      .then((list) => {
        const c = list.find((x) => !isFinished(x.state)) ?? list[0];
        if (c) navigate(pathFor({ screen: 'room', id: c.id }), true);
        else setState('none');
      })
      .catch(() => !ctrl.signal.aborted && setState('error'));
    return () => ctrl.abort();
  }, []);
  return (
    <p className="board__message" role="status" data-testid="guest-home">
      {state === 'loading' ? t('room.joining') : state === 'none' ? t('join.noConsultation') : t('join.failed')}
    </p>
  );
}

/** `/join/{token}` opened by someone already signed in as a doctor, patient or admin. */
export function JoinWhileSignedIn({ token, user }: { token: string; user: UserDto }) {
  const { t } = useI18n();
  const [failure, setFailure] = useState<RedeemFailure | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <div className="join__card" data-testid="join-signed-in">
      <h1 className="join__title">{t('join.title')}</h1>
      <p>{t('join.signedInAs', { name: user.displayName })}</p>
      <button
        type="button"
        className="button button--primary"
        disabled={busy}
        onClick={() => {
          setBusy(true);
          void session.redeemGuest(token).then((o) => {
            setBusy(false);
            if (o.kind === 'failed') setFailure(o.reason);
          });
        }}
      >
        {t('join.asGuest')}
      </button>
      {failure && (
        <p className="join__error" role="alert">
          {failure === 'used' ? t('join.used') : failure === 'unreachable' ? t('join.unreachable') : t('join.failed')}
        </p>
      )}
    </div>
  );
}
