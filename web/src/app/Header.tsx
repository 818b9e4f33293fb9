import { ConnectionIndicator } from '../monitoring/ConnectionIndicator';
import { LanguageSwitch } from '../i18n/LanguageSwitch';
import { useI18n } from '../i18n/useI18n';

export function Header() {
  const { t } = useI18n();
  return (
    <header className="topbar">
      <div className="topbar__brand">
        <span className="topbar__logo" aria-hidden="true" />
        <span className="topbar__name">{t('app.title')}</span>
        <span className="topbar__sub">{t('app.subtitle')}</span>
      </div>
      <div className="topbar__tools">
        <ConnectionIndicator />
        <LanguageSwitch />
      </div>
    </header>
  );
}
