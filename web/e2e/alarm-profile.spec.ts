import { expect, test } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bearer, DOCTOR, login } from './login';

const here = dirname(fileURLToPath(import.meta.url));
const shots = join(here, '..', '..', 'docs', 'screenshots');

type Alert = { id: string; rule: string; status: string };

/**
 * The doctor tunes a patient's alarm profile from the history sheet: the week's burden per rule beside the limits
 * (an alert resolved as not actionable counts), night limits, a delay and a trend rule saved whole, a snooze with an expiry.
 */
test('a doctor sees the alarm burden beside the limits, edits the profile and snoozes a rule', async ({ page }) => {
  const headers = await bearer(page.request, DOCTOR);
  const patients = (await (await page.request.get('/api/v1/patients', { headers })).json()) as { id: number; displayName: string }[];
  const patient = patients[patients.length - 1]!; // the last demo patient: other specs use the first ones

  // A tachycardia episode fires the heart-rate rule; the doctor judges it not actionable.
  expect((await page.request.post('/api/v1/demo/episodes', { headers, data: { patientId: patient.id, kind: 'tachycardia', seconds: 40 } })).status()).toBe(204);
  let alert: Alert | undefined;
  await expect
    .poll(async () => {
      const open = (await (await page.request.get(`/api/v1/alerts?status=active&patientId=${patient.id}`, { headers })).json()) as Alert[];
      alert = open.find((a) => a.rule === 'heart_rate:high');
      return alert != null;
    }, { timeout: 60_000 })
    .toBe(true);
  const resolved = await page.request.post(`/api/v1/alerts/${alert!.id}/resolve`, { headers, data: { note: 'Climbing stairs', outcome: 'not_actionable' } });
  expect(resolved.status()).toBe(200);

  await login(page);
  await page.getByTestId('patient-card').filter({ hasText: patient.displayName }).click();
  const profile = page.getByTestId('alarm-profile');
  await profile.scrollIntoViewIfNeeded();
  await expect(profile.getByTestId('burden-heart_rate')).toContainText(/high: fired \d+× this week, [1-9]\d* not actionable/);

  await profile.getByTestId('profile-night-low-spo2').fill('86');
  await profile.getByTestId('profile-delay-spo2').fill('15');
  await profile.getByTestId('profile-severity-spo2').selectOption('major');
  await profile.getByTestId('trend-on-trend:news2:up').check();
  await profile.getByTestId('profile-save').click();
  await expect(profile.getByText('Profile saved')).toBeVisible();
  const saved = (await (await page.request.get(`/api/v1/patients/${patient.id}/alarm-profile`, { headers })).json()) as {
    limits: { type: string; nightLow: number | null; delaySeconds: number; severity: string | null }[];
    trends: { type: string; direction: string }[];
  };
  expect(saved.limits.find((l) => l.type === 'spo2')).toMatchObject({ nightLow: 86, delaySeconds: 15, severity: 'major' });
  expect(saved.trends).toContainEqual(expect.objectContaining({ type: 'news2', direction: 'up' }));

  // A bad value is refused by field, nothing saved.
  await profile.getByTestId('profile-delay-spo2').fill('9999');
  await profile.getByTestId('profile-save').click();
  await expect(profile.getByTestId('profile-refused')).toBeVisible();
  await expect(profile.getByText('must be from 0 to 3600')).toBeVisible();
  await profile.getByTestId('profile-delay-spo2').fill('15');
  await profile.getByTestId('profile-save').click();
  await expect(profile.getByText('Profile saved')).toBeVisible();

  // SpO₂ is no longer critical for this patient: it may be snoozed, for an hour.
  const snoozes = profile.getByTestId('profile-snoozes');
  await snoozes.getByTestId('snooze-rule').selectOption('spo2:low');
  await snoozes.getByTestId('snooze-minutes').selectOption('60');
  await snoozes.getByTestId('snooze-submit').click();
  await expect(snoozes.getByTestId('snooze-spo2:low')).toBeVisible();

  mkdirSync(shots, { recursive: true });
  await page.setViewportSize({ width: 1440, height: 1500 });
  await profile.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await page.screenshot({ path: join(shots, 'alarm-profile-en.png') });
  await page.getByTestId('language-switch').selectOption('fr');
  await expect(profile.getByText('Profil d’alarmes')).toBeVisible();
  await expect(profile.getByTestId('burden-heart_rate')).toContainText(/haut : déclenchée \d+× cette semaine/);
  await profile.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await page.screenshot({ path: join(shots, 'alarm-profile-fr.png') });
  await page.getByTestId('language-switch').selectOption('en');

  // Lift the snooze so a later run starts clean.
  await snoozes.getByRole('button', { name: 'Lift' }).first().click();
  await expect(snoozes.getByTestId('snooze-spo2:low')).toHaveCount(0);
});
