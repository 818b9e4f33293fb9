import { useEffect, useState } from 'react';
import { useI18n } from '../i18n/useI18n';
import { useLive } from '../live/LiveContext';
import { consultationApi } from '../consultation/api';
import { guestRows, inviteNameError, joinUrl, loadInvites, saveInvites, upsertInvite, VALIDITY_MINUTES, type GuestInvite } from './guests';
import { LiveVitals } from './LiveVitals';
import type { ConsultationDto, GuestInviteDto } from '../consultation/types';
import type { RoomState } from './room';

const store = () => {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
};

/**
 * The doctor's guests: an invitation form (name, vitals or not, validity) whose link is shown once
 * with a copy button, and the guests in the room with a "may see vitals" switch each.
 */
export function GuestsPanel({ state, c }: { state: RoomState; c: ConsultationDto }) {
  const { t, fmt } = useI18n();
  const [invites, setInvites] = useState<GuestInvite[]>(() => loadInvites(store(), c.id));
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [allowVitals, setAllowVitals] = useState(false);
  const [minutes, setMinutes] = useState<number>(60);
  const [nameError, setNameError] = useState<'required' | 'tooLong' | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [link, setLink] = useState<GuestInviteDto | null>(null);
  const [copied, setCopied] = useState(false);
  const [switching, setSwitching] = useState<number | null>(null);
  // The switch's new position until the server's next participants list confirms it.
  const [override, setOverride] = useState<{ participants: RoomState['participants']; guestId: number; allow: boolean } | null>(null);
  const rows = guestRows(state.participants, invites).map((r) =>
    r.invite && override && override.participants === state.participants && override.guestId === r.invite.guestId ? { ...r, invite: { ...r.invite, allowVitals: override.allow } } : r,
  );

  const remember = (next: GuestInvite[]) => {
    setInvites(next);
    saveInvites(store(), c.id, next);
  };

  const invite = async (e: React.FormEvent) => {
    e.preventDefault();
    const err = inviteNameError(name);
    setNameError(err);
    setError(null);
    if (err) return;
    setBusy(true);
    try {
      const dto = await consultationApi.inviteGuest(c.id, { name: name.trim(), allowVitals, validForMinutes: minutes });
      remember(upsertInvite(invites, { guestId: dto.guestId, name: dto.name, allowVitals: dto.allowVitals, expiresAt: dto.expiresAt }));
      setLink(dto);
      setCopied(false);
      setOpen(false);
      setName('');
      setAllowVitals(false);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  const toggleVitals = async (g: GuestInvite) => {
    setSwitching(g.guestId);
    setError(null);
    // Moves at once; the server's next participants list confirms it (or the refusal puts it back).
    setOverride({ participants: state.participants, guestId: g.guestId, allow: !g.allowVitals });
    try {
      await consultationApi.guestVitals(c.id, g.guestId, !g.allowVitals);
      const known = invites.find((x) => x.guestId === g.guestId);
      if (known) remember(upsertInvite(invites, { ...known, allowVitals: !g.allowVitals }));
    } catch (err) {
      setOverride(null);
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setSwitching(null);
    }
  };

  const url = link ? joinUrl(window.location.origin, link.joinPath) : '';

  return (
    <section className="guests" aria-labelledby="guests-title" data-testid="guests-panel">
      <div className="guests__head">
        <h2 id="guests-title" className="side__title">
          {t('guests.title')}
        </h2>
        {!open && (
          <button type="button" className="button button--small" onClick={() => setOpen(true)} data-testid="invite-guest">
            {t('guests.invite')}
          </button>
        )}
      </div>
      {open && (
        <form className="guests__form" onSubmit={invite} noValidate data-testid="guest-form">
          <label className="field">
            <span className="field__label">{t('guests.name')}</span>
            <input type="text" value={name} maxLength={100} placeholder={t('guests.namePlaceholder')} onChange={(e) => setName(e.target.value)} aria-invalid={nameError ? true : undefined} data-testid="guest-name" />
            {nameError && (
              <span className="field__error" role="alert">
                {t(`guests.error.${nameError}`)}
              </span>
            )}
          </label>
          <label className="guests__check">
            <input type="checkbox" checked={allowVitals} onChange={(e) => setAllowVitals(e.target.checked)} data-testid="guest-allow-vitals" />
            {t('guests.mayVitals')}
          </label>
          <label className="field">
            <span className="field__label">{t('guests.validity')}</span>
            <select value={minutes} onChange={(e) => setMinutes(Number(e.target.value))} data-testid="guest-validity">
              {VALIDITY_MINUTES.map((m) => (
                <option key={m} value={m}>
                  {m < 60 ? t('guests.minutes', { n: m }) : t('guests.hours', { n: m / 60 })}
                </option>
              ))}
            </select>
          </label>
          <div className="guests__buttons">
            <button type="submit" className="button button--primary button--small" disabled={busy} data-testid="guest-submit">
              {busy ? t('room.working') : t('guests.create')}
            </button>
            <button type="button" className="button button--quiet button--small" onClick={() => setOpen(false)}>
              {t('guests.cancel')}
            </button>
          </div>
        </form>
      )}
      {link && (
        <div className="guests__link" role="status" data-testid="guest-link-box">
          <p className="guests__once">{t('guests.linkOnce', { name: link.name })}</p>
          <div className="guests__url">
            <input type="text" readOnly value={url} aria-label={t('guests.link')} onFocus={(e) => e.target.select()} data-testid="guest-link" />
            <button
              type="button"
              className="button button--small"
              onClick={() =>
                void navigator.clipboard
                  ?.writeText(url)
                  .then(() => setCopied(true))
                  .catch(() => setCopied(false))
              }
              data-testid="guest-copy"
            >
              {copied ? t('guests.copied') : t('guests.copy')}
            </button>
          </div>
          <p className="guests__expires">{t('guests.expires', { when: fmt.dateTime(Date.parse(link.expiresAt)) })}</p>
          <button type="button" className="button button--quiet button--small" onClick={() => setLink(null)}>
            {t('guests.hideLink')}
          </button>
        </div>
      )}
      {error && (
        <p className="side__error" role="alert">
          {t('room.actionFailed', { error })}
        </p>
      )}
      {rows.length === 0 ? (
        <p className="side__empty">{t('guests.none')}</p>
      ) : (
        <ul className="guests__list">
          {rows.map(({ participant: p, invite: g }) => (
            <li key={p.userId} className="guests__row" data-testid="guest-row" data-user-id={p.userId} data-online={p.online ? 'true' : 'false'}>
              <span className={`guests__dot${p.online ? ' guests__dot--on' : ''}`} aria-hidden="true" />
              <span className="guests__name">{p.name}</span>
              <span className="guests__state">{p.online ? t('guests.inRoom') : t('guests.away')}</span>
              {g && (
                <label className="guests__check guests__check--row">
                  <input type="checkbox" checked={g.allowVitals} disabled={switching === g.guestId} onChange={() => void toggleVitals(g)} data-testid="guest-vitals-toggle" />
                  {t('guests.mayVitals')}
                </label>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/**
 * A guest's view of the patient's vitals: shown while the doctor allows it (`maySeeVitals` in the
 * room's participants list, sent again whenever the doctor changes it), otherwise a calm note.
 */
export function GuestVitals({ patientId, state, meId }: { patientId: number; state: RoomState; meId: number }) {
  const { t } = useI18n();
  const { connection } = useLive();
  const me = state.participants.find((p) => p.userId === meId);
  const allowed: boolean | null = state.phase !== 'joined' || !me ? null : me.maySeeVitals === true;
  useEffect(() => {
    if (allowed === false) void connection.setPatients([]);
  }, [allowed, connection]);
  if (allowed) return <LiveVitals patientId={patientId} />;
  return (
    <section className="side-vitals" aria-labelledby="vitals-title" data-testid="guest-no-vitals">
      <h2 id="vitals-title" className="side__title">
        {t('vitals.title')}
      </h2>
      <p className="side__empty">{allowed == null ? t('guests.checkingVitals') : t('guests.noVitals')}</p>
    </section>
  );
}
