import { expect, test } from '@playwright/test';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ADMIN, bearer, fillLogin } from './login';
import { totp } from './totp';

const here = dirname(fileURLToPath(import.meta.url));
const shots = join(here, '..', '..', 'docs', 'screenshots');

// Against a demo started with --Auth:RequireMfaFor:0=Doctor (its own playwright project; test.sh starts that demo).
test('a doctor the organisation requires two-step sign-in of lands on enrolment, turns it on, and continues home', async ({ page, request }) => {
  test.setTimeout(120_000);
  // A doctor of their own, created by the (not required) admin: the run can be repeated on the same demo.
  const email = `required-${Date.now()}@fajma.demo`;
  const password = 'a-long-doctor-password';
  const created = await request.post('/api/v1/users', {
    headers: await bearer(request, ADMIN),
    data: { email, displayName: 'Dr Malick Ndiaye', role: 'doctor', password, patientId: null },
  });
  expect(created.status()).toBe(201);

  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/');
  await fillLogin(page, email, password);
  await expect(page.getByTestId('mfa-required')).toBeVisible();
  await expect(page).toHaveURL(/\/security$/);
  await expect(page.getByTestId('nav-board')).toHaveCount(0); // nothing else opens before the factor is on

  await page.getByTestId('mfa-start').click();
  const secret = (await page.getByTestId('mfa-secret').textContent())!.trim();
  await page.screenshot({ path: join(shots, 'mfa-required-en.png') });
  await page.getByTestId('language-switch').selectOption('fr');
  await expect(page.getByText('Votre établissement exige la connexion en deux étapes')).toBeVisible();
  await page.screenshot({ path: join(shots, 'mfa-required-fr.png') });
  await page.getByTestId('language-switch').selectOption('en');

  await page.getByTestId('mfa-code').fill(totp(secret));
  await page.getByTestId('mfa-confirm').click();
  await expect(page.getByTestId('mfa-codes').locator('li')).toHaveCount(10);
  await page.getByTestId('mfa-continue').click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByTestId('nav-board')).toHaveAttribute('aria-current', 'page');
  await expect(page.getByTestId('mfa-required')).toHaveCount(0);
});
