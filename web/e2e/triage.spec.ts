import { expect, test } from '@playwright/test';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DOCTOR, bearer, login } from './login';

const here = dirname(fileURLToPath(import.meta.url));
const shot = (name: string) => join(here, '..', '..', 'docs', 'screenshots', `${name}.png`);

interface Row {
  patientId: number;
  reasons: string[];
}

test('the doctor opens the triage board, sees a desaturating patient above the calm ones, marks them reviewed and opens their record', async ({ page, request }) => {
  const auth = await bearer(request, DOCTOR);
  const rows = async () => ((await (await request.get('/api/v1/triage', { headers: auth })).json()) as { patients: Row[] }).patients;
  const alerting = (r: Row) => r.reasons.includes('open_critical') || r.reasons.includes('open_alerts');
  // A calm patient (no alert open; the demo plays its own episodes too) gets a desaturation on their monitor: SpO2 alerts open.
  // Not the first demo patient: the specs beside this one (project "main") play their own episodes on that monitor.
  const [firstPatient] = (await (await request.get('/api/v1/patients', { headers: auth })).json()) as { id: number }[];
  const calm = (await rows()).filter((r) => !alerting(r) && r.patientId !== firstPatient!.id);
  expect(calm.length).toBeGreaterThan(1);
  const patientId = calm[0]!.patientId;
  const episode = await request.post('/api/v1/demo/episodes', { headers: auth, data: { patientId, kind: 'desaturation', seconds: 120 } });
  expect(episode.status()).toBe(204);
  await expect.poll(async () => (await rows()).some((r) => r.patientId === patientId && alerting(r)), { timeout: 30_000 }).toBe(true);
  // It now stands above every patient without an open alert.
  const order = await rows();
  const at = order.findIndex((r) => r.patientId === patientId);
  expect(order.slice(0, at).every(alerting)).toBe(true);

  await login(page, DOCTOR);
  await page.getByTestId('nav-triage').click();
  const first = page.locator(`[data-testid="triage-row"][data-patient="${patientId}"]`);
  await expect(first.getByTestId('triage-alerts')).toContainText('open');

  await first.getByTestId('triage-mark').click();
  await expect(first.getByTestId('triage-review')).toContainText(/now|s ago/);
  await page.screenshot({ path: shot('triage-en'), fullPage: true });

  await page.getByTestId('language-switch').selectOption('fr');
  await expect(page.getByRole('heading', { name: 'Triage' })).toBeVisible();
  await expect(first.getByTestId('triage-alerts')).toContainText('ouverte');
  await page.screenshot({ path: shot('triage-fr'), fullPage: true });
  await page.getByTestId('language-switch').selectOption('en');

  await first.getByTestId('triage-open').click();
  await expect(page).toHaveURL(new RegExp(`/\\?patient=${patientId}$`));
});
