// Shared helpers for the browser tests: the list of built pages and theme switching.
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Page } from '@playwright/test';

const dist = join(import.meta.dirname, '..', '..', 'dist');

/** Every built HTML page as a site path (`/`, `/foundations/cap/`), 404 included. */
export function builtPages(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) {
        if (name !== '_astro' && name !== 'pagefind') walk(path);
      } else if (name.endsWith('.html')) {
        const rel = '/' + relative(dist, path).replace(/\\/g, '/');
        out.push(rel.endsWith('/index.html') ? rel.slice(0, -'index.html'.length) : rel);
      }
    }
  };
  walk(dist);
  return out.sort();
}

/** Open a page with Starlight's theme preset to `theme` (stored before any script runs). */
export async function gotoWithTheme(page: Page, path: string, theme: 'light' | 'dark'): Promise<void> {
  await page.addInitScript((t) => localStorage.setItem('starlight-theme', t), theme);
  await page.goto(path);
}

/** Wait until the island around `selector` has hydrated (Astro drops `ssr` from <astro-island> then). */
export async function waitForIsland(page: Page, selector: string): Promise<void> {
  await page.locator(selector).first().scrollIntoViewIfNeeded();
  await page.waitForFunction((sel) => {
    const island = document.querySelector(sel)?.closest('astro-island');
    return !!island && !island.hasAttribute('ssr');
  }, selector);
  // A player placeholder still on screen will mount and change height, moving what the test is
  // about to click: wait until every one in view (hydrating, as it is visible) has mounted.
  await page.waitForFunction(() =>
    Array.from(document.querySelectorAll('[data-testid=player-pending]')).every((e) => {
      const r = e.getBoundingClientRect();
      return r.height === 0 || r.bottom < 0 || r.top > window.innerHeight;
    }),
  );
}
