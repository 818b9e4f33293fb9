import { expect, test } from '@playwright/test';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ADMIN, bearer, fillLogin } from './login';
import { totp } from './totp';

const here = dirname(fileURLToPath(import.meta.url));
const shots = join(here, '..', '..', 'docs', 'screenshots');

test('a doctor turns on two-step sign-in, signs out, and signs in again with a code from the app', async ({ page, request }) => {
  test.setTimeout(120_000);
  // A doctor of their own: the demo's accounts stay password-only for the other specs.
  const email = `mfa-${Date.now()}@fajma.demo`;
  const password = 'a-long-doctor-password';
  const created = await request.post('/api/v1/users', {
    headers: await bearer(request, ADMIN),
    data: { email, displayName: 'Dr Inès Faye', role: 'doctor', password, patientId: null },
  });
  expect(created.status()).toBe(201);

  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto('/');
  await fillLogin(page, email, password);
  await page.getByTestId('security-link').click();
  await page.getByTestId('mfa-start').click();
  const secret = (await page.getByTestId('mfa-secret').textContent())!.trim();
  await expect(page.getByTestId('mfa-uri')).toHaveAttribute('href', new RegExp(`^otpauth://totp/.*secret=${secret}`));
  await page.screenshot({ path: join(shots, 'mfa-en.png') });
  await page.getByTestId('language-switch').selectOption('fr');
  await expect(page.getByText('Connexion en deux étapes').first()).toBeVisible();
  await page.screenshot({ path: join(shots, 'mfa-fr.png') });
  await page.getByTestId('language-switch').selectOption('en');

  await page.getByTestId('mfa-code').fill(totp(secret));
  await page.getByTestId('mfa-confirm').click();
  await expect(page.getByTestId('mfa-codes').locator('li')).toHaveCount(10);

  await page.getByTestId('logout').click();
  await fillLogin(page, email, password);
  await expect(page.getByTestId('login-code')).toBeFocused();
  // The confirming code's step is spent: the next step's code (within the accepted drift) signs in.
  await page.getByTestId('login-code').fill(totp(secret, 1));
  await page.getByTestId('login-code').press('Enter');
  await expect(page.getByTestId('user-menu')).toHaveAttribute('data-role', 'doctor');
});
