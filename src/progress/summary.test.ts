import { describe, expect, it } from 'vitest';
import { emptyWork } from '../design/work.ts';
import { emptyRecord, withAttempt, withDesignWork, withFinished, withRound, withVisit } from './record.ts';
import { dashboardView, masteryInputs, progressView, type Catalog } from './summary.ts';

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

describe('dashboard', () => {
  const dash: Catalog = {
    lessons: {
      'foundations/cap': { title: 'CAP', href: '/foundations/cap/', objectives: [{ id: 'define-c', text: 'Define C' }] },
      'transactions/two-phase-commit': { title: '2PC', href: '/transactions/two-phase-commit/' },
      'practice/quizzes': { title: 'Practice', href: '/practice/quizzes/', practice: true },
    },
    banks: {
      cap: { title: 'CAP quiz', lesson: 'foundations/cap', questions: { q1: { prompt: 'a', lessons: [], objectives: ['define-c'] }, q2: { prompt: 'b', lessons: [] } } },
      'two-phase-commit': { title: '2PC quiz', lesson: 'transactions/two-phase-commit', questions: { p1: { prompt: 'c', lessons: [] }, p2: { prompt: 'd', lessons: ['foundations/cap'] } } },
    },
    practiceHref: '/practice/quizzes/',
  };
  const T3 = '2026-11-05T10:00:00.000Z';
  const card = (due: string) => ({ due, stability: 1, difficulty: 5, reps: 1, lapses: 0, state: 'learning' as const, step: 0, lastReview: T1 });

  it('lists lessons in course order with status, best full score, due reviews and a disagreeing quiz', () => {
    let r = withFinished(withVisit(emptyRecord(), 'foundations/cap', T1), 'foundations/cap', true, T1);
    r = withAttempt(r, 'cap', { at: T1, score: 1, total: 2, answers: {} }, []);
    r = withAttempt(r, 'cap', { at: T2, score: 0, total: 2, answers: {} }, []);
    // A one-question retry scores 100% but is not the best full-quiz score.
    r = withAttempt(r, 'cap', { at: T3, score: 0, total: 1, answers: {} }, []);
    r = { ...r, cards: { 'cap/q1': card(T1), 'two-phase-commit/p2': card(T2), 'two-phase-commit/p1': card(T3), 'gone/x': card(T1) } };
    const view = dashboardView(r, dash, new Date(T2));
    expect(view.lessons.map((l) => l.id)).toEqual(['foundations/cap', 'transactions/two-phase-commit']);
    expect(view.lessons[0]).toMatchObject({ status: 'finished', best: { score: 1, total: 2 }, last: { score: 0, total: 1 }, due: 2 });
    expect(view.lessons[0].note).toMatch(/marked this finished, but your last quiz on it had 0 of 1 right/);
    expect(view.lessons[1]).toMatchObject({ status: 'not-started', best: null, due: 0, note: null });
    expect(view.due).toBe(2);
    expect(view.reviewHref).toBe('/practice/quizzes/?source=due#practice-set');
  });

  it('continues where the reader left off: the newest unfinished round or unfinished lesson', () => {
    let r = withVisit(withVisit(emptyRecord(), 'foundations/cap', T1), 'practice/quizzes', T3);
    expect(dashboardView(r, dash, new Date(T3)).continueAt).toEqual({ kind: 'lesson', href: '/foundations/cap/', label: 'Continue reading “CAP”', at: T1 });
    r = withRound(r, 'two-phase-commit__phases', { seed: 's', ids: ['p1', 'p2', 'p3'], answers: { p1: { correct: true, response: '0' } } }, T2);
    expect(dashboardView(r, dash, new Date(T3)).continueAt).toEqual({
      kind: 'round',
      href: '/transactions/two-phase-commit/',
      label: 'Continue: question 2 of 3 in the quiz on “2PC”',
      at: T2,
    });
    expect(dashboardView(withFinished(emptyRecord(), 'foundations/cap', true, T1), dash, new Date(T3)).continueAt).toBeNull();
  });

  it('continues a design exercise at the step the reader is on, when it is the newest thing', () => {
    const withDesign: Catalog = {
      ...dash,
      lessons: { ...dash.lessons, 'design/op': { title: 'Design', href: '/design/op/' } },
      designs: { op: { title: 'Orders', lesson: 'design/op', steps: [{ id: 'clarify', title: 'Clarify' }, { id: 'estimate', title: 'Estimate the load' }] } },
    };
    let r = withVisit(emptyRecord(), 'foundations/cap', T1);
    r = withDesignWork(r, 'op', { ...emptyWork(T2), step: 'estimate' });
    expect(dashboardView(r, withDesign, new Date(T3)).continueAt).toEqual({
      kind: 'design',
      href: '/design/op/',
      label: 'Continue the design exercise: step 2 of 2, “Estimate the load”',
      at: T2,
    });
    // An exercise the site no longer has, or a catalog without exercises, is skipped.
    expect(dashboardView(r, dash, new Date(T3)).continueAt?.kind).toBe('lesson');
    expect(dashboardView(withDesignWork(r, 'gone', emptyWork(T3)), withDesign, new Date(T3)).continueAt?.kind).toBe('design');
  });

  it('gives mastery its inputs from the catalog', () => {
    expect(masteryInputs(dash, 'foundations/cap')).toEqual({
      objectives: [{ id: 'define-c', text: 'Define C' }],
      questions: [{ bank: 'cap', id: 'q1', objectives: ['define-c'] }, { bank: 'cap', id: 'q2', objectives: [] }],
    });
  });
});
