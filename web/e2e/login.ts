import { expect, type APIRequestContext, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'fajma-demo';
export const DOCTOR = 'doctor@fajma.demo';
export const PATIENT = 'patient@fajma.demo';
export const ADMIN = 'admin@fajma.demo';

/** Opens the app and signs in through the login page; waits until the user menu shows. */
export async function login(page: Page, email = DOCTOR, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/');
  await fillLogin(page, email, password);
  await expect(page.getByTestId('user-menu')).toBeVisible();
}

/** Types the credentials and submits with Enter, as a person would. */
export async function fillLogin(page: Page, email: string, password: string): Promise<void> {
  await expect(page.getByTestId('login-email')).toBeFocused();
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-password').press('Enter');
}

/** Signs in through the API (a session of its own, beside the browser's) and returns the bearer header. */
export async function bearer(request: APIRequestContext, email: string): Promise<Record<string, string>> {
  const res = await request.post('/api/v1/auth/login', { data: { email, password: DEMO_PASSWORD } });
  expect(res.status()).toBe(200);
  const { accessToken } = (await res.json()) as { accessToken: string };
  return { authorization: `Bearer ${accessToken}` };
}
