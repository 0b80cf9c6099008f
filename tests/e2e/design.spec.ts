// The guided design exercise, walked with the keyboard alone on a phone-sized screen: ask a
// clarifying question, type a right figure, place components, pick mechanisms with a dual write,
// run the lab and watch the run that loses an event, switch to an outbox and see that requirement
// met, then reload and find every answer kept.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { gotoWithTheme, waitForIsland } from './pages';

const PAGE = '/design/order-payment-consistency/';
const exercise = parse(readFileSync(join(import.meta.dirname, '..', '..', 'content', 'design', 'order-payment.yaml'), 'utf8'));
const essential: { id: string }[] = exercise.clarify.filter((q: { essential: boolean }) => q.essential);

test.use({ viewport: { width: 390, height: 844 } });

/** Focus a control and press a key on it: the walk never clicks. */
async function press(target: Locator, key = 'Enter') {
  await target.focus();
  await expect(target).toBeFocused();
  await target.page().keyboard.press(key);
}

async function goNext(page: Page, step: string) {
  await press(page.getByTestId('design-next'));
  await expect(page.getByTestId('design')).toHaveAttribute('data-step', step);
  // Moving to a step puts focus on its heading.
  await expect(page.locator('.cl-design__title')).toBeFocused();
}

async function noSideScroll(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
}

test('a keyboard-only walk: the lab finds the dual write losing an event, an outbox fixes it, and answers survive a reload', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto(PAGE);
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await waitForIsland(page, '[data-testid=design]');
  const island = page.getByTestId('design');
  await expect(island).toHaveAttribute('data-ready', 'true');
  await expect(island).toHaveAttribute('data-step', 'clarify');

  // Step 1: ask one essential question.
  const question = island.locator(`[data-question="${essential[0].id}"]`);
  await press(question.getByTestId('design-ask'));
  await expect(question).toHaveAttribute('data-asked', 'true');
  await expect(question).toContainText('Essential question.');
  await expect(island.getByTestId('design-essential-count')).toHaveText(`1 of ${essential.length} essential questions asked.`);
  await noSideScroll(page);

  // Step 2: a right figure (10,000 updates in flight for 50 ms each: 200,000 a second).
  await goNext(page, 'estimate');
  const rate = island.locator('[data-estimate="update-rate"]');
  await rate.getByTestId('design-figure').focus();
  await page.keyboard.type('200000');
  await expect(rate.getByTestId('design-verdict')).toHaveAttribute('data-state', 'right');
  await expect(rate.getByTestId('design-verdict')).toContainText('Right');
  await page.keyboard.press('Tab'); // leaving the field saves at once
  await noSideScroll(page);

  // Step 3: place components with the space bar; the diagram draws from them.
  await goNext(page, 'architecture');
  for (const id of ['gateway', 'order-service', 'order-db', 'payment-service', 'payment-db', 'broker', 'orchestrator']) {
    await press(island.locator(`[data-component="${id}"] input`), 'Space');
    await expect(island.locator(`[data-component="${id}"] input`)).toBeChecked();
  }
  await expect(island.getByTestId('design-diagram')).toHaveAttribute('data-state', 'drawn', { timeout: 20_000 });
  await expect(island.locator('.cl-design__canvas[role=img]')).toHaveAttribute('aria-label', /.+/);
  await noSideScroll(page);

  // Step 4: mechanisms, publishing with a dual write.
  await goNext(page, 'mechanisms');
  const choose = async (mechanism: string, option: string) => {
    const radio = island.locator(`[data-mechanism="${mechanism}"] [data-option="${option}"] input`);
    await press(radio, 'Space');
    await expect(radio).toBeChecked();
  };
  await choose('agreement', 'orchestrated-saga');
  await choose('publishing', 'dual-write');
  await choose('consuming', 'idempotent');
  await choose('statusReads', 'read-model-token');
  await choose('concurrency', 'version-check');
  await expect(island.getByTestId('design-mechanisms-status')).toContainText('the lab can run your design');

  // Step 5: run the lab; the dual write loses an event, so FR2 is missed, with a run to watch.
  await goNext(page, 'lab');
  await press(island.getByTestId('design-run'));
  const fr2 = island.locator('[data-testid=design-row][data-requirement="FR2"]');
  await expect(island.getByTestId('design-scorecard')).toBeVisible();
  await expect(fr2).toHaveAttribute('data-status', 'missed', { timeout: 120_000 });
  await expect(fr2).toContainText('Missed');
  await expect(island.getByTestId('design-lab-live')).toContainText('Lab finished', { timeout: 120_000 });
  await press(fr2.getByTestId('design-watch').first());
  const replay = island.getByTestId('design-replay');
  await expect(replay.locator('h4').first()).toBeFocused();
  await expect(replay.locator('.pl-root').first()).toBeVisible({ timeout: 20_000 });
  await noSideScroll(page);

  // Back to step 4: switch to an outbox; the scorecard is now stale.
  await press(island.getByTestId('design-change'));
  await expect(island).toHaveAttribute('data-step', 'mechanisms');
  await choose('publishing', 'outbox-polling');
  await expect(island.getByTestId('design-mechanisms-status')).toContainText('run the lab again');
  await goNext(page, 'lab');
  await expect(island.getByTestId('design-lab-stale')).toBeVisible();
  await expect(island.getByTestId('design-run')).toHaveText('Run again');
  await press(island.getByTestId('design-run'));
  await expect(island.getByTestId('design-lab-live')).toContainText('Lab finished', { timeout: 120_000 });
  await expect(fr2).toHaveAttribute('data-status', 'met');
  await expect(fr2).toContainText('Met');

  // Reload: the step and every answer are kept.
  await page.reload();
  await waitForIsland(page, '[data-testid=design]');
  await expect(island).toHaveAttribute('data-ready', 'true');
  await expect(island).toHaveAttribute('data-step', 'lab');
  await press(island.locator('[data-testid=design-step][data-step-id="mechanisms"]'));
  await expect(island.locator('[data-mechanism="publishing"] [data-option="outbox-polling"] input')).toBeChecked();
  await press(island.locator('[data-testid=design-step][data-step-id="architecture"]'));
  await expect(island.locator('[data-component="broker"] input')).toBeChecked();
  await press(island.locator('[data-testid=design-step][data-step-id="estimate"]'));
  await expect(island.locator('[data-estimate="update-rate"] [data-testid=design-figure]')).toHaveValue('200000');
  await press(island.locator('[data-testid=design-step][data-step-id="clarify"]'));
  await expect(island.locator(`[data-question="${essential[0].id}"]`)).toHaveAttribute('data-asked', 'true');

  // The write-up downloads as Markdown with the reader's choices in it.
  await press(island.locator('[data-testid=design-step][data-step-id="wrap-up"]'));
  const [download] = await Promise.all([page.waitForEvent('download'), press(island.getByTestId('design-download'))]);
  expect(download.suggestedFilename()).toBe('order-payment-design.md');
  const markdown = readFileSync(await download.path(), 'utf8');
  expect(markdown).toContain(exercise.title);
  expect(markdown).toMatch(/outbox/i);
});

