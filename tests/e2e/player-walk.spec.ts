// The walk that accepts the player's second edition (issue #10), at a desktop and a phone size:
// keyboard only, play the happy path, crash the coordinator, fire a timeout, recover, turn on an
// unsafe variant, find and replay the violation, share and reopen the link; the canvas, the step
// controls, the last step's narration and the choices stay on one screen, focus never falls to the
// page, and every control that cannot act says why.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { waitForIsland } from './pages';

const LESSON = '/transactions/two-phase-commit/';
const SIZES = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'phone', width: 390, height: 844 },
];

async function open(page: Page, hash = ''): Promise<Locator> {
  await page.goto(LESSON + hash);
  const section = page.locator('.cl-simulation[data-scenario="all-vote-yes"]').first();
  await section.scrollIntoViewIfNeeded();
  const selector = '.cl-simulation[data-scenario="all-vote-yes"] [data-testid=player]';
  await waitForIsland(page, selector);
  const player = page.locator(selector);
  if (!hash) await player.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  return player;
}

/**
 * Fails naming the part of the stage that is not fully inside the viewport: the canvas, the step
 * controls, the last step's narration, and the choice list's first two choices (the list is a
 * scroll box of a few rows; what is next must be in view, not every fault after it).
 */
async function expectOneScreen(page: Page, player: Locator) {
  const vh = page.viewportSize()!.height;
  const parts = [player.getByTestId('topology'), player.getByTestId('step-forward'), player.getByTestId('narration'), player.getByTestId('choice-1'), player.getByTestId('choice-2')];
  for (const part of parts) {
    const box = await part.boundingBox();
    expect(box, String(part)).not.toBeNull();
    expect(box!.y, `${part} top`).toBeGreaterThanOrEqual(0);
    expect(box!.y + box!.height, `${part} bottom`).toBeLessThanOrEqual(vh);
  }
}

async function expectFocusInPlayer(page: Page) {
  const where = await page.evaluate(() => {
    const a = document.activeElement;
    if (!a || a === document.body) return 'body';
    return a.closest('[data-testid=player]') ? 'player' : a.tagName;
  });
  expect(where).toBe('player');
}

/** Every control in the player that cannot act is described (aria-describedby with text). */
async function expectDisabledExplained(player: Locator) {
  const unexplained = await player.evaluate((root) =>
    Array.from(root.querySelectorAll<HTMLElement>('[aria-disabled=true], button:disabled'))
      .filter((el) => {
        const id = el.getAttribute('aria-describedby');
        return !id || !document.getElementById(id)?.textContent?.trim();
      })
      .map((el) => el.getAttribute('aria-label') ?? el.textContent),
  );
  expect(unexplained).toEqual([]);
}

/** Presses the digit of the first choice whose text matches. */
async function takeChoice(page: Page, player: Locator, text: RegExp) {
  const labels = await player.getByTestId('choices').locator('button').allInnerTexts();
  const i = labels.findIndex((l) => text.test(l));
  expect(i, `a choice matching ${text} among ${labels.join(' | ')}`).toBeGreaterThanOrEqual(0);
  expect(i).toBeLessThan(9);
  await page.keyboard.press(String(i + 1));
}

/** Tabs forward until focus is inside `target` (at most `max` presses). */
async function tabInto(page: Page, target: Locator, max = 30) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el.contains(document.activeElement))) return;
    await page.keyboard.press('Tab');
  }
  throw new Error('Tab never reached the target');
}

for (const size of SIZES) {
  test(`keyboard-only walk on one screen (${size.name})`, async ({ page, context }) => {
    test.setTimeout(90_000);
    await page.setViewportSize({ width: size.width, height: size.height });
    const player = await open(page);
    await expectOneScreen(page, player);
    await player.getByTestId('step-forward').focus();

    // The happy path, one delivery at a time, by the choice keys.
    for (let i = 0; i < 12 && !(await player.getByTestId('outcome').count()); i++) {
      await takeChoice(page, player, /Deliver/);
      await expectFocusInPlayer(page);
    }
    await expect(player.getByTestId('outcome')).toContainText(/committed/i);
    await expectOneScreen(page, player);
    await expectDisabledExplained(player);

    // Crash the coordinator after the PREPAREs went out: from the canvas, through the selection bar.
    await page.keyboard.press('r');
    for (let i = 0; i < 3; i++) await takeChoice(page, player, /Deliver PREPARE/);
    await tabInto(page, player.getByTestId('topology'));
    await expect(player.getByTestId('selection-bar')).toContainText('c (coordinator)');
    await tabInto(page, player.getByTestId('selection-bar'));
    await expect(page.locator(':focus')).toHaveAttribute('data-testid', 'crash-c');
    await page.keyboard.press('Enter');
    await expect(player.getByTestId('topo-node-c')).toContainText('down');
    await expect(player.getByTestId('narration')).toContainText(/c crashed|crash/i);
    await expectFocusInPlayer(page);
    await expectDisabledExplained(player);

    // Fire a participant's timeout, then bring the coordinator back.
    await takeChoice(page, player, /Fire .*-timeout at p1/);
    await expect(player.getByTestId('narration')).toContainText(/p1/);
    await takeChoice(page, player, /Recover c/);
    await expect(player.getByTestId('topo-node-c')).not.toContainText('down');
    await expectOneScreen(page, player);
    await expectFocusInPlayer(page);

    // Turn on an unsafe variant (the change keeps the run or asks), then find and replay the violation.
    await page.keyboard.press('r');
    await player.locator('summary', { hasText: 'Variants' }).focus();
    await page.keyboard.press('Enter');
    await player.getByTestId('flag-abortWhenInDoubt').focus();
    await page.keyboard.press('Space');
    await expect(player.getByTestId('flag-abortWhenInDoubt')).toBeChecked();
    // Close the list again: the summary keeps saying an unsafe variant is on.
    await player.locator('summary', { hasText: 'Variants' }).focus();
    await page.keyboard.press('Enter');
    await expect(player.locator('summary', { hasText: 'Variants' })).toContainText('unsafe on');
    await player.getByTestId('step-forward').focus();
    await page.keyboard.press('f');
    const replay = player.getByTestId('stage-replay-atomicity');
    await expect(replay).toBeVisible({ timeout: 30_000 });
    await replay.focus();
    await page.keyboard.press('Enter');
    await expect(player.getByTestId('invariant-summary')).toContainText(/Atomicity.*broken/, { timeout: 30_000 });
    await expectFocusInPlayer(page);
    await player.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await expectOneScreen(page, player);

    // Share, and reopen the link: the player lands in view and says it is a shared run.
    await page.keyboard.press('s');
    const link = await player.getByTestId('share-link').inputValue();
    const other = await context.newPage();
    await other.setViewportSize({ width: size.width, height: size.height });
    const shared = await open(other, link.slice(link.indexOf('#')));
    await expect(shared.getByTestId('notice')).toContainText(/Shared run: you are at step \d+/);
    await expect(shared.getByTestId('invariant-summary')).toContainText(/Atomicity.*broken/);
    const box = await shared.getByTestId('topology').boundingBox();
    expect(box!.y).toBeGreaterThanOrEqual(0);
    expect(box!.y).toBeLessThan(size.height);
  });
}
