import { expect, test } from '@playwright/test';
import { gotoWithTheme } from './pages';

test('a diagram is drawn when scrolled near, and redrawn for dark mode', async ({ page }) => {
  await gotoWithTheme(page, '/foundations/cap/', 'light');
  const figure = page.locator('[data-diagram]').first();
  await figure.scrollIntoViewIfNeeded();
  await expect(figure).toHaveAttribute('data-rendered', 'default');
  await expect(figure.locator('svg')).toBeVisible();
  await expect(figure.locator('[data-diagram-source]')).toBeHidden();

  await page.evaluate(() => (document.documentElement.dataset.theme = 'dark'));
  await expect(figure).toHaveAttribute('data-rendered', 'dark');
  await expect(figure.locator('svg')).toBeVisible();
});

test('a wide diagram on a phone keeps readable text and scrolls sideways by keyboard', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/transactions/two-phase-commit/');
  // The lesson's first figure: a flowchart wider than a phone.
  const figure = page.locator('[data-diagram]').first();
  await figure.scrollIntoViewIfNeeded();
  await expect(figure).toHaveAttribute('data-rendered', 'default');
  const { shown, natural, focusable } = await figure.evaluate((f) => {
    const svg = f.querySelector('svg')!;
    const canvas = f.querySelector<HTMLElement>('[data-diagram-canvas]')!;
    return { shown: svg.getBoundingClientRect().width, natural: svg.viewBox.baseVal.width, focusable: canvas.tabIndex === 0 };
  });
  expect(shown / natural).toBeGreaterThanOrEqual(0.69); // Mermaid's 16px text stays above 11px
  expect(focusable).toBe(true);
});

test('diagram source stays out of the search index', async ({ page }) => {
  await page.goto('/transactions/two-phase-commit/');
  const ignored = await page.locator('[data-diagram-source]').evaluateAll((els) => els.every((e) => e.hasAttribute('data-pagefind-ignore')));
  expect(ignored).toBe(true);
});

test('pages without diagrams never download Mermaid', async ({ page }) => {
  const scripts: string[] = [];
  page.on('request', (r) => r.resourceType() === 'script' && scripts.push(r.url()));
  await page.goto('/');
  await page.mouse.wheel(0, 4000);
  await page.waitForLoadState('networkidle');
  expect(scripts.filter((u) => /mermaid/i.test(u))).toEqual([]);
});

test('without scripts a diagram is readable as text', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/foundations/cap/');
  await expect(page.locator('[data-diagram-source]').first()).toBeVisible();
  await context.close();
});