test('a shared link is offered, never loaded silently, and a broken one keeps the reader’s work', async ({ page }) => {
  await page.goto(PAGE);
  await page.evaluate(() => localStorage.clear());
  await page.goto(`${PAGE}#design=1~m:2pc_dual-write_plain_order-db_last-writer-wins~c:gateway_shared-db`);
  await page.reload();
  await waitForIsland(page, '[data-testid=design]');
  const island = page.getByTestId('design');
  await expect(island.getByTestId('design-share-offer')).toContainText('You opened a shared design');
  await press(island.getByTestId('design-share-load'));
  await expect(page).not.toHaveURL(/#design=/);
  await press(island.locator('[data-testid=design-step][data-step-id="mechanisms"]'));
  await expect(island.locator('[data-mechanism="agreement"] [data-option="2pc"] input')).toBeChecked();

  await page.goto(`${PAGE}#design=garbage`);
  await page.reload();
  await waitForIsland(page, '[data-testid=design]');
  await expect(island.getByTestId('design-share-error')).toBeVisible();
  await press(island.locator('[data-testid=design-step][data-step-id="mechanisms"]'));
  await expect(island.locator('[data-mechanism="agreement"] [data-option="2pc"] input')).toBeChecked();
});

test('notes survive a reload straight after typing; interview mode keeps its clock and ending it opens the review', async ({ page }) => {
  await page.goto(PAGE);
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await waitForIsland(page, '[data-testid=design]');
  const island = page.getByTestId('design');
  await expect(island).toHaveAttribute('data-ready', 'true');

  // Typing is saved after a pause, and when the page is left before that (pagehide).
  await island.getByTestId('design-notes').focus();
  await page.keyboard.type('Ask about peak load first.');
  await page.reload();
  await waitForIsland(page, '[data-testid=design]');
  await expect(island.getByTestId('design-notes')).toHaveValue('Ask about peak load first.');

  await press(island.getByTestId('design-interview-toggle'), 'Space');
  await expect(island.getByTestId('design-interview-live')).toContainText('Interview mode on');
  await expect(island.getByTestId('design-phase-left')).toContainText(/^9:5\d left in this phase$/, { timeout: 5000 });
  await press(island.getByRole('button', { name: 'Pause' }));
  await expect(island.getByRole('button', { name: 'Resume' })).toBeVisible();
  await page.reload();
  await waitForIsland(page, '[data-testid=design]');
  await expect(island.getByTestId('design-interview')).toContainText('(paused)');
  await press(island.getByTestId('design-interview-end'));
  await expect(island).toHaveAttribute('data-step', 'wrap-up');
  await expect(page.locator('.cl-design__title')).toBeFocused();
  await expect(island.getByTestId('design-interview-live')).toContainText('Interview ended');
  await expect(island.locator('[data-rubric]').first()).toBeVisible();

  // The progress page offers to continue the exercise where the reader is.
  await page.goto('/progress/');
  await expect(page.getByTestId('progress-continue-link')).toHaveText(/^Continue the design exercise: step 7 of 7, “.+”$/);
  await expect(page.getByTestId('progress-continue-link')).toHaveAttribute('href', PAGE);
});

for (const theme of ['light', 'dark'] as const) {
  test(`axe finds nothing in any step, the scorecard or the replay (${theme})`, async ({ page }) => {
    test.setTimeout(180_000);
    await gotoWithTheme(page, PAGE, theme);
    await page.evaluate(() => {
      const t = localStorage.getItem('starlight-theme');
      localStorage.clear();
      if (t) localStorage.setItem('starlight-theme', t);
    });
    await page.reload();
    await waitForIsland(page, '[data-testid=design]');
    const island = page.getByTestId('design');
    await expect(island).toHaveAttribute('data-ready', 'true');
    const axe = async (what: string) => {
      const results = await new AxeBuilder({ page }).include('[data-testid=design]').analyze();
      expect(results.violations.map((v) => `${what}: ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    };
    const go = async (step: string) => {
      await island.locator(`[data-testid=design-step][data-step-id="${step}"]`).click();
      await expect(island).toHaveAttribute('data-step', step);
    };
    await island.getByTestId('design-ask').first().click();
    await island.getByTestId('design-reveal').click();
    await island.getByTestId('design-hint').click();
    await axe('clarify');
    await go('estimate');
    await island.getByTestId('design-figure').first().fill('12');
    await island.getByTestId('design-working-toggle').first().click();
    await axe('estimate');
    await go('architecture');
    for (const id of ['order-service', 'order-db', 'broker']) await island.locator(`[data-component="${id}"] input`).check();
    await expect(island.getByTestId('design-diagram')).toHaveAttribute('data-state', 'drawn', { timeout: 20_000 });
    await axe('architecture');
    await go('lab');
    await axe('lab, nothing chosen');
    await go('mechanisms');
    for (const [m, o] of [['agreement', '2pc'], ['publishing', 'dual-write'], ['consuming', 'plain'], ['statusReads', 'order-db'], ['concurrency', 'last-writer-wins']]) {
      await island.locator(`[data-mechanism="${m}"] [data-option="${o}"] input`).check();
    }
    await axe('mechanisms');
    await go('lab');
    await island.getByTestId('design-run').click();
    await expect(island.getByTestId('design-lab-live')).toContainText('Lab finished', { timeout: 120_000 });
    await island.getByTestId('design-watch').first().click();
    await expect(island.getByTestId('design-replay').locator('.pl-root').first()).toBeVisible({ timeout: 20_000 });
    await axe('lab with scorecard and replay');
    await go('scaling');
    await island.locator('[data-rank] [data-move="1"]').first().click();
    await island.getByTestId('design-compare').click();
    await axe('scaling');
    await island.getByTestId('design-interview-toggle').check();
    await go('wrap-up');
    await axe('wrap-up with interview mode');
  });
}
