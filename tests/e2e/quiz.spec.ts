// The quiz island: answer, score, retry; results survive a reload; keyboard alone can answer.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { parse } from 'yaml';
import { readFileSync } from 'node:fs';
import { waitForIsland } from './pages';
import { join } from 'node:path';

const bank = parse(readFileSync(join(import.meta.dirname, '..', '..', 'content', 'quizzes', 'cap.yaml'), 'utf8'));

async function openQuiz(page: Page): Promise<Locator> {
  await page.goto('/foundations/cap/');
  await waitForIsland(page, '[data-testid=quiz][data-bank=cap]');
  return page.locator('[data-testid=quiz][data-bank=cap]');
}

/** Answer the current question: right when `right`, otherwise deliberately wrong. */
async function answer(quiz: Locator, index: number, right: boolean) {
  const q = bank.questions[index];
  if (q.kind === 'single') {
    const pick = right ? q.answer : (q.answer + 1) % q.options.length;
    await quiz.locator(`[data-testid=quiz-option][data-option-index="${pick}"]`).check();
  } else if (q.kind === 'multiple') {
    const picks: number[] = right ? q.answers : [q.answers[0] === 0 ? 1 : 0];
    for (const i of picks) await quiz.locator(`[data-testid=quiz-option][data-option-index="${i}"]`).check();
  } else {
    // Ordering: bubble the items into place with the move buttons (wrong = leave the shuffle).
    if (right) {
      for (let target = 0; target < q.items.length; target++) {
        const items = quiz.getByTestId('quiz-order-item');
        const texts = await items.allTextContents();
        let at = texts.findIndex((t) => t.includes(q.items[target]));
        while (at > target) {
          await items.nth(at).getByTestId('quiz-move-up').click();
          at--;
        }
      }
    }
  }
  await quiz.getByTestId('quiz-check').click();
  await expect(quiz.getByTestId('quiz-feedback')).toBeVisible();
  await quiz.getByTestId('quiz-next').click();
}

test('a quiz can be answered, scored and retried, and the result survives a reload', async ({ page }) => {
  const quiz = await openQuiz(page);
  const total = bank.questions.length;
  for (let i = 0; i < total; i++) await answer(quiz, i, i !== 0);
  await expect(quiz.getByTestId('quiz-score')).toContainText(`${total - 1} of ${total}`);
  await expect(quiz.getByTestId('quiz-saved')).toBeVisible();

  // Retry only the one missed question, and get it right this time.
  await quiz.getByTestId('quiz-retry-missed').click();
  await expect(quiz.getByTestId('quiz-progress')).toContainText('of 1');
  await answer(quiz, 0, true);
  await expect(quiz.getByTestId('quiz-score')).toContainText('1 of 1');

  await page.reload();
  await waitForIsland(page, '[data-testid=quiz][data-bank=cap]');
  const again = page.locator('[data-testid=quiz][data-bank=cap]');
  await expect(again.getByTestId('quiz-last-attempt')).toContainText('1 of 1');
});

test('the hint is shown on request', async ({ page }) => {
  const quiz = await openQuiz(page);
  await quiz.getByTestId('quiz-hint').click();
  await expect(quiz.getByTestId('quiz-hint-text')).toContainText(bank.questions[0].hint.trim());
});

test('keyboard alone can answer a question', async ({ page }) => {
  const quiz = await openQuiz(page);
  const q = bank.questions[0];
  await quiz.locator('[data-testid=quiz-option]').first().focus();
  // Arrow keys move the radio selection; Tab reaches the Check button; Enter activates it.
  for (let i = 0; i < q.answer; i++) await page.keyboard.press('ArrowDown');
  await expect(quiz.locator(`[data-testid=quiz-option][data-option-index="${q.answer}"]`)).toBeChecked();
  const check = quiz.getByTestId('quiz-check');
  for (let i = 0; i < 6 && !(await check.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(check).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(quiz.getByTestId('quiz-verdict')).toContainText('Correct');
});
