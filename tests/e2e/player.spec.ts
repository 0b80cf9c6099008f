// The protocol player on the two-phase commit lesson: step by keyboard with narration, inject a
// crash and see the blocking case, find a violation of an unsafe variant and replay it, and share
// a run by link (a malformed link explains itself instead of breaking the page).
import { expect, test, type Page } from '@playwright/test';
import { waitForIsland } from './pages';

const LESSON = '/transactions/two-phase-commit/';

async function openPlayer(page: Page, scenario: string, hash = '') {
  await page.goto(LESSON + hash);
  const selector = `.cl-simulation[data-scenario="${scenario}"] [data-testid=player]`;
  // Players render only a placeholder until they hydrate: bring the embed itself into view.
  await page.locator(`.cl-simulation[data-scenario="${scenario}"]`).first().scrollIntoViewIfNeeded();
  const details = page.locator(`details.cl-simulation[data-scenario="${scenario}"]`);
  if ((await details.count()) && !(await details.evaluate((d) => (d as HTMLDetailsElement).open))) {
    await details.locator('summary').click();
  }
  await waitForIsland(page, selector);
  return page.locator(selector);
}

async function showFlag(player: ReturnType<Page['locator']>, name: string) {
  const flag = player.getByTestId(`flag-${name}`);
  if (!(await flag.isVisible())) await player.locator('summary', { hasText: /Variants/ }).click();
  return flag;
}

test('keyboard steps the protocol forward and back, and each step is narrated', async ({ page }) => {
  const player = await openPlayer(page, 'all-vote-yes');
  await player.getByTestId('step-forward').focus();
  await page.keyboard.press('ArrowRight');
  const narration = player.getByTestId('narration');
  await expect(narration).toContainText('Step 1:');
  // The step changed exactly one node, and the canvas marks it.
  await expect(player.locator('.pl-topo__node--changed')).toHaveCount(1);
  await page.keyboard.press('ArrowLeft');
  await expect(narration).toContainText('Start:');
  await expect(player.locator('.pl-topo__node--changed')).toHaveCount(0);
  // Every invariant holds on the happy path.
  await expect(player.getByTestId('invariant-summary')).toContainText('All 5 invariants hold');
});

test('keyboard only: the choice list is one tab stop, and focus stays in it after a choice is taken', async ({ page }) => {
  const player = await openPlayer(page, 'all-vote-yes');
  const choices = player.getByTestId('choices');
  await expect(choices.locator('button[tabindex="0"]')).toHaveCount(1);
  await choices.locator('button').first().focus();
  await page.keyboard.press('ArrowDown');
  await expect(choices.locator('button').nth(1)).toBeFocused();
  await page.keyboard.press('Enter'); // takes the choice; its button goes away
  await expect(player.getByTestId('narration')).toContainText('PREPARE');
  const inside = await page.evaluate(() => {
    const a = document.activeElement;
    return !!a && a !== document.body && !!a.closest('[data-testid=player]');
  });
  expect(inside).toBe(true);
  // Going back is announced, not only shown.
  await page.keyboard.press('ArrowLeft');
  await expect(player.getByTestId('move-announcer')).toContainText('Back to the start of the scenario');
});

test('the topology canvas delivers an envelope by keyboard and marks the node it changed', async ({ page }) => {
  const player = await openPlayer(page, 'all-vote-yes');
  const canvas = player.getByTestId('topology');
  await expect(canvas.locator('[data-testid^=topo-msg-]')).toHaveCount(3);
  await canvas.getByTestId('topo-msg-1').focus();
  await page.keyboard.press('Enter');
  await expect(canvas.getByTestId('topo-node-p1')).toContainText('prepared');
  await expect(canvas.getByTestId('topo-node-p1')).toHaveClass(/pl-topo__node--changed/);
  // The vote is now on its way back to c, and focus stayed on the canvas.
  await expect(canvas.getByRole('button', { name: 'Deliver VOTE_COMMIT from p1 to c' })).toBeVisible();
  expect(await page.evaluate(() => !!document.activeElement?.closest('[data-testid=topology]'))).toBe(true);
});

test('crashing the coordinator after PREPARE leaves participants blocked in doubt', async ({ page }) => {
  const player = await openPlayer(page, 'coordinator-crash-after-prepare');
  await player.getByTestId('topo-node-c').click();
  await player.getByTestId('crash-c').click();
  await expect(player.getByTestId('topo-node-c')).toContainText(/down/i);
  // The crashed coordinator's log stays readable in the selection bar.
  await expect(player.getByTestId('selection-bar')).toContainText('log kept');
  // Deliver what is left; the participants that voted stay prepared and the blocked observation shows.
  for (let i = 0; i < 6; i++) {
    const deliver = player.locator('[data-testid^=topo-msg-]').first();
    if (!(await deliver.count())) break;
    await deliver.click();
  }
  await expect(player.getByTestId('invariant-summary')).toContainText(/in doubt/i);
  await player.getByTestId('tab-invariants').click();
  await expect(player.getByTestId('invariant-blocked')).toContainText(/in doubt/i);
  await expect(player.getByTestId('topo-node-p1')).toContainText('prepared');
});

test('the explorer finds the shortest run that breaks an unsafe variant and replays it', async ({ page }) => {
  const player = await openPlayer(page, 'coordinator-crash-after-prepare');
  await (await showFlag(player, 'abortWhenInDoubt')).check();
  await player.getByTestId('tab-explore').click();
  await player.getByTestId('find-violation').click();
  await expect(player.getByTestId('explore-result')).toContainText(/atomicity/i, { timeout: 20_000 });
  await player.getByTestId('replay-atomicity').click();
  await expect(player.getByTestId('invariant-summary')).toContainText(/Atomicity.*broken/, { timeout: 20_000 });
  // The same schedule with the unsafe variant off: atomicity holds wherever the run can go.
  await player.getByTestId('compare-safe').click();
  await expect(player.getByTestId('invariant-summary')).not.toContainText('broken');
  await expect(player.getByTestId('notice')).toBeVisible();
});

test('a run shared by link opens at the same step; a malformed link explains itself', async ({ page, context }) => {
  const player = await openPlayer(page, 'all-vote-yes');
  await player.getByTestId('step-forward').click();
  await player.getByTestId('step-forward').click();
  await player.getByTestId('tab-share').click();
  await player.getByTestId('share').click();
  const link = await player.getByTestId('share-link').inputValue();
  expect(link).toContain('#sim=');

  const other = await context.newPage();
  const hash = link.slice(link.indexOf('#'));
  const shared = await openPlayer(other, 'all-vote-yes', hash);
  await expect(shared.getByTestId('topo-node-p1')).toContainText('prepared');
  await expect(shared.getByTestId('notice')).toContainText('Shared run: you are at step 2 of its 2');
  // Stepping on makes the run the reader's own: the address drops the shared run.
  await shared.getByTestId('step-forward').click();
  await expect.poll(() => other.evaluate(() => window.location.hash)).toBe('');

  const broken = await context.newPage();
  const bad = await openPlayer(broken, 'all-vote-yes', '#sim=two-phase-commit~all-vote-yes~3~~d1_d99');
  await expect(bad.getByTestId('notice')).toContainText(/step 2/i);
  await expect(bad.getByTestId('topo-node-p1')).toContainText('prepared');
});
