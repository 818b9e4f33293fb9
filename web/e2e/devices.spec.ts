import { expect, test, type Download, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ADMIN, DOCTOR, login } from './login';

const here = dirname(fileURLToPath(import.meta.url));
const shot = (name: string) => join(here, 'screenshots', `${name}.png`);

const BUNDLE = ['ca.pem', 'device.pem', 'device.key', 'device.json'] as const;

async function download(page: Page, name: (typeof BUNDLE)[number]): Promise<{ file: Download; text: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(`download-${name}`).click()]);
  return { file, text: await readFile((await file.path())!, 'utf8') };
}

const rowOf = (page: Page, id: string) => page.locator(`[data-testid="device-row"][data-device-id="${id}"]`);

test('the admin provisions a device, downloads its bundle, rotates and revokes it', async ({ page }) => {
  await login(page, ADMIN);
  const form = page.getByTestId('provision-form');
  await expect(form).toBeVisible();
  await expect(page.getByTestId('device-row').first()).toBeVisible();

  // A demo patient, a type, and the generated id as it comes.
  const patientSelect = page.getByTestId('provision-patient');
  await expect(patientSelect.locator('option')).not.toHaveCount(1);
  const patientId = Number(await patientSelect.locator('option').nth(1).getAttribute('value'));
  await patientSelect.selectOption(String(patientId));
  await page.getByTestId('provision-type').selectOption('thermometer');
  const id = await page.getByTestId('provision-id').inputValue();
  expect(id).toMatch(/^FAJMA-[0-9A-F]{10}$/);
  await page.screenshot({ path: shot('devices-provision') });
  await page.getByTestId('provision-submit').click();

  // The one-time credentials panel, with the four pinned files.
  const panel = page.getByTestId('credentials-panel');
  await expect(panel).toHaveAttribute('data-device-id', id);
  await expect(page.getByTestId('credentials-once')).toContainText('shown only this once');
  for (const name of BUNDLE) await expect(page.getByTestId(`download-${name}`)).toBeVisible();
  const json = await download(page, 'device.json');
  expect(json.file.suggestedFilename()).toBe('device.json');
  const bundle = JSON.parse(json.text) as Record<string, unknown>;
  expect(Object.keys(bundle)).toEqual(['deviceId', 'patientId', 'secret', 'mqttUrl']);
  expect(bundle.deviceId).toBe(id);
  expect(bundle.patientId).toBe(patientId);
  expect(bundle.secret).toEqual(expect.stringMatching(/^[A-Za-z0-9_-]{16,}$/));
  expect(bundle.mqttUrl).toEqual(expect.stringMatching(/^mqtts:\/\//));
  const key = await download(page, 'device.key');
  expect(key.file.suggestedFilename()).toBe('device.key');
  expect(key.text).toContain('PRIVATE KEY');
  await expect(panel).toContainText('Downloaded: 2 of 4 files');
  await expect(rowOf(page, id)).toBeVisible(); // listed at once
  await page.screenshot({ path: shot('devices-credentials') });

  // Closing discards the secrets: the form comes back.
  await page.getByTestId('credentials-close').click();
  await expect(panel).toHaveCount(0);
  await expect(form).toBeVisible();

  // Rotate (after a confirmation): a new secret, in a new one-time panel.
  await rowOf(page, id).getByTestId('device-rotate').click();
  await page.getByTestId('rotate-dialog-confirm').click();
  await expect(panel).toHaveAttribute('data-device-id', id);
  await expect(panel).toContainText('New credentials issued');
  const rotated = JSON.parse((await download(page, 'device.json')).text) as Record<string, unknown>;
  expect(rotated.deviceId).toBe(id);
  expect(rotated.secret).not.toBe(bundle.secret);
  await page.getByTestId('credentials-close').click();

  // Revoke, behind a confirmation that says what it means.
  await rowOf(page, id).getByTestId('device-revoke').click();
  const dialog = page.getByTestId('revoke-dialog');
  await expect(dialog).toContainText('refused on every transport');
  await page.screenshot({ path: shot('devices-revoke') });
  await page.getByTestId('revoke-dialog-confirm').click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('devices-notice')).toContainText(`Device ${id} is revoked`);
  const row = rowOf(page, id);
  await expect(row).toHaveAttribute('data-revoked', 'true');
  await expect(row.getByTestId('device-revoked')).toContainText('Revoked');
  await expect(row.getByRole('button')).toHaveCount(0);
  await row.scrollIntoViewIfNeeded();
  await page.screenshot({ path: shot('devices-revoked') });
});

test('an id that is already taken is refused next to the id field', async ({ page }) => {
  await login(page, ADMIN);
  const taken = await page.getByTestId('device-row').first().getAttribute('data-device-id');
  const patientSelect = page.getByTestId('provision-patient');
  await patientSelect.selectOption({ index: 1 });
  await page.getByTestId('provision-type').selectOption('pulse_oximeter');
  await page.getByTestId('provision-id').fill(taken!);
  await page.getByTestId('provision-submit').click();
  await expect(page.getByTestId('provision-error-id')).toContainText('already exists');
  await expect(page.getByTestId('provision-id')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('credentials-panel')).toHaveCount(0);
  // Checked before sending, too: an id the server would refuse.
  await page.getByTestId('provision-id').fill('not valid!');
  await page.getByTestId('provision-submit').click();
  await expect(page.getByTestId('provision-error-id')).toContainText('letters, digits');
});

test('the doctor sees their patients\' devices, without administration, and sets a sampling rate the device carries out', async ({ page }) => {
  await login(page, DOCTOR);
  await page.getByTestId('nav-devices').click();
  await expect(page).toHaveURL(/\/devices$/);
  const row = page.getByTestId('device-row').first();
  await expect(row).toBeVisible();
  await expect(page.getByTestId('provision-form')).toHaveCount(0);
  await expect(page.getByTestId('device-revoke')).toHaveCount(0);
  await expect(page.getByTestId('device-rotate')).toHaveCount(0);
  // A demo ESP32 (it speaks MQTT through the cluster's broker) is asked for twice its rate: the device answers, live.
  const esp32 = page.locator('[data-testid="device-row"][data-device-id^="24:6F:28"]').first();
  const id = await esp32.getAttribute('data-device-id');
  await esp32.getByTestId('device-commands-toggle').click();
  const controls = page.locator(`[data-testid="device-command-controls"][data-device-id="${id}"]`);
  await expect(page.getByTestId('command-reboot')).toHaveCount(0); // rebooting is the admins'
  const done = page.locator(`[data-testid="device-commands"][data-device-id="${id}"] [data-testid="device-command"][data-status="successful"]`);
  await expect(controls).toHaveAttribute('data-loaded', 'true'); // the server's list, not the empty one before it
  const before = await done.count();
  await controls.getByTestId('command-rate').selectOption('2');
  await controls.getByTestId('command-set-rate').click();
  await expect(done).toHaveCount(before + 1, { timeout: 20_000 });
  // And back to its normal rate, so the other tests see the demo as it was.
  await controls.getByTestId('command-rate').selectOption('1');
  await controls.getByTestId('command-set-rate').click();
  await expect(done).toHaveCount(before + 2, { timeout: 20_000 });
});
