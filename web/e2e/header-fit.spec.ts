import { expect, test } from '@playwright/test';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ADMIN, DOCTOR, login } from './login';

const here = dirname(fileURLToPath(import.meta.url));
const shots = join(here, '..', 'test-results', 'header');

// The header holds on one line at 1280 px in both languages: nothing wraps (the French tagline and "Se déconnecter" did).
for (const who of [DOCTOR, ADMIN])
  test(`the header of ${who} fits one line at 1280 px in English and French`, async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await login(page, who);
    for (const lang of ['en', 'fr']) {
      await page.getByTestId('language-switch').selectOption(lang);
      await expect(page.getByTestId('logout')).toHaveText(lang === 'fr' ? 'Se déconnecter' : 'Sign out');
      const header = (await page.locator('.topbar').boundingBox())!;
      const logout = (await page.getByTestId('logout').boundingBox())!;
      const lineHeight = await page.getByTestId('logout').evaluate((e) => parseFloat(getComputedStyle(e).lineHeight) || 20);
      await page.screenshot({ path: join(shots, `${who.split('@')[0]}-${lang}.png`), clip: { x: 0, y: 0, width: 1280, height: 120 } });
      expect(header.height).toBeLessThan(64);
      expect(logout.height).toBeLessThan(lineHeight * 2);
      // The tagline (clinical screens only) gives way below 1440 px: hidden, it has no box.
      const tagline = page.locator('.topbar__sub');
      const sub = (await tagline.count()) ? await tagline.boundingBox() : null;
      if (sub) expect(sub.height).toBeLessThan(lineHeight * 1.6);
    }
  });
