import { expect, test, type Page } from '@playwright/test';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { connect, demoPatientId, DOCTOR, end, expectLiveVideo, PATIENT, schedule, signedIn, WEBRTC_ARGS } from './consultation-helpers';

const here = dirname(fileURLToPath(import.meta.url));
const shot = (name: string) => join(here, 'screenshots', `${name}.png`);

test.use({ launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: WEBRTC_ARGS } });

/** Every other participant's tile shows a connected peer connection and moving video. */
async function expectLiveTiles(page: Page, count: number): Promise<void> {
  const tiles = page.getByTestId('peer-tile');
  await expect(tiles).toHaveCount(count, { timeout: 30_000 });
  for (const tile of await tiles.all()) {
    await expect(tile).toHaveAttribute('data-pc-state', 'connected', { timeout: 30_000 });
    const video = tile.getByTestId('peer-video');
    await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.videoWidth), { timeout: 20_000 }).toBeGreaterThan(0);
    const t1 = await video.evaluate((v: HTMLVideoElement) => v.currentTime);
    await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime), { timeout: 10_000 }).toBeGreaterThan(t1 + 0.3);
    await expect(tile.getByTestId('peer-name')).not.toBeEmpty();
  }
}

test('a guest invited by the doctor joins by link: three-way call, chat, vitals only once allowed; the link works once', async ({ browser, baseURL }) => {
  test.setTimeout(240_000);
  const patient = await signedIn(browser, baseURL!, PATIENT);
  const doctor = await signedIn(browser, baseURL!, DOCTOR);
  const guestContext = await browser.newContext({ baseURL, permissions: ['camera', 'microphone'], viewport: { width: 1440, height: 900 }, locale: 'en-US', timezoneId: 'Europe/Paris' });
  const refusedContext = await browser.newContext({ baseURL, viewport: { width: 1280, height: 800 }, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
  try {
    const patientId = await demoPatientId(patient.page);
    const id = await schedule(doctor.page, patientId, 'Follow-up with an interpreter');
    await connect(doctor.page, patient.page, id);
    await expectLiveVideo(doctor.page);
    await expectLiveVideo(patient.page);

    // The doctor invites a guest who may not see the vitals (yet): the link is shown once, with its expiry.
    await doctor.page.getByTestId('invite-guest').click();
    await doctor.page.getByTestId('guest-name').fill('Moussa Ndiaye');
    await expect(doctor.page.getByTestId('guest-allow-vitals')).not.toBeChecked();
    await doctor.page.getByTestId('guest-submit').click();
    const box = doctor.page.getByTestId('guest-link-box');
    await expect(box).toContainText('Valid until');
    const link = await doctor.page.getByTestId('guest-link').inputValue();
    expect(link).toMatch(new RegExp(`^${baseURL!.replace(/[.]/g, '\\.')}/join/[A-Za-z0-9_-]+$`));

    // The guest opens it in a browser of their own, with no account.
    const guest = await guestContext.newPage();
    guest.on('console', (m) => m.type() === 'error' && console.log(`[guest] ${m.text()}`));
    await guest.goto(link);
    await expect(guest.getByTestId('room')).toHaveAttribute('data-role', 'guest');
    await expect(guest).toHaveURL(new RegExp(`/consultations/${id}$`));
    await expect(guest.getByTestId('user-menu')).toHaveAttribute('data-role', 'guest');
    await expect(doctor.page.getByTestId('guest-row')).toHaveAttribute('data-online', 'true');

    // Three in the call: each page is connected to the two others, with moving pictures.
    await expectLiveVideo(guest); // the doctor, in the main picture
    await expectLiveTiles(guest, 1); // the patient
    await expectLiveVideo(doctor.page);
    await expectLiveTiles(doctor.page, 1); // the guest
    await expectLiveVideo(patient.page);
    await expectLiveTiles(patient.page, 1); // the guest
    await expect(doctor.page.getByTestId('peer-name')).toContainText('Moussa Ndiaye');

    // The guest's message reaches the doctor.
    await guest.getByTestId('chat-input').fill('Hello, I am here to translate.');
    await guest.getByTestId('chat-input').press('Enter');
    await expect(guest.locator('[data-testid="chat-message"][data-status="sent"]', { hasText: 'I am here to translate' })).toHaveCount(1);
    await expect(doctor.page.locator('[data-testid="chat-message"]', { hasText: 'I am here to translate' })).toHaveCount(1);
    await expect(patient.page.locator('[data-testid="chat-message"]', { hasText: 'I am here to translate' })).toHaveCount(1);

    // No vitals for the guest until the doctor allows them, then they come.
    await expect(guest.getByTestId('guest-no-vitals')).toContainText('The doctor has not shared the vitals with you.');
    await expect(guest.getByTestId('live-vitals')).toHaveCount(0);
    await doctor.page.getByTestId('guest-vitals-toggle').check();
    await expect(doctor.page.getByTestId('guest-vitals-toggle')).toBeChecked();
    const vitals = guest.getByTestId('live-vitals');
    await expect(vitals).toBeVisible({ timeout: 20_000 });
    await expect(vitals.getByTestId('vital-heart_rate')).toHaveText(/\d/, { timeout: 30_000 });
    await guest.waitForTimeout(2500);
    await guest.screenshot({ path: shot('consultation-room-guest') });
    await doctor.page.screenshot({ path: shot('consultation-room-doctor-guest') });

    // Opening the link again in the guest's own browser goes back to the room (no second redemption).
    await guest.goto(link);
    await expect(guest.getByTestId('room')).toHaveAttribute('data-role', 'guest');
    await expect(guest).toHaveURL(new RegExp(`/consultations/${id}$`));

    // Someone else with the same link is refused, in their language.
    const other = await refusedContext.newPage();
    await other.goto(link);
    await expect(other.getByTestId('join-refused')).toHaveText('Cette invitation a déjà été utilisée ou a expiré. Demandez-en une nouvelle au médecin.');

    await end(doctor.page, [guest]);
  } finally {
    await refusedContext.close();
    await guestContext.close();
    await doctor.context.close();
    await patient.context.close();
  }
});
