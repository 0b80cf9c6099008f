// axe on every built page, in both themes and at desktop and phone width (tables and the player
// scroll differently on a phone). Any violation fails with its rule and targets.
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { builtPages, gotoWithTheme } from './pages';

for (const path of builtPages()) {
  for (const [theme, width] of [['light', 1280], ['dark', 1280], ['light', 375]] as const) {
    test(`axe finds nothing on ${path} (${theme}, ${width}px)`, async ({ page }) => {
      // Hydrating every island, drawing every diagram and then axe over a page with two live players
      // (~3,700 elements; axe alone takes ~10 s there) outlasts the default 30 s when CI runs two
      // workers on two cores.
      test.setTimeout(180_000);
      await page.setViewportSize({ width, height: 900 });
      await gotoWithTheme(page, path, theme);
      // Bring lazy islands and diagrams in, so what hydrates is checked too. The loop runs here,
      // not in the page: a page-side loop that awaited the page's own frames or timers hung for the
      // whole timeout now and then in CI (2 of 30 runs on long pages), and only needs the intersection
      // observers to see each screenful.
      // The page grows as islands mount, so its height is read again at every step.
      const height = () => page.evaluate(() => document.body.scrollHeight);
      for (let y = 0; y < (await height()); y += 600) {
        await page.evaluate((top) => window.scrollTo(0, top), y);
        await page.waitForTimeout(50);
      }
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.waitForLoadState('networkidle');
      const results = await new AxeBuilder({ page }).analyze();
      const found = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      expect(found).toEqual([]);
    });
  }
}
