import { describe, expect, test } from 'vitest';
import { en } from './en';
import { fr } from './fr';
import { intlLocale, pickLanguage, translate } from './messages';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('catalogs', () => {
  test('French has exactly the English keys', () => {
    expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
  });
  test('every translation keeps the same placeholders', () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(placeholders(fr[key]), key).toEqual(placeholders(en[key]));
    }
  });
  test('no empty strings', () => {
    for (const [key, value] of [...Object.entries(en), ...Object.entries(fr)]) expect(value.trim(), key).not.toBe('');
  });
});

describe('translate', () => {
  test('fills placeholders and leaves unknown ones', () => {
    expect(translate('fr', 'patient.age', { n: 54 })).toBe('54 ans');
    expect(translate('en', 'device.offlineSince', {})).toBe('offline since {time}');
  });
});

describe('language choice', () => {
  test('stored choice wins over the browser', () => {
    expect(pickLanguage('fr', ['en-US'])).toBe('fr');
  });
  test('browser locale list, first supported language', () => {
    expect(pickLanguage(null, ['fr-CA', 'en'])).toBe('fr');
    expect(pickLanguage(null, ['de-DE', 'en-US'])).toBe('en');
    expect(pickLanguage('xx', ['es'])).toBe('en');
  });
  test('Intl locale follows the browser region when the language matches', () => {
    expect(intlLocale('fr', ['fr-CA'])).toBe('fr-CA');
    expect(intlLocale('fr', ['en-US'])).toBe('fr-FR');
    expect(intlLocale('en', ['fr-FR', 'en-US'])).toBe('en-US');
  });
});
