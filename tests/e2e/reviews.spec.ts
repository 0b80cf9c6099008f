// Spaced review end to end: a question answered wrongly in the 2PC lesson quiz becomes a review
// card; ten minutes later (the page clock is moved forward in an init script) the home page says
// "Review: 1 due", its link opens a review session on the practice page that asks that question
// first, and answering it right schedules it a day or more ahead, so nothing is due any more.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { parse } from 'yaml';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { waitForIsland } from './pages';

const bank = parse(readFileSync(join(import.meta.dirname, '..', '..', 'content', 'quizzes', 'two-phase-commit.yaml'), 'utf8'));
const byId = new Map<string, { kind: string; answer?: number; answers?: number[]; options?: unknown[] }>(bank.questions.map((q: { id: string }) => [q.id, q]));
const LESSON_QUIZ = '[data-testid=quiz][data-bank=two-phase-commit]';
const PRACTICE = '[data-testid=quiz][data-bank=practice]';

/** Answers the question showing in `quiz`, right or wrong (single and multiple choice only). */
async function answer(quiz: Locator, id: string, right: boolean): Promise<void> {
  const q = byId.get(id);
  if (!q || (q.kind !== 'single' && q.kind !== 'multiple')) throw new Error(`question ${id} is not a choice question`);
  const n = q.options!.length;
  const picks = q.kind === 'single' ? [right ? q.answer! : (q.answer! + 1) % n] : right ? q.answers! : [[...Array(n).keys()].find((i) => !q.answers!.includes(i))!];
  for (const i of picks) await quiz.locator(`[data-testid=quiz-option][data-option-index="${i}"]`).check();
  await quiz.getByTestId('quiz-check').click();
  await expect(quiz.getByTestId('quiz-feedback')).toBeVisible();
}

/** From now on, every page of this test sees the clock `ms` ahead of the real one. */
async function moveClockForward(page: Page, ms: number): Promise<void> {
  await page.addInitScript((shift) => {
    const Real = Date;
    class Shifted extends Real {
      constructor(...args: unknown[]) {
        if (args.length === 0) super(Real.now() + shift);
        else super(...(args as [number]));
      }
      static now() {
        return Real.now() + shift;
      }
    }
    globalThis.Date = Shifted as DateConstructor;
  }, ms);
}

const savedCards = (page: Page) => page.evaluate(() => JSON.parse(localStorage.getItem('consistency-lab:progress') ?? '{}').cards ?? {});

test('a missed question comes back for review when due, and answering it right schedules it later', async ({ page }) => {
  await page.goto('/transactions/two-phase-commit/');
  await waitForIsland(page, LESSON_QUIZ);
  const quiz = page.locator(`${LESSON_QUIZ}[data-round-ready=true]`);
  await quiz.waitFor();
  const first = (await quiz.locator('[data-question-id]').getAttribute('data-question-id'))!;
  await answer(quiz, first, false);
  const key = `two-phase-commit/${first}`;
  expect((await savedCards(page))[key]).toMatchObject({ state: 'learning', reps: 1 });

  // Right away nothing is due: a missed question comes back in about ten minutes, not at once.
  await page.goto('/');
  await expect(page.getByTestId('home-review-due')).toContainText('No reviews due');
  await expect(page.getByTestId('home-review-due')).toHaveAttribute('data-due', '0');

  await moveClockForward(page, 11 * 60_000);
  await page.goto('/');
  const badge = page.getByTestId('home-review-due');
  await expect(badge).toBeVisible();
  await expect(badge).toContainText('Review: 1 due');

  await badge.getByRole('link', { name: 'Review: 1 due' }).click();
  await expect(page).toHaveURL(/\/practice\/quizzes\/\?source=due/);
  await waitForIsland(page, PRACTICE);
  const practice = page.locator(`${PRACTICE}[data-round-ready=true]`);
  await practice.waitFor();
  await expect(practice.getByTestId('practice-source-due')).toBeChecked();
  await expect(practice.getByTestId('practice-due-count')).toHaveText('(1 due)');
  await practice.getByTestId('practice-start').click();

  // The due question comes first; answer it right this time.
  await expect(practice.locator(`[data-question-id="${key}"]`)).toBeVisible();
  await answer(practice, key.slice(key.indexOf('/') + 1), true);
  const card = (await savedCards(page))[key];
  expect(card).toMatchObject({ state: 'review', reps: 2 });
  // Days now, not minutes: a just-relearned question gets about a day, and more after each right answer.
  expect(Date.parse(card.due) - (await page.evaluate(() => Date.now()))).toBeGreaterThan(20 * 60 * 60_000);

  await page.goto('/');
  await expect(page.getByTestId('home-review-due')).toContainText('No reviews due');
});

