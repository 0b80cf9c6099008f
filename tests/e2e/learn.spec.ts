// Learning where the reading happens: a checkpoint inside the two-phase commit lesson updates the
// mastery marker of the objective it tests; the interview drill's timer runs from the keyboard;
// a finished lesson is marked in the sidebar, and the finish toggle says when the quiz disagrees.
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { waitForIsland } from './pages';

const LESSON = '/transactions/two-phase-commit/';
const bank = parse(readFileSync(join(import.meta.dirname, '..', '..', 'content', 'quizzes', 'two-phase-commit.yaml'), 'utf8'));
const question = (id: string) => bank.questions.find((q: { id: string }) => q.id === id);

async function fresh(page: Page, path = LESSON) {
  await page.goto(path);
  await page.evaluate(() => localStorage.clear());
  await page.reload();
}

test('answering a checkpoint question moves its objective from not started to learning', async ({ page }) => {
  await fresh(page);
  const marker = page.locator('[data-objective-mastery="trace-phases"]');
  await expect(marker).toContainText('Not started');
  await expect(marker).toContainText('0 of 9 questions answered');

  const selector = '[data-testid=quiz][data-bank="two-phase-commit__phases"]';
  await waitForIsland(page, selector);
  const checkpoint = page.locator(`${selector}[data-round-ready=true]`);
  await expect(checkpoint.getByTestId('quiz-progress')).toContainText('Question 1 of 4');
  // The checkpoint asks its questions in the order the lesson lists them: "who-decides" first.
  await checkpoint.locator(`[data-testid=quiz-option][data-option-index="${question('who-decides').answer}"]`).check();
  await checkpoint.getByTestId('quiz-check').click();
  await expect(checkpoint.getByTestId('quiz-verdict')).toContainText('Correct');

  await expect(marker).toContainText('Learning');
  await expect(marker).toContainText('1 of 9 questions answered, right on the latest try');
  await expect(marker).toHaveAttribute('data-level', 'learning');
  // Only this checkpoint's round was saved: the end-of-lesson quiz has none.
  const rounds = await page.evaluate(() => Object.keys(JSON.parse(localStorage.getItem('consistency-lab:progress') ?? '{}').rounds ?? {}));
  expect(rounds).toEqual(['two-phase-commit__phases']);

  // The answer survives a reload, and so does the marker.
  await page.reload();
  await expect(page.locator('[data-objective-mastery="trace-phases"]')).toContainText('Learning');
});

test('the drill timer starts, pauses and resets from the keyboard', async ({ page }) => {
  await page.goto(LESSON);
  await waitForIsland(page, '[data-testid=drill]');
  const drill = page.getByTestId('drill');
  const primary = drill.getByTestId('drill-primary');
  const clock = drill.getByTestId('drill-clock');
  await expect(clock).toHaveText('1:00');

  await primary.focus();
  await page.keyboard.press('Enter');
  await expect(drill).toHaveAttribute('data-timer', 'running');
  await expect(drill.getByTestId('drill-live')).toContainText('Started');
  await expect(clock).toHaveText(/^0:5\d$/, { timeout: 5000 });
  await expect(primary).toBeFocused();

  await page.keyboard.press('Space');
  await expect(drill).toHaveAttribute('data-timer', 'paused');
  await expect(primary).toHaveText('Resume');
  const paused = await clock.innerText();
  await page.waitForTimeout(1200);
  await expect(clock).toHaveText(paused);

  await page.keyboard.press('Tab');
  await expect(drill.getByTestId('drill-reset')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(clock).toHaveText('1:00');
  await expect(primary).toBeFocused();
  await expect(primary).toHaveText('Start');

  // The self-check and the follow-ups work from the keyboard too.
  await drill.getByTestId('drill-grade').focus();
  await page.keyboard.press('Enter');
  await expect(drill.getByTestId('drill-checklist')).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Space');
  await expect(drill.getByTestId('drill-score')).toContainText('You covered 1 of');
  await drill.getByTestId('drill-reveal').focus();
  await page.keyboard.press('Enter');
  await expect(drill.getByTestId('drill-answer')).toBeFocused();
});

test('a finished lesson is marked in the sidebar, and the finish toggle says the quiz is not taken yet', async ({ page }) => {
  await fresh(page);
  const link = page.locator('#starlight__sidebar a[href$="/transactions/two-phase-commit/"]');
  await expect(link).toHaveAccessibleName('Two-phase commit');
  const note = page.locator('[data-finish-note]');
  await expect(note).toBeVisible();
  await expect(note).toContainText('not taken this lesson’s quiz yet');

  const finish = page.locator('[data-finish-button]');
  await finish.scrollIntoViewIfNeeded();
  await finish.click();
  await expect(finish).toHaveAttribute('aria-pressed', 'true');
  await expect(link).toHaveAccessibleName('Two-phase commit (finished)');
  await expect(link).toContainText('✓');
  await expect(note).toBeVisible();

  // The mark shows on other pages too.
  await page.goto('/foundations/cap/');
  await expect(page.locator('#starlight__sidebar a[href$="/transactions/two-phase-commit/"]')).toHaveAccessibleName(/finished/);
  await expect(page.locator('#starlight__sidebar a[href$="/foundations/cap/"]')).not.toContainText('✓');
});
