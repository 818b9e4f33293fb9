import { expect, test, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { connect, demoPatientId, DOCTOR, end, PATIENT, row, signedIn, WEBRTC_ARGS } from './consultation-helpers';
import { bearer } from './login';

const here = dirname(fileURLToPath(import.meta.url));
const docShot = (name: string) => join(here, '..', '..', 'docs', 'screenshots', `${name}.png`);

test.use({ launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: WEBRTC_ARGS } });

/** The doctor schedules through the API (this spec is about what happens around the visit, not the form). */
async function scheduleByApi(page: Page, patientId: number, minutesAhead: number): Promise<number> {
  const auth = await bearer(page.request, DOCTOR);
  const at = new Date(Date.now() + minutesAhead * 60_000).toISOString();
  const res = await page.request.post('/api/v1/consultations', { headers: auth, data: { patientId, scheduledAt: at, reason: 'Pre-call and consent check' } });
  expect(res.status()).toBe(201);
  return ((await res.json()) as { id: number }).id;
}

/** Every check of the page with Chromium's fake camera and microphone passes once the test tone was heard. */
async function passAllChecks(page: Page): Promise<void> {
  await expect(page.getByTestId('precall')).toBeVisible();
  for (const check of ['camera', 'microphone', 'server', 'ice'])
    await expect(page.getByTestId(`check-${check}`)).toHaveAttribute('data-status', 'pass', { timeout: 20_000 });
  await expect.poll(() => page.getByTestId('precall-video').evaluate((v: HTMLVideoElement) => v.videoWidth)).toBeGreaterThan(0);
  await page.getByTestId('precall-tone').click();
  await page.getByTestId('precall-heard').click();
  await expect(page.getByTestId('check-speaker')).toHaveAttribute('data-status', 'pass');
  await expect(page.getByTestId('precall')).toHaveAttribute('data-summary', 'pass');
}

test('the pre-call test page passes its checks with fake devices, in English and in French', async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const patient = await signedIn(browser, baseURL!, PATIENT);
  try {
    const id = await scheduleByApi(patient.page, await demoPatientId(patient.page), 120);
    await patient.page.getByTestId('nav-consultations').click();
    await row(patient.page, id).getByTestId('precall').click();
    await expect(patient.page).toHaveURL(new RegExp(`/consultations/${id}/precall$`));
    await passAllChecks(patient.page);
    await expect(patient.page.getByTestId('precall-summary')).toContainText('Everything works');
    await patient.page.screenshot({ path: docShot('precall-en'), fullPage: true });

    // The invitation's link lands on the same page directly, in the reader's language.
    const fr = await signedIn(browser, baseURL!, PATIENT, () => localStorage.setItem('fajma.language', 'fr'));
    try {
      await fr.page.goto(`/consultations/${id}/precall`);
      await passAllChecks(fr.page);
      await expect(fr.page.getByTestId('precall-summary')).toContainText('Tout fonctionne');
      await fr.page.screenshot({ path: docShot('precall-fr'), fullPage: true });
      await fr.page.getByTestId('precall-join').click();
      await expect(fr.page.getByTestId('waiting-room')).toBeVisible();
    } finally {
      await fr.context.close();
    }
  } finally {
    await patient.context.close();
  }
});

test('recording waits for the patient\'s consent, shows an indicator to both, stops on withdrawal; the report downloads after', async ({ browser, baseURL }) => {
  test.setTimeout(180_000);
  const patient = await signedIn(browser, baseURL!, PATIENT);
  const doctor = await signedIn(browser, baseURL!, DOCTOR);
  try {
    const id = await scheduleByApi(doctor.page, await demoPatientId(patient.page), 1);
    await doctor.page.getByTestId('nav-consultations').click();
    await connect(doctor.page, patient.page, id);

    await doctor.page.getByTestId('action-startRecording').click();
    await expect(doctor.page.getByTestId('action-error')).toContainText('has not consented to recording');
    await expect(doctor.page.getByTestId('room')).toHaveAttribute('data-state', 'active');

    await doctor.page.getByTestId('consent-ask').click();
    await expect(doctor.page.getByTestId('consent-doctor')).toHaveAttribute('data-consent', 'asked');
    await expect(patient.page.getByTestId('consent-question')).toBeVisible();
    await patient.page.getByTestId('consent-allow').click();
    await expect(doctor.page.getByTestId('consent-doctor')).toHaveAttribute('data-consent', 'given');

    await doctor.page.getByTestId('action-startRecording').click();
    await expect(doctor.page.getByTestId('recording-indicator')).toBeVisible();
    await expect(patient.page.getByTestId('recording-indicator')).toBeVisible();

    await patient.page.getByTestId('consent-withdraw').click();
    await expect(patient.page.getByTestId('room')).toHaveAttribute('data-state', 'active');
    await expect(doctor.page.getByTestId('room')).toHaveAttribute('data-state', 'active');
    await expect(doctor.page.getByTestId('consent-doctor')).toHaveAttribute('data-consent', 'withdrawn');
    await expect(doctor.page.getByTestId('recording-indicator')).toHaveCount(0);
    await expect(patient.page.getByTestId('recording-indicator')).toHaveCount(0);

    await end(doctor.page, [patient.page], 'Consent respected; see again in a month.');
    const [download] = await Promise.all([patient.page.waitForEvent('download'), patient.page.getByTestId('download-report').click()]);
    expect(download.suggestedFilename()).toBe(`consultation-${id}-report.html`);
    const html = await readFile((await download.path())!, 'utf8');
    expect(html).toContain('Video consultation report');
    expect(html).toContain('Consent respected; see again in a month.');
    const report = await patient.context.newPage();
    await report.setContent(html);
    await report.screenshot({ path: docShot('visit-report-en'), fullPage: true });
  } finally {
    await doctor.context.close();
    await patient.context.close();
  }
});