/** The countdown's text (`7:12`) in seconds. */
const clockSeconds = async (clock: Locator): Promise<number> => {
  const [m, s] = (await clock.locator('[role=timer]').innerText()).split(':').map(Number);
  return m * 60 + s;
};

// A timed exam in progress survives a reload: the reader is offered to continue it where they
// were, with the answers given so far and the clock still running (time away counts).
test('a timed exam survives a reload: answers kept, same question, the clock still counting', async ({ page }) => {
  await page.goto('/practice/quizzes/');
  await waitForIsland(page, '[data-testid=exam]');
  const exam = page.getByTestId('exam');
  await exam.getByTestId('exam-size-10').check();
  await exam.getByTestId('exam-minutes').selectOption('10');
  await exam.getByTestId('exam-start').click();
  await expect(exam.getByTestId('exam-running')).toBeVisible();

  // Answer the first two choice questions met (orderings are skipped), then move on one more.
  const answered: { id: string; position: number }[] = [];
  for (let position = 1; answered.length < 2; position++) {
    await expect(exam.getByTestId('exam-progress')).toHaveText(`Question ${position} of 10`);
    const question = exam.locator('[data-question-id]');
    const kind = await question.getAttribute('data-kind');
    if (kind === 'single' || kind === 'multiple') {
      await question.locator('[data-testid=quiz-option][data-option-index="0"]').check();
      answered.push({ id: (await question.getAttribute('data-question-id'))!, position });
    }
    await exam.getByTestId('exam-next').click();
  }
  const at = answered[1].position + 1;
  await expect(exam.getByTestId('exam-progress')).toHaveText(`Question ${at} of 10`);
  const answeredText = await exam.getByTestId('exam-answered').innerText();
  const before = await clockSeconds(exam.getByTestId('exam-clock'));

  await page.reload();
  await waitForIsland(page, '[data-testid=exam]');
  const offer = exam.getByTestId('exam-resume');
  await expect(offer).toBeVisible();
  const resume = offer.getByTestId('exam-continue');
  await expect(resume).toHaveText(new RegExp(`^Continue your exam: question ${at} of 10, \\d+:\\d\\d left$`));
  await expect(offer.getByTestId('exam-discard')).toHaveText('Discard it');
  // Said once, politely, for screen readers.
  await expect(exam.getByTestId('exam-live')).toContainText(`You have a timed exam in progress: question ${at} of 10`);
  await resume.click();

  await expect(exam.getByTestId('exam-progress')).toHaveText(`Question ${at} of 10`);
  await expect(exam.getByTestId('exam-progress')).toBeFocused();
  await expect(exam.getByTestId('exam-answered')).toHaveText(answeredText);
  // The clock kept running through the reload and still counts down.
  const clock = exam.getByTestId('exam-clock');
  const after = await clockSeconds(clock);
  expect(after).toBeLessThanOrEqual(before);
  await expect.poll(() => clockSeconds(clock), { timeout: 5_000 }).toBeLessThan(after);

  // Both answers are still ticked where they were given.
  for (const { id, position } of [...answered].reverse()) {
    while ((await exam.getByTestId('exam-progress').innerText()) !== `Question ${position} of 10`) await exam.getByTestId('exam-previous').click();
    const question = exam.locator(`[data-question-id="${id}"]`);
    await expect(question.locator('[data-testid=quiz-option][data-option-index="0"]')).toBeChecked();
  }
});
