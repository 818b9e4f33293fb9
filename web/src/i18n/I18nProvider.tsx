import { createContext, useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { MessageKey } from './en';
import { intlLocale, pickLanguage, translate, type Language } from './messages';
import { createFormatters, type Formatters } from './format';

const STORAGE_KEY = 'fajma.language';

export interface I18n {
  lang: Language;
  locale: string;
  setLang: (lang: Language) => void;
  t: (key: MessageKey, params?: Record<string, string | number>) => string;
  fmt: Formatters;
}

export const I18nContext = createContext<I18n | null>(null);

function browserLocales(): readonly string[] {
  return navigator.languages?.length ? navigator.languages : [navigator.language];
}

function readStored(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Language>(() => pickLanguage(readStored(), browserLocales()));
  const setLang = useCallback((next: Language) => {
    setLangState(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      /* private mode: the choice lasts for this page only */
    }
  }, []);

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  const value = useMemo<I18n>(() => {
    const locale = intlLocale(lang, browserLocales());
    return {
      lang,
      locale,
      setLang,
      t: (key, params) => translate(lang, key, params),
      fmt: createFormatters(locale),
    };
  }, [lang, setLang]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}
