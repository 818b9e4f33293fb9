import { expect, test, type Browser } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ADMIN, login, PATIENT } from './login';

const here = dirname(fileURLToPath(import.meta.url));
const shots = join(here, '..', '..', 'docs', 'screenshots');

const context = (browser: Browser, baseURL: string) =>
  browser.newContext({ baseURL, viewport: { width: 1280, height: 900 }, locale: 'en-US', timezoneId: 'Europe/Paris', acceptDownloads: true });

test('a patient downloads their record and asks for erasure; an admin sees the legal hold and refuses with a reason', async ({ browser, baseURL }) => {
  test.setTimeout(180_000);
  const patientContext = await context(browser, baseURL!);
  const adminContext = await context(browser, baseURL!);
  try {
    const patient = await patientContext.newPage();
    await login(patient, PATIENT);
    await patient.getByTestId('nav-privacy').click();
    await expect(patient.getByTestId('my-data-page')).toBeVisible();

    // The readable record downloads as one HTML page with the charts inline.
    const [download] = await Promise.all([patient.waitForEvent('download'), patient.getByTestId('download-record').click()]);
    expect(download.suggestedFilename()).toMatch(/^fajma-record-\d+-\d{4}-\d{2}-\d{2}\.html$/);
    // The same record for other health software: a FHIR R4 Bundle with the patient and their readings.
    const [fhir] = await Promise.all([patient.waitForEvent('download'), patient.getByTestId('download-fhir').click()]);
    expect(fhir.suggestedFilename()).toMatch(/^fajma-record-\d+-\d{4}-\d{2}-\d{2}\.fhir\.json$/);
    const bundle = JSON.parse(readFileSync((await fhir.path())!, 'utf8')) as { resourceType: string; entry: { resource: { resourceType: string } }[] };
    expect(bundle.resourceType).toBe('Bundle');
    const types = new Set(bundle.entry.map((e) => e.resource.resourceType));
    expect(types.has('Patient') && types.has('Observation')).toBe(true);

    // The demo patient has readings: the request waits for an admin, under the legal hold.
    await patient.getByTestId('erasure-reason').fill('I am moving abroad and want my data gone.');
    await patient.getByTestId('erasure-send').click();
    const status = patient.locator('[data-testid^="erasure-"][data-testid$="-status"]').first();
    await expect(status).toContainText('Waiting for an administrator');
    await expect(status).toContainText('kept by law until');
    await patient.screenshot({ path: join(shots, 'my-data-en.png') });
    await patient.getByTestId('language-switch').selectOption('fr');
    await expect(patient.getByText('Télécharger mon dossier')).toBeVisible();
    await patient.screenshot({ path: join(shots, 'my-data-fr.png') });

    // The admin: the request with its hold; approving is not offered inside it, refusing needs a reason.
    const admin = await adminContext.newPage();
    await login(admin, ADMIN);
    await admin.getByTestId('nav-erasure').click();
    await expect(admin.getByTestId('erasure-requests-page')).toBeVisible();
    const row = admin.locator('li[data-testid^="erasure-"]').first();
    await expect(row).toContainText('I am moving abroad');
    const id = (await row.getAttribute('data-testid'))!.replace('erasure-', '');
    await admin.getByTestId(`erasure-${id}-reason`).fill('Inside the legal hold (CSP R.1112-7)');
    await expect(admin.getByTestId(`erasure-${id}-approve`)).toBeDisabled();
    await admin.screenshot({ path: join(shots, 'erasure-requests-en.png') });
    await admin.getByTestId('language-switch').selectOption('fr');
    await expect(admin.getByRole('heading', { name: 'Demandes d’effacement' })).toBeVisible();
    await admin.screenshot({ path: join(shots, 'erasure-requests-fr.png') });
    await admin.getByTestId(`erasure-${id}-refuse`).click();
    await expect(admin.getByTestId(`erasure-${id}-status`)).toContainText('Refusée');

    await patient.reload();
    await expect(patient.getByTestId(`erasure-${id}-status`)).toContainText('Refusée');
    await expect(patient.getByTestId(`erasure-${id}-status`)).toContainText('CSP R.1112-7');
  } finally {
    await patientContext.close();
    await adminContext.close();
  }
});
