import type { UserDto } from '../api/types';
import { UserMenu } from '../auth/UserMenu';
import { LanguageSwitch } from '../i18n/LanguageSwitch';
import { useI18n } from '../i18n/useI18n';
import { ConnectionIndicator } from '../monitoring/ConnectionIndicator';
import { OnCallIndicator } from '../oncall/OnCallIndicator';
import { linkHandler, navFor, navigate, sectionOf, type Screen } from '../platform/routes';

/**
 * Brand, the role's sections, the live-connection state (clinical screens only), language, user. `restricted`: the session
 * may only enrol a second factor, so no sections and no on-call state (the server would refuse them).
 */
export function Header({ user, screen, live, restricted = false }: { user: UserDto; screen: Screen; live: boolean; restricted?: boolean }) {
  const { t } = useI18n();
  return (
    <header className="topbar">
      <div className="topbar__brand">
        <span className="topbar__logo" aria-hidden="true" />
        <span className="topbar__name">{t('app.title')}</span>
        {live && <span className="topbar__sub">{t('app.subtitle')}</span>}
      </div>
      <nav className="topbar__nav" aria-label={t('nav.label')}>
        {(restricted ? [] : navFor(user.role)).map((item) => (
          <a
            key={item.screen}
            href={item.path}
            onClick={linkHandler(item.path)}
            className="nav-link"
            aria-current={item.screen === sectionOf(screen) ? 'page' : undefined}
            data-testid={`nav-${item.screen}`}
          >
            {t(item.label)}
          </a>
        ))}
      </nav>
      <div className="topbar__tools">
        {user.role === 'doctor' && !restricted && <OnCallIndicator />}
        {live && <ConnectionIndicator />}
        <LanguageSwitch />
        <UserMenu user={user} openSecurity={() => navigate('/security')} />
      </div>
    </header>
  );
}
