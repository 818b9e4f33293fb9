import { expect, test } from '@playwright/test';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DOCTOR, bearer, login } from './login';

const here = dirname(fileURLToPath(import.meta.url));
const shot = (name: string) => join(here, '..', '..', 'docs', 'screenshots', `${name}.png`);

test('the doctor opens the triage board, sees the desaturating patient first, marks them reviewed and opens their record', async ({ page, request }) => {
  const auth = await bearer(request, DOCTOR);
  const board = (await (await request.get('/api/v1/triage', { headers: auth })).json()) as { patients: { patientId: number }[] };
  expect(board.patients.length).toBeGreaterThan(1);
  const patientId = board.patients[board.patients.length - 1]!.patientId;
  // A desaturation on the demo monitor raises a critical SpO2 alert: that patient rises to the top.
  const episode = await request.post('/api/v1/demo/episodes', { headers: auth, data: { patientId, kind: 'desaturation', seconds: 120 } });
  expect(episode.status()).toBe(204);
  await expect
    .poll(async () => ((await (await request.get('/api/v1/triage', { headers: auth })).json()) as typeof board).patients[0]!.patientId, { timeout: 30_000 })
    .toBe(patientId);

  await login(page, DOCTOR);
  await page.getByTestId('nav-triage').click();
  const first = page.getByTestId('triage-row').first();
  await expect(first).toHaveAttribute('data-patient', String(patientId));
  await expect(first.getByTestId('triage-alerts')).toContainText('critical');
  await expect(first).toContainText('Critical alert open');

  await first.getByTestId('triage-mark').click();
  await expect(first.getByTestId('triage-review')).toContainText(/now|s ago/);
  await page.screenshot({ path: shot('triage-en'), fullPage: true });

  await page.getByTestId('language-switch').selectOption('fr');
  await expect(page.getByRole('heading', { name: 'Triage' })).toBeVisible();
  await expect(first).toContainText('Alerte critique ouverte');
  await page.screenshot({ path: shot('triage-fr'), fullPage: true });
  await page.getByTestId('language-switch').selectOption('en');

  await first.getByTestId('triage-open').click();
  await expect(page).toHaveURL(new RegExp(`/\\?patient=${patientId}$`));
});
