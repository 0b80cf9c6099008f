// The quiz island: answer, score, retry; results survive a reload; keyboard alone can answer;
// options are shuffled per round; every checked answer is saved, so a reload resumes the round
// with the same order; a correctly omitted option is never marked wrong.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { parse } from 'yaml';
import { readFileSync } from 'node:fs';
import { waitForIsland } from './pages';
import { join } from 'node:path';

const bank = parse(readFileSync(join(import.meta.dirname, '..', '..', 'content', 'quizzes', 'cap.yaml'), 'utf8'));

const QUIZ = '[data-testid=quiz][data-bank=cap]';
/** Break-it questions are given up in these tests, so they never count as right. */
const GIVEN_UP = bank.questions.filter((q: { kind: string }) => q.kind === 'break-it').length;

/** Open the CAP quiz once it has hydrated and set up its round (a fresh shuffle, or the offer to continue). */
async function openQuiz(page: Page, reload = false): Promise<Locator> {
  if (reload) await page.reload();
  else await page.goto('/foundations/cap/');
  await waitForIsland(page, QUIZ);
  await page.locator(`${QUIZ}[data-round-ready=true]`).waitFor();
  return page.locator(QUIZ);
}

/** The bank indices of the options showing, in display order. */
async function shownOrder(quiz: Locator): Promise<number[]> {
  return (await quiz.getByTestId('quiz-option').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-option-index')))));
}

/** The saved unfinished round of a bank, straight from localStorage. */
async function savedRound(page: Page, bankId: string) {
  return page.evaluate((id) => JSON.parse(localStorage.getItem('consistency-lab:progress') ?? '{}').rounds?.[id] ?? null, bankId);
}

/**
 * Saves (once per tab, before the page loads) an unfinished round of the whole CAP bank whose
 * questions before `index` are already answered, so the quiz can continue at that question.
 */
async function seedRoundAt(page: Page, index: number, seed: string) {
  await page.addInitScript(
    ({ ids, before, seed }) => {
      if (sessionStorage.getItem('seeded')) return;
      sessionStorage.setItem('seeded', '1');
      const at = new Date().toISOString();
      const answers = Object.fromEntries(before.map((id: string) => [id, { correct: true, response: '0', hinted: false }]));
      const rounds = { cap: { started: at, saved: at, seed, ids, answers } };
      localStorage.setItem('consistency-lab:progress', JSON.stringify({ version: 3, lessons: {}, quizzes: {}, missed: {}, rounds }));
    },
    { ids: bank.questions.map((x: { id: string }) => x.id), before: bank.questions.slice(0, index).map((x: { id: string }) => x.id), seed },
  );
}

/** Answer the current question: right when `right`, otherwise deliberately wrong. */
async function answer(quiz: Locator, index: number, right: boolean) {
  const q = bank.questions[index];
  if (q.kind === 'break-it') {
    // Breaking it by hand is break-it.spec's job: here the reader gives up, which scores it wrong.
    await quiz.getByTestId('find-violation').click();
    await quiz.getByTestId('quiz-next').click({ timeout: 60_000 });
    return;
  }
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
  test.setTimeout(120_000); // the whole bank, a break-it question's replay included
  const quiz = await openQuiz(page);
  const total = bank.questions.length;
  for (let i = 0; i < total; i++) await answer(quiz, i, i !== 0);
  await expect(quiz.getByTestId('quiz-score')).toContainText(`${total - 1 - GIVEN_UP} of ${total}`);
  await expect(quiz.getByTestId('quiz-saved')).toBeVisible();

  // Retry only the missed questions (the one answered wrong, and the break-it ones given up); get the first right.
  const missed = [0, ...bank.questions.flatMap((q: { kind: string }, i: number) => (q.kind === 'break-it' ? [i] : []))];
  await quiz.getByTestId('quiz-retry-missed').click();
  await expect(quiz.getByTestId('quiz-progress')).toContainText(`of ${missed.length}`);
  for (const i of missed) await answer(quiz, i, true);
  await expect(quiz.getByTestId('quiz-score')).toContainText(`1 of ${missed.length}`);

  // The finished round was saved as an attempt, and no unfinished round is left to offer.
  const again = await openQuiz(page, true);
  await expect(again.getByTestId('quiz-last-attempt')).toContainText(`1 of ${missed.length}`);
  await expect(again.getByTestId('quiz-resume')).toHaveCount(0);
  expect(await savedRound(page, 'cap')).toBeNull();
});

