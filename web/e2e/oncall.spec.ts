import { expect, test } from '@playwright/test';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ADMIN, DEMO_PASSWORD, DOCTOR, bearer, login } from './login';

const here = dirname(fileURLToPath(import.meta.url));
const shot = (name: string) => join(here, 'screenshots', `${name}.png`);

test('the admin creates a rota and the doctor in it sees in the header that they are on call', async ({ page, browser, request }) => {
  const signIn = await request.post('/api/v1/auth/login', { data: { email: DOCTOR, password: DEMO_PASSWORD } });
  const me = ((await signIn.json()) as { user: { id: number } }).user;
  const name = `Cardiology on call ${Date.now() % 100_000}`;
  // The Paris date whose 08:00 handover began the shift under way now: the doctor takes that shift, a colleague the next.
  const shiftDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(Date.now() - 8 * 3_600_000),
  );

  await login(page, ADMIN);
  await page.getByTestId('nav-rotas').click();
  await page.getByTestId('rota-new').click();
  const editor = page.getByTestId('rota-editor');
  await editor.getByLabel('Name').fill(name);
  await editor.getByLabel('Time zone').fill('Europe/Atlantis');
  await editor.getByLabel('Shifts').selectOption('daily');
  await editor.getByLabel('First handover on').fill(shiftDay);
  await editor.getByLabel('Handover time').fill('08:00');
  const add = page.getByTestId('rota-add-member');
  await add.selectOption(String(me.id));
  await page.getByTestId('rota-add-member-button').click();
  const colleague = await add.locator(`option:not([value=""]):not([value="${me.id}"])`).first().getAttribute('value');
  await add.selectOption(colleague!);
  await page.getByTestId('rota-add-member-button').click();
  await expect(page.getByTestId('rota-member')).toHaveCount(2);

  // A zone that does not exist is named under its field, and nothing is saved.
  await page.getByTestId('rota-save').click();
  await expect(page.getByTestId('rota-error-timeZone')).toContainText('Choose a time zone');
  await editor.getByLabel('Time zone').fill('Europe/Paris');
  await page.getByTestId('rota-save').click();

  const card = page.getByTestId('rota-card').filter({ hasText: name });
  await expect(card).toContainText('On call now');
  await card.click();
  await expect(page.getByTestId('rota-shift').first()).toBeVisible();
  await expect(page.getByTestId('rota-week')).toContainText('08:00');
  await page.screenshot({ path: shot('rota-editor-en'), fullPage: true });
  await page.getByTestId('language-switch').selectOption('fr');
  await expect(page.getByTestId('rota-week')).toContainText('Qui est d’astreinte');
  await page.screenshot({ path: shot('rota-editor-fr'), fullPage: true });
  await page.getByTestId('language-switch').selectOption('en');

  // The doctor, in their own session, reads it in the header: on call until the next handover at 08:00.
  const doctor = await browser.newContext();
  const doctorPage = await doctor.newPage();
  await login(doctorPage, DOCTOR);
  await expect(doctorPage.getByTestId('oncall-indicator')).toContainText(/On call until .*08:00/);
  await doctorPage.screenshot({ path: shot('oncall-header-en'), clip: { x: 0, y: 0, width: 1440, height: 64 } });
  await doctor.close();

  // Leave the demo's paging order as it was.
  const adminAuth = await bearer(request, ADMIN);
  const rotas = (await (await request.get('/api/v1/rotas', { headers: adminAuth })).json()) as { id: number; name: string }[];
  const id = rotas.find((r) => r.name === name)!.id;
  expect((await request.delete(`/api/v1/rotas/${id}`, { headers: adminAuth })).status()).toBe(204);
});
