import { useState } from 'react';
import { ApiError } from '../api/client';
import { useI18n } from '../i18n/useI18n';
import { followApi, type FollowerInviteDto, type FollowerScopeRequest } from './api';
import { ScopeFields } from './ScopeFields';

/** The patient invites someone: name, relationship, what they see → a single-use link to copy and send. */
export function InviteForm({ onInvited }: { onInvited: () => void }) {
  const { t, fmt } = useI18n();
  const [name, setName] = useState('');
  const [relationship, setRelationship] = useState('');
  const [scope, setScope] = useState<FollowerScopeRequest>({ shareVitals: true, shareAlerts: true, historyHours: 24 });
  const [invite, setInvite] = useState<FollowerInviteDto | null>(null);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [busy, setBusy] = useState(false);
  const [copied, setCopied] = useState(false);
  const link = invite ? `${window.location.origin}${invite.joinPath}` : '';

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    try {
      setInvite(await followApi.invite({ name, relationship, ...scope, validForHours: null }));
      setCopied(false);
      onInvited();
    } catch (err) {
      setErrors(err instanceof ApiError && err.problem?.errors ? (err.problem.errors as Record<string, string[]>) : { '': [String(err)] });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="follow-invite card" onSubmit={submit} data-testid="follower-invite">
      <h2 className="follow__subtitle">{t('followers.invite')}</h2>
      <div className="follow-invite__names">
        <label className="field">
          <span className="field__label">{t('followers.name')}</span>
          <input value={name} onChange={(e) => setName(e.target.value)} aria-invalid={errors.name ? true : undefined} data-testid="follower-name" />
        </label>
        <label className="field">
          <span className="field__label">{t('followers.relationship')}</span>
          <input
            value={relationship}
            placeholder={t('followers.relationshipHint')}
            onChange={(e) => setRelationship(e.target.value)}
            aria-invalid={errors.relationship ? true : undefined}
            data-testid="follower-relationship"
          />
        </label>
      </div>
      <ScopeFields scope={scope} onChange={setScope} idPrefix="invite" />
      {Object.keys(errors).length > 0 && (
        <p className="join__error" role="alert">
          {Object.entries(errors)
            .map(([field, messages]) => (field ? `${field}: ${messages.join(', ')}` : messages.join(', ')))
            .join(' · ')}
        </p>
      )}
      <button type="submit" className="button button--primary" disabled={busy} data-testid="follower-send">
        {t('followers.send')}
      </button>
      {invite && (
        <div className="follow-invite__link" role="status">
          <p>{t('followers.linkReady', { name: invite.name, until: fmt.dateTime(Date.parse(invite.expiresAt)) })}</p>
          <div className="follow-invite__copy">
            <input readOnly value={link} onFocus={(e) => e.target.select()} data-testid="follower-link" aria-label={t('followers.copy')} />
            <button
              type="button"
              className="button"
              onClick={() => void navigator.clipboard?.writeText(link).then(() => setCopied(true), () => setCopied(false))}
            >
              {copied ? t('followers.copied') : t('followers.copy')}
            </button>
          </div>
        </div>
      )}
    </form>
  );
}
