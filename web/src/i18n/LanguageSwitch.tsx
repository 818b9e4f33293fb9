import { LANGUAGES, type Language } from './messages';
import { useI18n } from './useI18n';

const NAMES: Record<Language, string> = { en: 'English', fr: 'Français' };

/** Language chooser; the choice is remembered in localStorage. */
export function LanguageSwitch() {
  const { lang, setLang, t } = useI18n();
  return (
    <label className="lang">
      <span className="visually-hidden">{t('app.language')}</span>
      <select
        data-testid="language-switch"
        value={lang}
        onChange={(e) => setLang(e.target.value as Language)}
        aria-label={t('app.language')}
      >
        {LANGUAGES.map((l) => (
          <option key={l} value={l} lang={l}>
            {NAMES[l]}
          </option>
        ))}
      </select>
    </label>
  );
}
