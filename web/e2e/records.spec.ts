import { expect, test } from '@playwright/test';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { login, PATIENT } from './login';

const here = dirname(fileURLToPath(import.meta.url));
const shots = join(here, '..', '..', 'docs', 'screenshots');

test('a patient downloads their whole record as a FHIR Bundle from their board', async ({ page }) => {
  await login(page, PATIENT);
  const panel = page.getByTestId('record-download');
  await expect(panel).toBeVisible();

  const downloading = page.waitForEvent('download');
  await panel.getByTestId('record-download-button').click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^fajma-record-\d+-\d{4}-\d{2}-\d{2}\.fhir\.json$/);
  const bundle = JSON.parse(readFileSync((await download.path())!, 'utf8')) as { resourceType: string; entry: { resource: { resourceType: string } }[] };
  expect(bundle.resourceType).toBe('Bundle');
  const types = new Set(bundle.entry.map((e) => e.resource.resourceType));
  expect(types.has('Patient')).toBe(true);
  expect(types.has('Observation')).toBe(true);

  mkdirSync(shots, { recursive: true });
  await page.setViewportSize({ width: 1280, height: 900 });
  await panel.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await page.screenshot({ path: join(shots, 'record-download-en.png') });
  await page.getByTestId('language-switch').selectOption('fr');
  await expect(panel.getByText('Télécharger mon dossier (FHIR)')).toBeVisible();
  await panel.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await page.screenshot({ path: join(shots, 'record-download-fr.png') });
  await page.getByTestId('language-switch').selectOption('en');
});
