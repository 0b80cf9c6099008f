// `npm test`: every check the project has, in order, with one closing line for the whole run.
// Stages: unit and content tests (Vitest), types (astro check and tsc), own words (seed-overlap), the
// site build, and browser tests (Playwright on the built site). A stage that cannot produce
// per-test counts counts as one test. Exits non-zero when anything failed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const reports = join(root, '.reports');
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

const totals = { passed: 0, failed: 0 };
const lines = [];

function run(command, args, env = {}) {
  console.log(`\n▶ ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status === 0;
}

function record(stage, passed, failed) {
  totals.passed += passed;
  totals.failed += failed;
  lines.push(`${stage.padEnd(14)} ${passed} passed, ${failed} failed`);
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

// 1. Unit and content tests.
const vitestReport = join(reports, 'vitest.json');
const vitestOk = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestReport}`]);
const vitest = readJson(vitestReport);
if (vitest) record('unit+content', vitest.numPassedTests, vitest.numFailedTests + (vitestOk || vitest.numFailedTests ? 0 : 1));
else record('unit+content', 0, 1);

// 2. Types across src, sandboxes, scripts and tests.
// astro check reads .astro and MDX; plain tsc holds scripts and tests to the same strict config.
const typesOk = run('npx', ['astro', 'check', '--minimumSeverity', 'error']) && run('npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']);
record('types', typesOk ? 1 : 0, typesOk ? 0 : 1);

// 3. Our own words: no prose copied from the reference documents.
const overlapTool = join(root, '..', 'shared', 'tools', 'seed-overlap.mjs');
if (existsSync(overlapTool)) {
  const ok = run('node', [overlapTool, 'content', 'src']);
  record('seed-overlap', ok ? 1 : 0, ok ? 0 : 1);
} else {
  console.log('\n(seed-overlap skipped: ../shared/tools/seed-overlap.mjs is not beside this checkout)');
}

// 4. The site builds.
const buildOk = run('npx', ['astro', 'build']);
record('build', buildOk ? 1 : 0, buildOk ? 0 : 1);

// 5. Browser tests against the built site.
if (buildOk) {
  const e2eReport = join(reports, 'playwright.json');
  const e2eOk = run('npx', ['playwright', 'test'], { PLAYWRIGHT_JSON_OUTPUT_NAME: e2eReport });
  const stats = readJson(e2eReport)?.stats;
  if (stats) record('browser', stats.expected + stats.flaky, stats.unexpected + (e2eOk || stats.unexpected ? 0 : 1));
  else record('browser', 0, 1);
} else {
  record('browser', 0, 1);
}

console.log('\n' + lines.join('\n'));
console.log(`${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed === 0 ? 0 : 1);
