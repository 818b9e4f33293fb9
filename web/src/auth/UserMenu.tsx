import { useState } from 'react';
import { session } from '../api/auth';
import type { UserDto } from '../api/types';
import { useI18n } from '../i18n/useI18n';

/** Who is signed in (name and role) and the sign-out button; a clinician's name opens their security settings. */
export function UserMenu({ user, openSecurity }: { user: UserDto; openSecurity: () => void }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  return (
    <div className="user" data-testid="user-menu" data-role={user.role} aria-label={t('user.menu', { name: user.displayName })} role="group">
      <span className="user__avatar" aria-hidden="true">
        {initials(user.displayName)}
      </span>
      {user.role === 'doctor' || user.role === 'admin' ? (
        // A clinician's name opens their security settings (two-step sign-in): no extra width in a full header.
        <a
          className="user__who user__who--link"
          data-testid="security-link"
          href="/security"
          title={t('user.security')}
          onClick={(e) => {
            e.preventDefault();
            openSecurity();
          }}
        >
          <span className="user__name">{user.displayName}</span>
          <span className="user__role">{t(`user.role.${user.role}`)}</span>
        </a>
      ) : (
        <span className="user__who">
          <span className="user__name">{user.displayName}</span>
          <span className="user__role">{t(`user.role.${user.role}`)}</span>
        </span>
      )}
      <button
        type="button"
        className="button button--quiet"
        data-testid="logout"
        disabled={busy}
        onClick={() => {
          setBusy(true);
          void session.logout();
        }}
      >
        {t('user.logout')}
      </button>
    </div>
  );
}

function initials(name: string): string {
  const words = name.replace(/^(Dr|Pr|Mr|Mrs|Ms|Mme|M)\.?\s+/i, '').split(/\s+/).filter(Boolean);
  return words
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join('');
}
