import { describe, expect, it } from 'vitest';
import { byId } from './fixtures.ts';
import {
  advance,
  check,
  currentId,
  displayOrder,
  isChecked,
  isFinished,
  outcomes,
  respond,
  resumeSession,
  settleSimulated,
  startSession,
  summarize,
  takeHint,
  toAttempt,
  toSnapshot,
} from './session.ts';

const ids = ['one', 'many', 'order'];
const SEED = 'a1b2c3d4';

describe('quiz session', () => {
  it('asks for an answer before checking, then grades and moves on', () => {
    let s = startSession(ids, byId, SEED);
    expect(currentId(s)).toBe('one');
    s = check(s, byId.one);
    expect(s).toMatchObject({ needsAnswer: true, graded: {} });
    s = respond(s, 'one', { kind: 'single', choice: 1 });
    expect(s.needsAnswer).toBe(false);
    s = check(s, byId.one);
    expect(isChecked(s)).toBe(true);
    expect(s.graded.one.correct).toBe(true);
    // Answers are locked once checked, and only the question showing can be answered.
    expect(respond(s, 'one', { kind: 'single', choice: 0 })).toBe(s);
    expect(respond(s, 'many', { kind: 'multiple', choices: [0] })).toBe(s);
    s = advance(s);
    expect(currentId(s)).toBe('many');
    // No skipping ahead of an unchecked question.
    expect(advance(s)).toBe(s);
  });

  it('starts ordering questions shuffled with no item in place, so Check works straight away', () => {
    const s = startSession(['order'], byId, SEED);
    const start = s.responses.order;
    expect(start.kind).toBe('ordering');
    if (start.kind === 'ordering') expect(start.order.every((item, i) => item !== i)).toBe(true);
    expect(isChecked(check(s, byId.order))).toBe(true);
  });

  it('shows options in an order that depends on the round seed, and grades by bank index', () => {
    const q = byId.one;
    const orders = new Set(['s1', 's2', 's3', 's4', 's5', 's6', 's7', 's8'].map((seed) => displayOrder({ seed }, q).join(',')));
    expect(orders.size).toBeGreaterThan(1);
    expect(displayOrder({ seed: 's1' }, q)).toEqual(displayOrder({ seed: 's1' }, q));
    expect([...displayOrder({ seed: 's1' }, q)].sort()).toEqual([0, 1, 2]);
    expect(displayOrder({ seed: 's1' }, byId.order)).toEqual([]);
    // The response is the bank index whatever the position it was shown at.
    const s = check(respond(startSession(['one'], byId, 's1'), 'one', { kind: 'single', choice: 1 }), q);
    expect(s.graded.one).toEqual({ correct: true, response: '1' });
  });

  it('summarises by difficulty, counts hints, and builds the attempt and missed list', () => {
    let s = startSession(ids, byId, SEED);
    s = takeHint(s, 'one');
    s = respond(s, 'one', { kind: 'single', choice: 1 });
    s = advance(check(s, byId.one));
    s = respond(s, 'many', { kind: 'multiple', choices: [0] });
    s = advance(check(s, byId.many));
    s = respond(s, 'order', { kind: 'ordering', order: [0, 1, 2, 3] });
    s = check(s, byId.order);
    expect(isFinished(s)).toBe(true);
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
  });

  it('takes the verdict of a simulation question, with the option picked', () => {
    let s = startSession(['guess'], byId, SEED);
    s = settleSimulated(s, byId.guess, { correct: true, response: '0', choice: 0 });
    expect(s.graded.guess).toEqual({ correct: true, response: '0' });
    expect(s.responses.guess).toEqual({ kind: 'simulation', correct: true, response: '0', choice: 0 });
  });

  it('files practice questions under their own bank', () => {
    const s = startSession(['cap/q1', 'two-phase-commit/q2'], { 'cap/q1': byId.one, 'two-phase-commit/q2': byId.many }, SEED);
    expect(outcomes(s, 'practice', true)).toEqual([
      { bank: 'cap', question: 'q1', correct: false },
      { bank: 'two-phase-commit', question: 'q2', correct: false },
    ]);
  });
});

describe('saving and resuming a round', () => {
  /** Answer the first two of four questions, the first with a hint. */
  const halfway = () => {
    let s = startSession(['one', 'many', 'order', 'guess'], byId, SEED);
    s = takeHint(s, 'one');
    s = advance(check(respond(s, 'one', { kind: 'single', choice: 1 }), byId.one));
    s = check(respond(s, 'many', { kind: 'multiple', choices: [2] }), byId.many);
    return s;
  };

  it('keeps only checked answers in the snapshot, in bank indices', () => {
    expect(toSnapshot(halfway())).toEqual({
      seed: SEED,
      ids: ['one', 'many', 'order', 'guess'],
      answers: { one: { correct: true, response: '1', hinted: true }, many: { correct: false, response: '2', hinted: false } },
    });
  });

  it('resumes at the first unanswered question with the same order, seed, shuffles and answers', () => {
    const before = halfway();
    const resumed = resumeSession(toSnapshot(before), byId)!;
    expect(resumed.ids).toEqual(before.ids);
    expect(resumed.seed).toBe(SEED);
    expect(currentId(resumed)).toBe('order');
    expect(isChecked(resumed)).toBe(false);
    expect(resumed.graded).toEqual(before.graded);
    expect(resumed.hinted).toEqual({ one: true });
    // The ordering question starts as it would have in the original round.
    expect(resumed.responses.order).toEqual(before.responses.order);
    expect(displayOrder(resumed, byId.guess)).toEqual(displayOrder(before, byId.guess));
    // Finishing the resumed round counts the answers from before the reload.
    let s = advance(check(respond(resumed, 'order', { kind: 'ordering', order: [0, 1, 2, 3] }), byId.order));
    s = settleSimulated(s, byId.guess, { correct: false, response: '1', choice: 1 });
    expect(isFinished(s)).toBe(true);
    expect(summarize(s, byId)).toMatchObject({ score: 2, total: 4, hintsUsed: 1, missed: ['many', 'guess'] });
  });

  it('resumes a round whose answers are all in at its last question, ready for the result', () => {
    const snapshot = { seed: SEED, ids: ['one'], answers: { one: { correct: false, response: '0' } } };
    const s = resumeSession(snapshot, byId)!;
    expect(isFinished(s)).toBe(true);
    expect(currentId(s)).toBe('one');
  });

  it('leaves out questions the bank no longer has, and gives up when none is left', () => {
    const snapshot = { seed: SEED, ids: ['gone', 'one'], answers: { gone: { correct: true, response: '0' } } };
    const s = resumeSession(snapshot, byId)!;
    expect(s.ids).toEqual(['one']);
    expect(s.graded).toEqual({});
    expect(resumeSession({ seed: SEED, ids: ['gone'], answers: {} }, byId)).toBeNull();
  });
});
