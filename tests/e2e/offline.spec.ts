// No request leaves the site: every page, scrolled through so lazy parts load, asks only its own origin.
import { expect, test } from '@playwright/test';
import { builtPages } from './pages';

test('every page loads only from its own origin', async ({ page, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  const foreign: string[] = [];
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (!['data:', 'blob:'].includes(url.protocol) && url.origin !== origin) foreign.push(`${page.url()} → ${r.url()}`);
  });
  for (const path of builtPages()) {
    await page.goto(path);
    await page.mouse.wheel(0, 20000);
    await page.waitForLoadState('networkidle');
  }
  expect(foreign).toEqual([]);
});

test('pages carry a Content-Security-Policy limited to the site', async ({ page }) => {
  await page.goto('/');
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).toContain("default-src 'self'");
  expect(csp).not.toMatch(/https?:/);
});