test('the hint is shown on request', async ({ page }) => {
  const quiz = await openQuiz(page);
  await quiz.getByTestId('quiz-hint').click();
  await expect(quiz.getByTestId('quiz-hint-text')).toContainText(bank.questions[0].hint.trim());
});

test('keyboard alone can answer a question', async ({ page }) => {
  const quiz = await openQuiz(page);
  const q = bank.questions[0];
  // The options are shuffled: find where the answer is showing.
  const position = (await shownOrder(quiz)).indexOf(q.answer);
  await quiz.locator('[data-testid=quiz-option]').first().focus();
  // Arrow keys move the radio selection (Space picks the focused first one); Tab reaches Check; Enter activates it.
  if (position === 0) await page.keyboard.press('Space');
  for (let i = 0; i < position; i++) await page.keyboard.press('ArrowDown');
  await expect(quiz.locator(`[data-testid=quiz-option][data-option-index="${q.answer}"]`)).toBeChecked();
  const check = quiz.getByTestId('quiz-check');
  for (let i = 0; i < 6 && !(await check.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(check).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(quiz.getByTestId('quiz-verdict')).toContainText('Correct');
});

test('options are shuffled per round, and a reload at question 3 resumes there with the same order', async ({ page }) => {
  test.setTimeout(120_000); // the whole bank, a break-it question's replay included
  let quiz = await openQuiz(page);
  // A new round (here, after forgetting everything) shows the options in a new order.
  const first = await shownOrder(quiz);
  expect([...first].sort()).toEqual(bank.questions[0].options.map((_: unknown, i: number) => i));
  let differs = false;
  for (let i = 0; i < 6 && !differs; i++) {
    await page.evaluate(() => localStorage.clear());
    quiz = await openQuiz(page, true);
    differs = (await shownOrder(quiz)).join() !== first.join();
  }
  expect(differs).toBe(true);

  await answer(quiz, 0, true);
  await answer(quiz, 1, false);
  await expect(quiz.getByTestId('quiz-progress')).toContainText('Question 3 of');
  const order = await shownOrder(quiz);
  // Each checked answer is already saved, in the bank's indices.
  const saved = await savedRound(page, 'cap');
  expect(Object.keys(saved.answers)).toEqual([bank.questions[0].id, bank.questions[1].id]);
  expect(saved.answers[bank.questions[0].id]).toMatchObject({ correct: true, response: String(bank.questions[0].answer) });

  quiz = await openQuiz(page, true);
  const total = bank.questions.length;
  await expect(quiz.getByTestId('quiz-resume')).toContainText(`2 of ${total} questions answered`);
  await quiz.getByRole('button', { name: `Continue: question 3 of ${total}` }).click();
  await expect(quiz.getByTestId('quiz-progress')).toHaveText(`Question 3 of ${total}`);
  await expect(quiz.getByTestId('quiz-progress')).toBeFocused();
  expect(await shownOrder(quiz)).toEqual(order);

  // The answers from before the reload count in the result.
  for (let i = 2; i < total; i++) await answer(quiz, i, true);
  await expect(quiz.getByTestId('quiz-score')).toContainText(`${total - 1 - GIVEN_UP} of ${total}`);
});

test('starting over forgets the unfinished round', async ({ page }) => {
  let quiz = await openQuiz(page);
  await answer(quiz, 0, true);
  quiz = await openQuiz(page, true);
  await quiz.getByTestId('quiz-start-over').click();
  await expect(quiz.getByTestId('quiz-progress')).toHaveText(`Question 1 of ${bank.questions.length}`);
  expect(await savedRound(page, 'cap')).toBeNull();
  quiz = await openQuiz(page, true);
  await expect(quiz.getByTestId('quiz-resume')).toHaveCount(0);
});

test('an option correctly left unticked is marked right, never wrong', async ({ page }) => {
  const index = bank.questions.findIndex((q: { kind: string }) => q.kind === 'multiple');
  const q = bank.questions[index];
  // Start at that question through a saved round whose earlier questions are answered.
  await seedRoundAt(page, index, '5eed5eed');
  const quiz = await openQuiz(page);
  await quiz.getByTestId('quiz-continue').click();
  await expect(quiz.getByTestId('quiz-progress')).toContainText(`Question ${index + 1} of`);

  // Tick exactly the right answers.
  for (const i of q.answers) await quiz.locator(`[data-testid=quiz-option][data-option-index="${i}"]`).check();
  await quiz.getByTestId('quiz-check').click();
  await expect(quiz.getByTestId('quiz-verdict')).toContainText('Correct');
  const omitted = q.options.map((_: unknown, i: number) => i).filter((i: number) => !q.answers.includes(i));
  for (const i of omitted) {
    const option = quiz.locator('.cl-quiz__option', { has: page.locator(`[data-option-index="${i}"]`) });
    await expect(option).toHaveAttribute('data-mark', 'right');
    await expect(option).toContainText('Right to leave out');
  }
  await expect(quiz.locator('.cl-quiz__option[data-mark=wrong]')).toHaveCount(0);
  await expect(quiz.locator('.cl-quiz__explanations [data-mark=wrong]')).toHaveCount(0);
  await expect(quiz.locator('.cl-quiz__explanations')).toContainText('Right to leave out');
  await expect(quiz.locator('.cl-quiz__explanations')).not.toContainText('Wrong answer');
});

test('only a wrong tick and a missed right answer are marked wrong', async ({ page }) => {
  const index = bank.questions.findIndex((q: { kind: string; answers?: number[]; options?: unknown[] }) => q.kind === 'multiple' && q.answers!.length >= 2 && q.options!.length - q.answers!.length >= 2);
  const q = bank.questions[index];
  const wrong = q.options.map((_: unknown, i: number) => i).filter((i: number) => !q.answers.includes(i));
  await seedRoundAt(page, index, 'abc');
  const quiz = await openQuiz(page);
  await quiz.getByTestId('quiz-continue').click();
  // Tick one right answer and one wrong one; leave another right one and another wrong one.
  await quiz.locator(`[data-testid=quiz-option][data-option-index="${q.answers[0]}"]`).check();
  await quiz.locator(`[data-testid=quiz-option][data-option-index="${wrong[0]}"]`).check();
  await quiz.getByTestId('quiz-check').click();
  const option = (i: number) => quiz.locator('.cl-quiz__option', { has: page.locator(`[data-option-index="${i}"]`) });
  await expect(option(q.answers[0])).toHaveAttribute('data-mark', 'right');
  await expect(option(wrong[0])).toHaveAttribute('data-mark', 'wrong');
  await expect(option(wrong[0])).toContainText('✗ Your choice, wrong');
  await expect(option(q.answers[1])).toHaveAttribute('data-mark', 'wrong');
  await expect(option(q.answers[1])).toContainText('✗ Missed');
  await expect(option(wrong[1])).toHaveAttribute('data-mark', 'right');
  await expect(option(wrong[1])).toContainText('✓ Right to leave out');
  await expect(quiz.locator('.cl-quiz__option[data-mark=wrong]')).toHaveCount(2);
});

test('a practice set is saved as it goes too: continue it, or start over at the filters', async ({ page }) => {
  const selector = '[data-testid=quiz][data-bank=practice]';
  const open = async (reload = false) => {
    if (reload) await page.reload();
    else await page.goto('/practice/quizzes/');
    await waitForIsland(page, selector);
    await page.locator(`${selector}[data-round-ready=true]`).waitFor();
    return page.locator(selector);
  };
  let quiz = await open();
  // One lesson's easy questions, all with options to tick: a mixed set may open on an ordering or
  // a break-it question, which this test does not answer.
  await quiz.getByTestId('practice-lesson').selectOption('foundations/cap');
  await quiz.getByTestId('practice-difficulty').selectOption('easy');
  await quiz.getByTestId('practice-start').click();
  await expect(quiz.getByTestId('quiz-progress')).toContainText('Question 1 of');
  const count = Number((await quiz.getByTestId('quiz-progress').textContent())!.match(/of (\d+)/)![1]);
  await quiz.getByTestId('quiz-option').first().check();
  await quiz.getByTestId('quiz-check').click();
  await quiz.getByTestId('quiz-next').click();
  const order = await shownOrder(quiz);

  quiz = await open(true);
  await quiz.getByRole('button', { name: `Continue: question 2 of ${count}` }).click();
  expect(await shownOrder(quiz)).toEqual(order);

  quiz = await open(true);
  await quiz.getByTestId('quiz-start-over').click();
  await expect(quiz.getByTestId('practice-form')).toBeVisible();
  expect(await savedRound(page, 'practice')).toBeNull();
});
