// `npm run audit`: Lighthouse (mobile, the default config) on every built page, served by
// scripts/serve-dist.mjs, in the system Chromium. Prints one line per page with the four category scores
// and the JavaScript the page loads before any scrolling, and fails when a page is under budget:
// performance 0.95, accessibility 1.0, best practices 0.95, SEO 0.95 (DESIGN.md, "Quality budgets").
// Lighthouse's performance score varies from run to run on a shared machine (its TBT is measured
// main-thread time, scaled): each page is run AUDIT_RUNS times (default 3) and judged on the run
// with the median performance score, as Lighthouse's docs on variability advise; the line shows
// the spread. Run `npm run build` first. Set CHROME_PATH to use another Chromium.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';

const root = new URL('..', import.meta.url).pathname;
const dist = join(root, 'dist');
const port = Number(process.env.AUDIT_PORT ?? 4398);
const runs = Math.max(1, Number(process.env.AUDIT_RUNS ?? 3));
const budget = { performance: 0.95, accessibility: 1, 'best-practices': 0.95, seo: 0.95 };

function pages(dir = dist) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return ['_astro', 'pagefind'].includes(name) ? [] : pages(path);
    if (!name.endsWith('.html') || name === '404.html') return [];
    return ['/' + relative(dist, path).replace(/index\.html$/, '')];
  });
}

async function waitFor(url, tries = 60) {
  for (let i = 0; i < tries; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`preview server did not answer at ${url}`);
}

if (!existsSync(dist)) {
  console.error('audit: dist/ is missing; run `npm run build` first.');
  process.exit(2);
}

const server = spawn(process.execPath, [join(root, 'scripts', 'serve-dist.mjs'), String(port)], { cwd: root, stdio: 'ignore' });
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
let failures = 0;
try {
  await waitFor(`http://127.0.0.1:${port}/`);
  for (const path of pages()) {
    const lhrs = [];
    for (let i = 0; i < runs; i++) {
      const { lhr } = await lighthouse(`http://127.0.0.1:${port}${path}`, { port: chrome.port, logLevel: 'error', output: 'json' });
      lhrs.push(lhr);
    }
    const perf = (r) => r.categories.performance?.score ?? 0;
    lhrs.sort((a, b) => perf(a) - perf(b));
    const lhr = lhrs[Math.floor((lhrs.length - 1) / 2)];
    const spread = runs > 1 ? ` (runs ${perf(lhrs[0]).toFixed(2)}–${perf(lhrs[lhrs.length - 1]).toFixed(2)})` : '';
    const scores = Object.fromEntries(Object.keys(budget).map((k) => [k, lhr.categories[k]?.score ?? 0]));
    const requests = lhr.audits['network-requests']?.details?.items ?? [];
    const jsKb = requests.filter((r) => r.resourceType === 'Script').reduce((sum, r) => sum + (r.transferSize ?? 0), 0) / 1024;
    const under = Object.entries(budget).filter(([k, min]) => scores[k] < min).map(([k]) => k);
    if (under.length) failures++;
    console.log(
      `${path.padEnd(36)} perf=${scores.performance.toFixed(2)}${spread} a11y=${scores.accessibility.toFixed(2)} ` +
        `bp=${scores['best-practices'].toFixed(2)} seo=${scores.seo.toFixed(2)} js=${jsKb.toFixed(1)}kB` +
        (under.length ? `  UNDER BUDGET: ${under.join(', ')}` : ''),
    );
    for (const k of under) {
      const failing = Object.values(lhr.audits).filter((a) => a.score !== null && a.score < 1 && lhr.categories[k].auditRefs.some((r) => r.id === a.id && r.weight > 0));
      for (const a of failing.slice(0, 6)) console.log(`    ${k}: ${a.id} (${a.displayValue ?? a.score})`);
    }
  }
} finally {
  await chrome.kill();
  server.kill();
}
console.log(failures ? `audit: ${failures} page(s) under budget` : 'audit: every page within budget');
process.exit(failures ? 1 : 0);
