import { expect, test, type Page } from '@playwright/test';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bearer, DOCTOR, login } from './login';

const here = dirname(fileURLToPath(import.meta.url));

async function openBoard(page: Page) {
  await login(page); // as the demo doctor
  await expect(page.getByTestId('patient-card').first()).toBeVisible({ timeout: 30_000 });
}

test('the board shows patients whose heart rate updates live', async ({ page }) => {
  await openBoard(page);
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'connected', { timeout: 30_000 });

  // Some patient's heart rate must change: pick the first card whose value is a number, then wait.
  const values = page.getByTestId('vital-heart_rate');
  await expect.poll(async () => (await values.allTextContents()).some((t) => /\d/.test(t)), { timeout: 30_000 }).toBe(true);
  const before = await values.allTextContents();
  await expect
    .poll(async () => {
      const now = await values.allTextContents();
      return now.some((t, i) => /\d/.test(t) && t !== before[i]);
    }, { timeout: 30_000, intervals: [500] })
    .toBe(true);

  // Every vital sign has its element on every card, showing a number or "—".
  const card = page.getByTestId('patient-card').first();
  for (const type of ['heart_rate', 'spo2', 'temperature', 'blood_pressure', 'respiratory_rate']) {
    await expect(card.getByTestId(`vital-${type}`)).toHaveText(/^(—|[\d.,/]+)$/);
  }

  await page.waitForTimeout(1500); // let the sparklines draw a little
  await page.screenshot({ path: join(here, 'screenshots', 'board.png') });
});

test('clicking a card shows the history chart; doubtful readings are circled', async ({ page }) => {
  await openBoard(page);
  // A loose cuff (demo only): the first patient's blood pressure readings arrive with a quality under the
  // alert rules' bar and are stored so; the history circles them.
  const headers = await bearer(page.request, DOCTOR);
  const patients = (await (await page.request.get('/api/v1/patients', { headers })).json()) as { id: number; displayName: string }[];
  const first = patients[0]!;
  expect((await page.request.post('/api/v1/demo/episodes', { headers, data: { patientId: first.id, kind: 'poor_contact', seconds: 60 } })).status()).toBe(204);
  await expect
    .poll(async () => {
      const history = (await (await page.request.get(`/api/v1/patients/${first.id}/observations?type=blood_pressure&limit=20`, { headers })).json()) as {
        items: { doubtful?: boolean }[];
      };
      return history.items.some((o) => o.doubtful);
    }, { timeout: 30_000 })
    .toBe(true);
  const card = page.getByTestId('patient-card').filter({ hasText: first.displayName });
  await expect(card.getByTestId('doubtful-blood_pressure')).toBeVisible();
  await card.click();
  const chart = page.getByTestId('history-chart');
  await expect(chart).toBeVisible();
  const canvas = chart.locator('canvas');
  await expect(canvas).toHaveCount(1);
  const box = await canvas.boundingBox();
  expect(box?.width ?? 0).toBeGreaterThan(200);
  expect(box?.height ?? 0).toBeGreaterThan(100);

  // The canvas is drawn: it has non-transparent pixels (axes, grid and, with data, the line).
  const painted = await canvas.evaluate((c: HTMLCanvasElement) => {
    const ctx = c.getContext('2d')!;
    const { data } = ctx.getImageData(0, 0, c.width, c.height);
    let n = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) n++;
    return n;
  });
  expect(painted).toBeGreaterThan(500);

  await page.getByTestId('history-range-6').click();
  await expect(page.getByTestId('history-range-6')).toHaveAttribute('aria-pressed', 'true');
  await expect(chart.locator('canvas')).toHaveCount(1);
  await page.getByTestId('history-type-blood_pressure').click();
  await expect(page.getByTestId('history-doubtful')).toBeVisible();
  await page.screenshot({ path: join(here, 'screenshots', 'history.png') });

  // A doctor's sheet also holds the NEWS2 assessment and the patient's alert limits.
  await page.getByTestId('news2-inputs').evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await expect(page.getByTestId('threshold-editor')).toBeVisible();
  await page.screenshot({ path: join(here, 'screenshots', 'history-limits.png') });
});

test('switching the language to French translates the page and is remembered', async ({ page }) => {
  await openBoard(page);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByText('Live monitoring')).toBeVisible();

  await page.getByTestId('language-switch').selectOption('fr');
  await expect(page.getByText('Surveillance en direct')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await expect(page.getByTestId('connection-status')).toHaveText(/En direct|Connexion|Reconnexion|Hors ligne/);

  await page.reload();
  await expect(page.getByText('Surveillance en direct')).toBeVisible();
});
