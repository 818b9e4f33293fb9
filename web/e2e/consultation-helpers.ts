import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { DEMO_PASSWORD, DOCTOR, fillLogin, PATIENT } from './login';

/** Chromium flags with which two contexts complete a real call on loopback with fake camera and microphone. */
export const WEBRTC_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
  '--disable-features=WebRtcHideLocalIpsWithMdns',
  '--autoplay-policy=no-user-gesture-required',
];

export interface Party {
  context: BrowserContext;
  page: Page;
}

/** A context with camera and microphone granted, signed in as `email`. */
export async function signedIn(browser: Browser, baseURL: string, email: string, init?: () => void): Promise<Party> {
  const context = await browser.newContext({ baseURL, permissions: ['camera', 'microphone'], viewport: { width: 1440, height: 900 }, locale: 'en-US', timezoneId: 'Europe/Paris' });
  if (init) await context.addInitScript(init);
  const page = await context.newPage();
  page.on('console', (m) => m.type() === 'error' && console.log(`[${email}] ${m.text()}`));
  await page.goto('/');
  await fillLogin(page, email, DEMO_PASSWORD);
  await expect(page.getByTestId('user-menu')).toBeVisible();
  return { context, page };
}

/** The demo patient's id, read from their own board. */
export async function demoPatientId(patient: Page): Promise<number> {
  const card = patient.getByTestId('patient-card').first();
  await expect(card).toBeVisible({ timeout: 30_000 });
  return Number(await card.getAttribute('data-patient-id'));
}

/** The doctor schedules a consultation with the patient through the form; returns its id. */
export async function schedule(doctor: Page, patientId: number, reason: string): Promise<number> {
  await doctor.getByTestId('nav-consultations').click();
  await expect(doctor.getByTestId('schedule-form')).toBeVisible();
  const select = doctor.getByTestId('schedule-patient');
  await expect(select.locator(`option[value="${patientId}"]`)).toHaveCount(1);
  await select.selectOption(String(patientId));
  await doctor.getByTestId('schedule-reason').fill(reason);
  const [response] = await Promise.all([
    doctor.waitForResponse((r) => r.url().endsWith('/api/v1/consultations') && r.request().method() === 'POST'),
    doctor.getByTestId('schedule-submit').click(),
  ]);
  expect(response.status()).toBe(201);
  const id = ((await response.json()) as { id: number }).id;
  await expect(row(doctor, id)).toBeVisible();
  return id;
}

export const row = (page: Page, id: number) => page.locator(`[data-testid="consultation-row"][data-consultation-id="${id}"]`);

/**
 * From a scheduled consultation to a live call: the doctor opens the room, the patient joins the
 * waiting room, the doctor starts, the patient accepts, the doctor begins. `onWaiting` runs while
 * the patient waits (screenshots).
 */
export async function connect(doctor: Page, patient: Page, id: number, onWaiting?: () => Promise<void>): Promise<void> {
  await row(doctor, id).getByTestId('open-room').click();
  await expect(doctor.getByTestId('room')).toHaveAttribute('data-state', 'scheduled');

  await patient.getByTestId('nav-consultations').click();
  await row(patient, id).getByTestId('join').click();
  await expect(patient.getByTestId('waiting-room')).toBeVisible();
  await expect(patient.getByTestId('waiting-status')).toContainText('Your doctor will let you in');
  await expect(doctor.getByTestId('stage-placeholder')).toContainText('The patient is in the waiting room');
  if (onWaiting) await onWaiting();

  await doctor.getByTestId('action-start').click();
  await expect(doctor.getByTestId('room')).toHaveAttribute('data-state', 'connecting');
  await expect(patient.getByTestId('invite')).toBeVisible();
  await patient.getByTestId('accept').click();
  await expect(patient.getByTestId('room')).toHaveAttribute('data-state', /iot_sync|active/);
  await expect(doctor.getByTestId('action-begin')).toBeVisible();
  await doctor.getByTestId('action-begin').click();
  await expect(doctor.getByTestId('room')).toHaveAttribute('data-state', 'active');
  await expect(patient.getByTestId('room')).toHaveAttribute('data-state', 'active');
}

/** The page's peer connection is connected and the remote <video> shows moving frames. */
export async function expectLiveVideo(page: Page): Promise<void> {
  await expect(page.getByTestId('call-status')).toHaveAttribute('data-pc-state', 'connected', { timeout: 30_000 });
  const video = page.getByTestId('remote-video');
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.videoWidth), { timeout: 20_000 }).toBeGreaterThan(0);
  const t1 = await video.evaluate((v: HTMLVideoElement) => v.currentTime);
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime), { timeout: 10_000 }).toBeGreaterThan(t1 + 0.3);
}

/** Sends a chat message from one page and waits for it on the other. */
export async function chat(from: Page, to: Page, text: string): Promise<void> {
  await from.getByTestId('chat-input').fill(text);
  await from.getByTestId('chat-input').press('Enter');
  await expect(from.locator('[data-testid="chat-message"][data-status="sent"]', { hasText: text })).toHaveCount(1);
  await expect(to.locator('[data-testid="chat-message"]', { hasText: text })).toHaveCount(1);
}

/**
 * The doctor ends the call (writing `note` when given) and confirms: the doctor's page lands on the finished view of a
 * completed consultation, and so does each of `others` (the patient's, a guest's).
 */
export async function end(doctor: Page, others: Page[] = [], note?: string): Promise<void> {
  await doctor.getByTestId('action-end').click();
  if (note !== undefined) await doctor.getByTestId('end-note').fill(note);
  await doctor.getByTestId('end-confirm').click();
  await expect(doctor.getByTestId('room-finished')).toHaveAttribute('data-state', 'completed');
  for (const page of others) await expect(page.getByTestId('room-finished')).toBeVisible();
}

export { DOCTOR, PATIENT };
