// Progress kept in the browser: finishing a lesson shows on the course map after a reload, a
// corrupt saved record gives a notice and a fresh start instead of a broken page, an older
// record is migrated with every attempt kept, and an unfinished quiz round travels in exports.
import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { waitForIsland } from './pages';

test('finishing a lesson survives a reload and shows on the course map', async ({ page }) => {
  await page.goto('/foundations/cap/');
  const finish = page.locator('[data-finish-button]');
  await finish.scrollIntoViewIfNeeded();
  await finish.click();
  await expect(finish).toHaveAttribute('aria-pressed', 'true');
  await page.reload();
  await expect(page.locator('[data-finish-button]')).toHaveAttribute('aria-pressed', 'true');

  await page.goto('/');
  await expect(page.locator('[data-lesson-status="foundations/cap"]')).toHaveAttribute('data-state', 'finished');
  await expect(page.locator('[data-lesson-status="foundations/cap"]')).toContainText('Finished');
});

test('a corrupt saved record shows a notice and the page still works', async ({ page }) => {
  await page.addInitScript(() => {
    if (!sessionStorage.getItem('seeded')) {
      localStorage.setItem('consistency-lab:progress', '{"version": 2, "lessons": ');
      sessionStorage.setItem('seeded', '1');
    }
  });
  await page.goto('/foundations/cap/');
  const notice = page.locator('[data-progress-notice]');
  await expect(notice).toBeVisible();
  await expect(notice).toContainText(/reset|could not/i);
  // The corrupt text is kept, not thrown away.
  expect(await page.evaluate(() => localStorage.getItem('consistency-lab:progress:backup'))).toContain('"version": 2');
  await page.locator('[data-progress-notice-dismiss]').click();
  await expect(notice).toBeHidden();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
});

test('a record from a future version is set aside with a notice', async ({ page }) => {
  await page.addInitScript(() => {
    if (!sessionStorage.getItem('seeded')) {
      localStorage.setItem('consistency-lab:progress', JSON.stringify({ version: 99, everything: 'new' }));
      sessionStorage.setItem('seeded', '1');
    }
  });
  await page.goto('/');
  await expect(page.locator('[data-progress-notice]')).toBeVisible();
  await expect(page.locator('[data-lesson-status="foundations/cap"]')).toHaveAttribute('data-state', /visited|not-started/);
});

test('the progress page exports, refuses a damaged import, and deletes only after asking', async ({ page }) => {
  await page.goto('/foundations/cap/');
  await page.locator('[data-finish-button]').click();
  await page.goto('/progress/');
  const confirmBox = page.locator('[data-reset-confirm]');
  const message = page.getByTestId('progress-message');
  await expect(confirmBox).toBeHidden();

  // Export gives a dated JSON file holding the finished lesson.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('progress-export').click()]);
  expect(download.suggestedFilename()).toMatch(/^consistency-lab-progress-\d{4}-\d{2}-\d{2}\.json$/);
  const exported = await (await download.createReadStream()).toArray();
  expect(Buffer.concat(exported).toString('utf8')).toContain('foundations/cap');

  // A damaged file is refused and nothing changes.
  await page.getByTestId('progress-import').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"version": 2, "less') });
  await expect(message).toContainText(/not|could/i);
  await expect(page.locator('.cl-progress-lessons')).toContainText(/Finished/);

  // Delete asks first; cancel keeps everything.
  await page.getByTestId('progress-reset').click();
  await expect(confirmBox).toBeVisible();
  await page.getByTestId('progress-reset-cancel').click();
  await expect(confirmBox).toBeHidden();
  await expect(page.locator('.cl-progress-lessons')).toContainText(/Finished/);

  await page.getByTestId('progress-reset').click();
  await page.getByTestId('progress-reset-confirm').click();
  await expect(message).toContainText('deleted');
  await expect(page.locator('.cl-progress-lessons')).not.toContainText(/Finished/);
});

test('a version 2 record is migrated quietly, keeping its attempts and missed questions', async ({ page }) => {
  const at = '2026-11-01T09:00:00.000Z';
  const v2 = {
    version: 2,
    lessons: { 'foundations/cap': { visited: at, finished: at } },
    quizzes: { cap: { attempts: [{ at, score: 5, total: 22, answers: { 'c-means-linearizability': { correct: false, response: '0', hinted: true } } }] } },
    missed: { 'cap/c-means-linearizability': { at, bank: 'cap', question: 'c-means-linearizability' } },
  };
  await page.addInitScript((record) => {
    if (!sessionStorage.getItem('seeded')) {
      localStorage.setItem('consistency-lab:progress', JSON.stringify(record));
      sessionStorage.setItem('seeded', '1');
    }
  }, v2);
  await page.goto('/foundations/cap/');
  const quiz = page.locator('[data-testid=quiz][data-bank=cap]');
  await waitForIsland(page, '[data-testid=quiz][data-bank=cap]');
  await expect(quiz.getByTestId('quiz-last-attempt')).toContainText('5 of 22');
  await expect(page.locator('[data-progress-notice]')).toBeHidden();
  const saved = await page.evaluate(() => JSON.parse(localStorage.getItem('consistency-lab:progress')!));
  expect(saved.version).toBe(4);
  expect(saved.quizzes).toEqual(v2.quizzes);
  expect(saved.missed).toEqual(v2.missed);
  expect(saved.rounds).toEqual({});
  await page.goto('/progress/');
  await expect(page.getByTestId('progress-quiz')).toContainText('5 of 22 right');
});

test('an unfinished quiz round is exported and imported with its answers and order', async ({ page }) => {
  await page.goto('/foundations/cap/');
  const selector = '[data-testid=quiz][data-bank=cap]';
  await waitForIsland(page, selector);
  let quiz = page.locator(`${selector}[data-round-ready=true]`);
  await quiz.waitFor();
  await quiz.getByTestId('quiz-option').first().check();
  await quiz.getByTestId('quiz-check').click();
  await quiz.getByTestId('quiz-next').click();
  const order = await quiz.getByTestId('quiz-option').evaluateAll((els) => els.map((e) => e.getAttribute('data-option-index')));

  await page.goto('/progress/');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('progress-export').click()]);
  const text = await readFile(await download.path(), 'utf8');
  const exported = JSON.parse(text);
  expect(Object.keys(exported.rounds.cap.answers)).toEqual(['c-means-linearizability']);

  await page.getByTestId('progress-reset').click();
  await page.getByTestId('progress-reset-confirm').click();
  await page.getByTestId('progress-import').setInputFiles({ name: 'progress.json', mimeType: 'application/json', buffer: Buffer.from(text) });
  await expect(page.getByTestId('progress-message')).toContainText('1 unfinished quiz round');

  await page.goto('/foundations/cap/');
  await waitForIsland(page, selector);
  quiz = page.locator(`${selector}[data-round-ready=true]`);
  await quiz.getByTestId('quiz-continue').click();
  await expect(quiz.getByTestId('quiz-progress')).toContainText('Question 2 of');
  expect(await quiz.getByTestId('quiz-option').evaluateAll((els) => els.map((e) => e.getAttribute('data-option-index')))).toEqual(order);
});
