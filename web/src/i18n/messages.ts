import { en, type MessageKey, type Messages } from './en';
import { fr } from './fr';

export const LANGUAGES = ['en', 'fr'] as const;
export type Language = (typeof LANGUAGES)[number];

export const catalogs: Record<Language, Messages> = { en, fr };

/** Looks a key up and fills `{name}` placeholders. */
export function translate(lang: Language, key: MessageKey, params?: Record<string, string | number>): string {
  const text = catalogs[lang][key];
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

/** Language from a stored choice, else from the browser's locale list, else English. */
export function pickLanguage(stored: string | null, browser: readonly string[]): Language {
  if (stored === 'en' || stored === 'fr') return stored;
  for (const tag of browser) {
    const base = tag.toLowerCase().split('-')[0];
    if (base === 'fr' || base === 'en') return base;
  }
  return 'en';
}

/** The BCP 47 locale used for Intl formatting: the browser's own tag when it matches the language. */
export function intlLocale(lang: Language, browser: readonly string[]): string {
  const own = browser.find((tag) => tag.toLowerCase().split('-')[0] === lang);
  if (own) return own;
  return lang === 'fr' ? 'fr-FR' : 'en-GB';
}
