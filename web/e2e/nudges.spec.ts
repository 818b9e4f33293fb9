import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { base64UrlDecode, base64UrlEncode, canonicalJson, importDeviceSecret, payloadChecksum } from '../src/relay/signing';
import { ADMIN, bearer, DOCTOR, login, PATIENT } from './login';

const here = dirname(fileURLToPath(import.meta.url));
const shot = (name: string) => join(here, '..', '..', 'docs', 'screenshots', name);

/** A new oximeter for the demo patient, as the admin provisions it: its id and secret. */
async function provisionOximeter(request: APIRequestContext): Promise<{ patientId: number; deviceId: string; secret: string }> {
  const patient = await bearer(request, PATIENT);
  const [mine] = (await (await request.get('/api/v1/patients', { headers: patient })).json()) as { id: number }[];
  const deviceId = `oxi-e2e-${Date.now()}`;
  const res = await request.post('/api/v1/devices', { headers: await bearer(request, ADMIN), data: { id: deviceId, type: 'pulse_oximeter', patientId: mine!.id } });
  expect(res.status()).toBe(201);
  return { patientId: mine!.id, deviceId, secret: ((await res.json()) as { secret: string }).secret };
}

/** One signed reading reporting the battery at `battery` %, as the oximeter itself sends it. */
async function sendBattery(request: APIRequestContext, deviceId: string, secret: string, battery: number): Promise<void> {
  const timestamp = new Date().toISOString();
  const payload = {
    measurements: [{ type: 'heart_rate', value: 72, unit: 'bpm', quality: 95, timestamp }],
    device_status: { battery_level: battery, signal_strength: -50, last_calibration: timestamp },
  };
  const unsigned = {
    header: { message_id: crypto.randomUUID(), timestamp, device_id: deviceId, message_type: 'VITAL_SIGNS', protocol_version: '1.0', checksum: await payloadChecksum(payload) },
    payload,
  };
  const key = await importDeviceSecret(base64UrlDecode(secret)!);
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(canonicalJson(unsigned))));
  const res = await request.post('/api/v1/iot/realtime-data/', { data: { ...unsigned, signature: 'hmac-sha256:' + base64UrlEncode(mac) } });
  expect(res.ok()).toBe(true);
}

async function patientPage(page: Page, lang: 'en' | 'fr'): Promise<void> {
  await page.addInitScript((l) => localStorage.setItem('fajma.language', l), lang);
  await login(page, PATIENT);
}

test('a low battery nudges the patient with a calm banner; the doctor sees the patient was nudged, not paged', async ({ page, browser }) => {
  const { deviceId, secret } = await provisionOximeter(page.request);
  await sendBattery(page.request, deviceId, secret, 9);

  await patientPage(page, 'en');
  const banner = page.getByTestId('nudge-banner');
  await expect(banner).toContainText('Your oximeter needs charging (battery at 9 %)', { timeout: 15_000 });
  await page.screenshot({ path: shot('nudge-patient-en.png') });

  const fr = await browser.newPage();
  await patientPage(fr, 'fr');
  await expect(fr.getByTestId('nudge-banner')).toContainText('Votre oxymètre doit être rechargé (batterie à 9 %)', { timeout: 15_000 });
  await fr.screenshot({ path: shot('nudge-patient-fr.png') });
  await fr.close();

  const doctor = await browser.newPage();
  await login(doctor, DOCTOR);
  await expect(doctor.getByTestId('nudged-mark').first()).toContainText('Patient nudged (battery low), not paged', { timeout: 30_000 });
  await doctor.close();

  // "Got it" hides the banner; the nudge stays open until the battery is charged.
  await banner.getByRole('button', { name: 'Got it' }).click();
  await expect(banner).toBeHidden();
  await sendBattery(page.request, deviceId, secret, 80);
});
