import { expect, test, type Page } from '@playwright/test';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ADMIN, DOCTOR, fillLogin, login } from './login';

const here = dirname(fileURLToPath(import.meta.url));
const shot = (name: string) => join(here, 'screenshots', `${name}.png`);

async function bothLanguages(page: Page, name: string, frenchText: string) {
  await page.screenshot({ path: shot(`${name}-en`), fullPage: true });
  await page.getByTestId('language-switch').selectOption('fr');
  await expect(page.locator('main')).toContainText(frenchText);
  await page.screenshot({ path: shot(`${name}-fr`), fullPage: true });
  await page.getByTestId('language-switch').selectOption('en');
}

test('the admin creates a doctor, locks and unlocks them, hands over a reset link the doctor uses to sign in, then ends that session', async ({ page, browser }) => {
  const email = `dr.admin-${Date.now() % 1_000_000}@fajma.demo`;
  await login(page, ADMIN);
  await page.getByTestId('nav-accounts').click();
  await page.getByTestId('new-displayName').fill('Dr Aline Moreau');
  await page.getByTestId('new-email').fill(email);
  await page.getByTestId('new-password').fill('short');
  await page.getByTestId('create-account').click();
  await expect(page.getByRole('alert').first()).toContainText('at least 10 characters');
  await page.getByTestId('new-password').fill('initial-password-1');
  await page.getByTestId('create-account').click();

  const row = page.getByTestId(`account-${email}`);
  await expect(row.getByTestId('account-status')).toHaveText('Active');
  await row.getByRole('button', { name: 'Lock' }).click();
  await expect(row.getByTestId('account-status')).toHaveText('Locked');
  await row.getByRole('button', { name: 'Unlock' }).click();
  await expect(row.getByTestId('account-status')).toHaveText('Active');

  await row.getByRole('button', { name: 'Reset password' }).click();
  const link = (await page.getByTestId('reset-link').textContent())!;
  expect(link).toMatch(/\/reset-password#[A-Za-z0-9_-]{20,}$/);
  await page.getByTestId('account-search').fill('');
  await bothLanguages(page, 'admin-accounts', 'Comptes');

  // The doctor, in a browser of their own, signed out: the link, a new password, then sign in with it.
  const doctor = await browser.newContext();
  const doctorPage = await doctor.newPage();
  await doctorPage.goto(new URL(link).pathname + new URL(link).hash);
  await doctorPage.getByTestId('reset-new').fill('brand-new-password-2');
  await doctorPage.getByTestId('reset-again').fill('brand-new-password-2');
  await doctorPage.getByTestId('reset-submit').click();
  await expect(doctorPage.getByTestId('reset-done')).toBeVisible();
  await doctorPage.getByRole('button', { name: 'Sign in' }).click();
  await fillLogin(doctorPage, email, 'brand-new-password-2');
  await expect(doctorPage.getByTestId('user-menu')).toBeVisible();
  // The link worked once.
  await doctorPage.goto(new URL(link).pathname + new URL(link).hash);
  await doctorPage.getByTestId('reset-new').fill('another-password-3');
  await doctorPage.getByTestId('reset-again').fill('another-password-3');
  await doctorPage.getByTestId('reset-submit').click();
  await expect(doctorPage.getByTestId('reset-unusable')).toBeVisible();

  // The admin sees the doctor's session and ends it: the doctor's open page goes back to the login page.
  await row.getByRole('button', { name: 'Sessions' }).click();
  const sessions = page.getByTestId('sessions-panel');
  await sessions.getByRole('button', { name: 'End', exact: true }).click();
  await expect(sessions.getByText('Ended')).toBeVisible();
  await doctorPage.goto('/');
  await expect(doctorPage.getByTestId('login-email')).toBeVisible();
  await sessions.getByRole('button', { name: 'Close' }).click();
  await doctor.close();

  // The care team: the new doctor joins the first patient's team, then leaves it.
  await page.getByTestId('nav-adminPatients').click();
  const patient = page.locator('[data-testid^="patient-"]').first();
  await expect(patient.getByTestId('device-badge').first()).toBeVisible();
  await patient.locator('select').selectOption({ label: 'Dr Aline Moreau' });
  const chip = patient.locator('.admin-chip', { hasText: 'Dr Aline Moreau' });
  await expect(chip).toBeVisible();
  await bothLanguages(page, 'admin-patients', 'Équipe de soins');
  await chip.getByRole('button').click();
  await expect(chip).toHaveCount(0);
});

test('the system page draws the demo KPIs as live charts', async ({ page, browser }) => {
  // A doctor watching the board: the end-to-end latency is measured up to a screen that shows the reading.
  const doctor = await browser.newContext();
  const doctorPage = await doctor.newPage();
  await login(doctorPage, DOCTOR);
  await expect(doctorPage.getByTestId('patient-card').first()).toBeVisible();
  await login(page, ADMIN);
  await page.getByTestId('nav-system').click();
  for (const chart of ['chart-latency', 'chart-reliability', 'chart-bandwidth', 'chart-activity'])
    await expect(page.getByTestId(chart).locator('canvas')).toBeVisible();
  // The demo's devices report: delivery and availability have figures, not dashes.
  const tiles = page.getByTestId('kpi-tiles');
  await expect(tiles.locator('.admin-tile', { hasText: 'Delivery rate' }).locator('dd')).toContainText('%', { timeout: 20_000 });
  await expect(tiles.locator('.admin-tile', { hasText: 'Active devices' }).locator('dd')).not.toHaveText('—');
  await expect(tiles.locator('.admin-tile', { hasText: 'device → screen' }).locator('dd')).toContainText(/\d ms/, { timeout: 20_000 });
  await bothLanguages(page, 'admin-system', 'Taux de livraison');
  await doctor.close();
});
