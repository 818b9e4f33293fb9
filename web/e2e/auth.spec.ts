import { expect, test } from '@playwright/test';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ADMIN, DOCTOR, fillLogin, login, PATIENT } from './login';

const here = dirname(fileURLToPath(import.meta.url));
const shot = (name: string) => join(here, 'screenshots', `${name}.png`);

test('a wrong password shows a clear error and signs nobody in', async ({ page }) => {
  await page.goto('/');
  await page.screenshot({ path: shot('login') });
  await fillLogin(page, DOCTOR, 'not-the-password');
  await expect(page.getByTestId('login-error')).toHaveText(/email or password is not correct/);
  await expect(page.getByTestId('login-password')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('user-menu')).toHaveCount(0);
  await page.screenshot({ path: shot('login-error') });
  // The next successful sign-in resets the failure count on the server.
  await page.getByTestId('login-password').fill('fajma-demo');
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('user-menu')).toBeVisible();
});

test('a locked account shows how long to wait', async ({ page }) => {
  // The server's lockout (429 + Retry-After) is simulated so the demo account stays usable.
  await page.route('**/api/v1/auth/login', (route) =>
    route.fulfill({
      status: 429,
      headers: { 'Retry-After': '900', 'Content-Type': 'application/problem+json' },
      body: JSON.stringify({ title: 'Too many failed sign-ins', status: 429 }),
    }),
  );
  await page.goto('/');
  await fillLogin(page, DOCTOR, 'whatever');
  await expect(page.getByTestId('login-error')).toHaveText(/locked; try again in 15 minutes/);
  await expect(page.getByTestId('login-submit')).toBeDisabled();
});

test('the patient account sees exactly its own card', async ({ page }) => {
  await login(page, PATIENT);
  await expect(page.getByTestId('user-menu')).toContainText('Patient');
  await expect(page.getByTestId('patient-card')).toHaveCount(1);
  await expect(page.getByText('My vital signs').first()).toBeVisible();
  await page.waitForTimeout(1500);
  await expect(page.getByTestId('patient-card')).toHaveCount(1);
  await page.screenshot({ path: shot('patient') });
});

test('the admin sees devices and no clinical board', async ({ page }) => {
  await login(page, ADMIN);
  await expect(page.getByTestId('user-menu')).toContainText('Administrator');
  await expect(page.getByTestId('device-row').first()).toBeVisible();
  await expect(page.getByTestId('patient-card')).toHaveCount(0);
  await expect(page.getByTestId('connection-status')).toHaveCount(0);
  await page.screenshot({ path: shot('devices') });
});

test('logout returns to the login page and ends the session', async ({ page }) => {
  await login(page, DOCTOR);
  await expect(page.getByTestId('patient-card').first()).toBeVisible();
  await page.getByTestId('logout').click();
  await expect(page.getByTestId('login-email')).toBeVisible();
  await expect(page.getByTestId('login-notice')).toHaveText(/signed out/);
  expect(await page.evaluate(() => localStorage.getItem('fajma.refreshToken'))).toBeNull();
  await page.reload();
  await expect(page.getByTestId('login-email')).toBeVisible();
});

test('a session ended elsewhere (its refresh token stolen and reused) closes the board and shows the login page', async ({ page }) => {
  await login(page, DOCTOR);
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'connected');
  const stolen = await page.evaluate(() => localStorage.getItem('fajma.refreshToken'));
  // The thief spends it, then spends it again: the server sees the reuse and ends the whole session, live connections included.
  expect((await page.request.post('/api/v1/auth/refresh', { data: { refreshToken: stolen } })).status()).toBe(200);
  expect((await page.request.post('/api/v1/auth/refresh', { data: { refreshToken: stolen } })).status()).toBe(401);

  // Well before the access token would expire (minutes): the closed connection asks, and the answer is no.
  await expect(page.getByTestId('login-email')).toBeVisible({ timeout: 10_000 });
  expect(await page.evaluate(() => localStorage.getItem('fajma.refreshToken'))).toBeNull();
});

test('after a reload the doctor is still signed in; the access token is never stored', async ({ page }) => {
  await login(page, DOCTOR);
  await expect(page.getByTestId('patient-card').first()).toBeVisible();
  await page.screenshot({ path: shot('board-doctor') });
  const before = await page.evaluate(() => localStorage.getItem('fajma.refreshToken'));
  await page.reload();
  await expect(page.getByTestId('user-menu')).toContainText('Doctor');
  await expect(page.getByTestId('patient-card').first()).toBeVisible();
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'connected');
  const stored = await page.evaluate(() => ({ ...localStorage }));
  expect(stored['fajma.refreshToken']).toBeTruthy();
  expect(stored['fajma.refreshToken']).not.toBe(before); // rotated by the reload's refresh
  expect(Object.values(stored).some((v) => v.startsWith('eyJ'))).toBe(false); // no JWT at rest
});

test('a spent refresh token leads back to the login page', async ({ page }) => {
  await login(page, DOCTOR);
  const spent = await page.evaluate(() => localStorage.getItem('fajma.refreshToken'));
  await page.reload(); // spends it (rotation)
  await expect(page.getByTestId('user-menu')).toBeVisible();
  await page.evaluate((t) => localStorage.setItem('fajma.refreshToken', t!), spent);
  await page.reload(); // presents the spent token: the server revokes the whole session
  await expect(page.getByTestId('login-email')).toBeVisible();
  expect(await page.evaluate(() => localStorage.getItem('fajma.refreshToken'))).toBeNull();
});
