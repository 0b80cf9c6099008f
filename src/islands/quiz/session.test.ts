import { describe, expect, it } from 'vitest';
import { byId } from './fixtures.ts';
import { currentId, outcomes, reduce, startSession, summarize, toAttempt } from './session.ts';

const ids = ['one', 'many', 'order'];

describe('quiz session', () => {
  it('asks for an answer before checking, then grades and moves on', () => {
    let s = startSession(ids, byId);
    expect(currentId(s)).toBe('one');
    s = reduce(s, { type: 'check', question: byId.one });
    expect(s).toMatchObject({ phase: 'answering', needsAnswer: true });
    s = reduce(s, { type: 'respond', id: 'one', response: { kind: 'single', choice: 1 } });
    expect(s.needsAnswer).toBe(false);
    s = reduce(s, { type: 'check', question: byId.one });
    expect(s.phase).toBe('checked');
    expect(s.graded.one.correct).toBe(true);
    // Answers are locked once checked.
    expect(reduce(s, { type: 'respond', id: 'one', response: { kind: 'single', choice: 0 } })).toBe(s);
    s = reduce(s, { type: 'next' });
    expect(currentId(s)).toBe('many');
  });

  it('starts ordering questions shuffled, so Check works straight away', () => {
    const s = startSession(['order'], byId);
    expect(s.responses.order).toMatchObject({ kind: 'ordering' });
    expect(reduce(s, { type: 'check', question: byId.order }).phase).toBe('checked');
  });

  it('summarises by difficulty, counts hints, and builds the attempt and missed list', () => {
    let s = startSession(ids, byId);
    s = reduce(s, { type: 'hint', id: 'one' });
    s = reduce(s, { type: 'respond', id: 'one', response: { kind: 'single', choice: 1 } });
    s = reduce(reduce(s, { type: 'check', question: byId.one }), { type: 'next' });
    s = reduce(s, { type: 'respond', id: 'many', response: { kind: 'multiple', choices: [0] } });
    s = reduce(reduce(s, { type: 'check', question: byId.many }), { type: 'next' });
    s = reduce(s, { type: 'respond', id: 'order', response: { kind: 'ordering', order: [0, 1, 2, 3] } });
    s = reduce(reduce(s, { type: 'check', question: byId.order }), { type: 'next' });
    expect(s.phase).toBe('done');
    expect(summarize(s, byId)).toEqual({
      score: 2,
      total: 3,
      hintsUsed: 1,
      byDifficulty: [
        { difficulty: 'easy', right: 1, total: 1 },
        { difficulty: 'medium', right: 0, total: 1 },
        { difficulty: 'hard', right: 1, total: 1 },
      ],
      missed: ['many'],
    });
    const attempt = toAttempt(s, '2026-11-03T10:00:00.000Z');
    expect(attempt).toMatchObject({ score: 2, total: 3 });
    expect(attempt.answers.one).toEqual({ correct: true, response: '1', hinted: true });
    expect(outcomes(s, 'cap', false)).toContainEqual({ bank: 'cap', question: 'many', correct: false });
    const retry = reduce(s, { type: 'restart', ids: ['many'], questions: byId });
    expect(retry).toMatchObject({ ids: ['many'], index: 0, phase: 'answering', graded: {} });
  });

  it('takes the verdict of a simulation question', () => {
    let s = startSession(['guess'], byId);
    s = reduce(s, { type: 'simulated', question: byId.guess, correct: true, response: 'p1 aborted' });
    expect(s.graded.guess).toEqual({ correct: true, response: 'p1 aborted' });
  });

  it('files practice questions under their own bank', () => {
    const s = startSession(['cap/q1', 'two-phase-commit/q2'], { 'cap/q1': byId.one, 'two-phase-commit/q2': byId.many });
    expect(outcomes(s, 'practice', true)).toEqual([
      { bank: 'cap', question: 'q1', correct: false },
      { bank: 'two-phase-commit', question: 'q2', correct: false },
    ]);
  });
});
