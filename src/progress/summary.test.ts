import { describe, expect, it } from 'vitest';
import { emptyRecord, withAttempt, withFinished, withVisit } from './record.ts';
import { progressView, type Catalog } from './summary.ts';

const T1 = '2026-11-03T10:00:00.000Z';
const T2 = '2026-11-04T10:00:00.000Z';
const catalog: Catalog = {
  lessons: { 'foundations/cap': { title: 'CAP', href: '/foundations/cap/' } },
  banks: { cap: { title: 'CAP quiz', lesson: 'foundations/cap', questions: { q1: { prompt: 'What is *C*?', lessons: [] } } } },
  practiceHref: '/practice/quizzes/',
};

describe('progress page view', () => {
  it('lists quizzes newest first, attempts newest first, and missed questions with lesson links', () => {
    let r = withFinished(withVisit(withVisit(emptyRecord(), 'foundations/cap', T1), 'x', T1), 'foundations/cap', true, T1);
    r = withAttempt(r, 'cap', { at: T1, score: 0, total: 1, answers: {} }, [{ bank: 'cap', question: 'q1', correct: false }]);
    r = withAttempt(r, 'practice', { at: T2, score: 1, total: 2, answers: {} }, [{ bank: 'gone', question: 'q9', correct: false }]);
    r = withAttempt(r, 'cap', { at: T1, score: 1, total: 1, answers: {} }, []);
    const view = progressView(r, catalog);
    expect(view).toMatchObject({ lessonsVisited: 2, lessonsFinished: 1 });
    expect(view.quizzes.map((q) => q.title)).toEqual(['Mixed practice', 'CAP quiz']);
    expect(view.quizzes[1].link).toEqual({ title: 'CAP', href: '/foundations/cap/' });
    expect(view.quizzes[1].attempts.map((a) => a.score)).toEqual([1, 0]);
    expect(view.missed).toEqual([
      { key: 'gone/q9', at: T2, prompt: 'A question that is no longer on the site (gone/q9).', bankTitle: 'gone', lessons: [] },
      { key: 'cap/q1', at: T1, prompt: 'What is *C*?', bankTitle: 'CAP quiz', lessons: [{ title: 'CAP', href: '/foundations/cap/' }] },
    ]);
  });
});
