// Break-it quiz questions on the two-phase commit lesson: the reader breaks an invariant by hand in
// the embedded player, or gives up and watches the run the explanation describes, which stays within the
// question's fault allowance.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { waitForIsland } from './pages';

async function openQuiz(page: Page): Promise<Locator> {
  await page.goto('/transactions/two-phase-commit/');
  const selector = '[data-testid=quiz][data-bank=two-phase-commit]';
  await waitForIsland(page, selector);
  return page.locator(selector);
}

/** Skip through questions (answering anything) until the break-it question `id` is on screen. */
async function skipTo(quiz: Locator, id: string): Promise<Locator> {
  const target = quiz.getByTestId(`break-it-${id}`);
  for (let i = 0; i < 40; i++) {
    const options = quiz.getByTestId('quiz-option');
    const predict = quiz.locator('.pl-predict');
    // Simulation-backed questions load their player lazily: wait for whatever this question shows.
    const otherBreakIt = quiz.locator('[data-testid^=break-it-]');
    await expect(options.first().or(predict).or(otherBreakIt).or(quiz.getByTestId('quiz-order-item').first())).toBeVisible();
    if (await target.isVisible()) break;
    if (await otherBreakIt.count()) {
      // Another break-it question: give up, and wait for its counterexample to finish replaying.
      await otherBreakIt.getByTestId('find-violation').click();
      await quiz.getByTestId('quiz-next').click({ timeout: 60_000 });
      continue;
    }
    if (await options.count()) await options.first().check();
    if (await predict.count()) {
      await predict.locator('input[type=radio]').first().check();
      await predict.getByRole('button', { name: 'Check with the simulator' }).click();
    }
    const check = quiz.getByTestId('quiz-check');
    if (await check.isVisible()) await check.click();
    await quiz.getByTestId('quiz-next').click();
  }
  await expect(target).toBeVisible();
  return target;
}

test('a reader breaks atomicity by hand in a break-it question', async ({ page }) => {
  const quiz = await openQuiz(page);
  const question = await skipTo(quiz, 'break-abort-when-in-doubt');
  const choices = question.getByTestId('choices');
  // The explorer's shortest run (npm run explore), played through the "what can happen next" list.
  for (const label of ['Deliver VOTE_COMMIT p1 → c', 'Deliver VOTE_COMMIT p2 → c', 'Fire decision-timeout at p1', 'Deliver VOTE_COMMIT p3 → c', 'Deliver GLOBAL_COMMIT c → p2']) {
    await choices.getByRole('button', { name: label }).click();
  }
  await expect(question).toContainText('✓ Broken.');
  await expect(quiz.getByTestId('quiz-next')).toBeVisible();
});

test('giving up replays the explained run, which spends no more faults than allowed', async ({ page }) => {
  test.setTimeout(180_000); // it passes two other break-it questions on the way, by giving up
  const quiz = await openQuiz(page);
  const question = await skipTo(quiz, 'break-send-before-log');
  await question.getByTestId('find-violation').click();
  await expect(question).toContainText('Shown.');
  await question.getByTestId('tab-invariants').click();
  await expect(question.getByTestId('invariants')).toContainText(/Atomicity \(agreement\) \(your target\)\s*broken/, { timeout: 30_000 });
  // The run shown is the one the explanation walks through: p1 commits, then p2 is told abort.
  await expect(question.getByTestId('invariants')).toContainText('p1 committed while p2 aborted');
  // The question allows one fault, and the replayed run is one the reader could have played.
  await question.getByTestId('tab-network').click();
  await expect(question).toContainText(/at most 1 fault in total \([01] spent\)/);
  await expect(quiz.getByTestId('quiz-next')).toBeVisible({ timeout: 30_000 });
});
