import { expect, test, type Browser } from '@playwright/test';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { login, PATIENT } from './login';

const here = dirname(fileURLToPath(import.meta.url));
const shots = join(here, '..', '..', 'docs', 'screenshots');

const context = (browser: Browser, baseURL: string) =>
  browser.newContext({ baseURL, viewport: { width: 1280, height: 900 }, locale: 'en-US', timezoneId: 'Europe/Paris' });

test('a patient invites a follower who sees the shared vitals; narrowing and revoking take effect for the follower', async ({ browser, baseURL }) => {
  test.setTimeout(180_000);
  const patientContext = await context(browser, baseURL!);
  const followerContext = await context(browser, baseURL!);
  try {
    // The patient invites their daughter: vitals and alerts, the last 24 hours.
    const patient = await patientContext.newPage();
    await login(patient, PATIENT);
    await patient.getByTestId('nav-followers').click();
    await expect(patient.getByTestId('followers-page')).toBeVisible();
    await patient.getByTestId('follower-name').fill('Awa Diop');
    await patient.getByTestId('follower-relationship').fill('daughter');
    await expect(patient.getByTestId('invite-vitals')).toBeChecked();
    await patient.getByTestId('follower-send').click();
    const link = await patient.getByTestId('follower-link').inputValue();
    expect(link).toMatch(/\/follow\/[A-Za-z0-9_-]+$/);

    // The follower opens the link with no account, creates one, and sees the patient's vitals.
    const follower = await followerContext.newPage();
    await follower.goto(link);
    await expect(follower.getByTestId('follow-join-page')).toBeVisible();
    await follower.getByTestId('follow-join-email').fill(`awa-${Date.now()}@family.test`);
    await follower.getByTestId('follow-join-displayName').fill('Awa Diop');
    await follower.getByTestId('follow-join-password').fill('short');
    await follower.getByTestId('follow-join-submit').click();
    await expect(follower.getByTestId('follow-join-password')).toHaveAttribute('aria-invalid', 'true'); // named, and the link still works
    await follower.getByTestId('follow-join-password').fill('a-long-family-password');
    await follower.getByTestId('follow-join-submit').click();
    await expect(follower.getByTestId('follower-home')).toBeVisible();
    await expect(follower.getByTestId('user-menu')).toHaveAttribute('data-role', 'follower');
    const card = follower.locator('[data-testid^="followed-"]');
    await expect(card).toHaveCount(1);
    await expect(card.getByTestId('vital-heart_rate')).not.toHaveText('—', { timeout: 30_000 });
    await follower.screenshot({ path: join(shots, 'follower-view-en.png') });
    await follower.getByTestId('language-switch').selectOption('fr');
    await expect(follower.getByText('Les proches que je suis')).toBeVisible();
    await follower.screenshot({ path: join(shots, 'follower-view-fr.png') });

    // The patient's list shows the follow as active; a second invitation (alerts only) shows its link. Screenshots in both languages.
    await patient.reload();
    const row = patient.locator('[data-testid^="follower-"][data-status="active"]').first();
    await expect(row).toBeVisible();
    await patient.getByTestId('follower-name').fill('Moussa Ndiaye');
    await patient.getByTestId('follower-relationship').fill('carer');
    await patient.getByTestId('invite-vitals').uncheck();
    await patient.getByTestId('follower-send').click();
    await expect(patient.locator('[data-testid^="follower-"][data-status="invited"]').first()).toBeVisible();
    await patient.screenshot({ path: join(shots, 'followers-manage-en.png') });
    await patient.getByTestId('language-switch').selectOption('fr');
    await expect(patient.getByText('Mes proches').first()).toBeVisible();
    await patient.screenshot({ path: join(shots, 'followers-manage-fr.png') });
    await patient.getByTestId('language-switch').selectOption('en');

    // The patient stops sharing vitals: the follower's next read finds them gone.
    const id = (await row.getAttribute('data-testid'))!.replace('follower-', '');
    await patient.getByTestId(`follower-${id}-vitals`).uncheck();
    await patient.getByTestId(`follower-${id}-save`).click();
    await expect(card.getByTestId('follow-no-vitals')).toBeVisible({ timeout: 30_000 });

    // The patient stops the follow: the follower no longer sees the patient at all.
    await patient.getByTestId(`follower-${id}-revoke`).click();
    await patient.getByTestId(`follower-${id}-revoke-confirm`).click();
    await expect(patient.getByTestId(`follower-${id}`)).toHaveAttribute('data-status', 'revoked');
    await expect(follower.locator('[data-testid^="followed-"]')).toHaveCount(0, { timeout: 30_000 });
    const again = await followerContext.newPage();
    await again.goto(link);
    await expect(again.getByTestId('follow-join-add')).toBeVisible(); // signed in as a follower: the spent link is refused when used
    await again.getByTestId('follow-join-add').click();
    await expect(again.getByTestId('follow-join-refused')).toBeVisible();
  } finally {
    await patientContext.close();
    await followerContext.close();
  }
});
