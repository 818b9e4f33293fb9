import { describe, expect, test } from 'vitest';
import { createFormatters } from '../i18n/format';
import { translate, type Language } from '../i18n/messages';
import type { MessageKey } from '../i18n/en';
import { alert } from './fixtures';
import { alertDetail, alertTitle, deviceAlertType, humanizeCode, news2View } from './format';
import type { News2Dto } from './types';

const i18n = (lang: Language, locale: string) => ({
  t: (key: MessageKey, params?: Record<string, string | number>) => translate(lang, key, params),
  fmt: createFormatters(locale),
});
const en = i18n('en', 'en-GB');
const fr = i18n('fr', 'fr-FR');
const nbsp = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('alertTitle', () => {
  test('threshold alerts are built from the sign, the limit and the value', () => {
    const a = alert();
    expect(nbsp(alertTitle(a, en.t, en.fmt))).toBe('Heart rate above 120 bpm: 134 bpm');
    expect(nbsp(alertTitle(a, fr.t, fr.fmt))).toBe('Fréquence cardiaque au-dessus de 120 bpm : 134 bpm');
  });
  test('low limits, decimals and percentages follow the locale', () => {
    const spo2 = alert({ rule: 'spo2:low', vitalType: 'spo2', limit: 90, value: 86, unit: '%' });
    expect(nbsp(alertTitle(spo2, en.t, en.fmt))).toBe('SpO₂ below 90%: 86%');
    const temp = alert({ rule: 'temperature:high', vitalType: 'temperature', limit: 38.5, value: 39.2, unit: '°C' });
    expect(nbsp(alertTitle(temp, fr.t, fr.fmt))).toMatch(/^Température au-dessus de 38,5 ?°C : 39,2 ?°C$/);
  });
  test('NEWS2, no data and device alerts', () => {
    expect(alertTitle(alert({ kind: 'news2', rule: 'news2', vitalType: null, limit: 5, value: 7, unit: null }), en.t, en.fmt)).toBe('NEWS2 score 7: urgent review');
    expect(alertTitle(alert({ kind: 'nodata', rule: 'nodata:ESP32-9', deviceId: 'ESP32-9', vitalType: null }), fr.t, fr.fmt)).toBe('Pas de données de ESP32-9');
    expect(alertTitle(alert({ kind: 'nodata', rule: 'nodata:ESP32-9', deviceId: 'ESP32-9', detail: 'left' }), en.t, en.fmt)).toBe('Connection to ESP32-9 lost');
    const device = alert({ kind: 'device', rule: 'device:ECG-1:CARDIAC_ARRHYTHMIA', deviceId: 'ECG-1', confidence: 0.87, detail: 'AF suspected', measurements: { heart_rate: 142 } });
    expect(nbsp(alertTitle(device, en.t, en.fmt))).toBe('Cardiac arrhythmia detected by ECG-1 (confidence 87%)');
    expect(alertDetail(device, en.fmt)).toBe('AF suspected · heart rate 142');
  });
  test('trend alerts say what moves fast and by how much, NEWS2 too', () => {
    const fall = alert({ kind: 'trend', rule: 'trend:spo2:down', vitalType: 'spo2', limit: 4, value: 93, unit: '%' });
    expect(nbsp(alertTitle(fall, en.t, en.fmt))).toBe('SpO₂ falling fast: down 4% or more');
    const rise = alert({ kind: 'trend', rule: 'trend:news2:up', vitalType: 'news2', limit: 2, value: 5, unit: null });
    expect(nbsp(alertTitle(rise, fr.t, fr.fmt))).toBe('NEWS2 en hausse rapide : +2 ou plus');
  });
  test('falls back to the server title when the fields are missing (system, redacted)', () => {
    expect(alertTitle(alert({ kind: 'system', title: 'Disk full' }), fr.t, fr.fmt)).toBe('Disk full');
    expect(alertTitle(alert({ vitalType: null, limit: null, value: null, title: 'critical threshold alert waiting' }), en.t, en.fmt)).toBe('critical threshold alert waiting');
  });
});

test('codes and rules', () => {
  expect(humanizeCode('CARDIAC_ARRHYTHMIA')).toBe('Cardiac arrhythmia');
  expect(deviceAlertType('device:ECG-1:FALL')).toBe('FALL');
});

describe('news2View', () => {
  const base: News2Dto = {
    patientId: 1, adult: true, total: 3, risk: 'low-medium', complete: true, missing: [], scores: null, computedAt: null,
    inputs: { consciousness: null, onSupplementalOxygen: null, useScale2: false },
  };
  test('score and risk', () => {
    const v = news2View(base, en.t);
    expect(v).toMatchObject({ kind: 'score', text: '3 · low–medium risk', risk: 'low-medium', partial: false });
  });
  test('partial: a lower bound, naming what is missing', () => {
    const v = news2View({ ...base, complete: false, missing: ['respiratory_rate', 'consciousness'] }, en.t);
    expect(v.partial).toBe(true);
    expect(v.title).toBe('NEWS2 at least 3 (partial: Respiratory rate, Consciousness missing)');
  });
  test('under 16: not applicable instead of a score', () => {
    expect(news2View({ ...base, adult: false, total: null, risk: null }, fr.t)).toMatchObject({ kind: 'na', text: 'non applicable (moins de 16 ans)' });
  });
  test('no score yet', () => {
    expect(news2View({ ...base, total: null, risk: null }, en.t).kind).toBe('none');
    expect(news2View(undefined, en.t).kind).toBe('none');
  });
});
