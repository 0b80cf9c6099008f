import { describe, expect, it } from 'vitest';
import { emptyRecord, unfinishedExam, withAttempt, withExam, withoutExam } from '../../progress/record.ts';
import { readRecord } from '../../progress/validate.ts';
import { progressRecordSchema } from '../../schemas/progress.ts';
import { withReviews } from '../../progress/review.ts';
import { dueKeys } from '../../progress/due.ts';
import { bank } from './fixtures.ts';
import { quizBankSchema } from '../../schemas/quiz.ts';
import { mergeBanks } from './practice.ts';
import {
  answerExam,
  answeredIds,
  drawExam,
  examAttempt,
  examOrder,
  examOutcomes,
  examSnapshot,
  examReviews,
  goTo,
  gradeExam,
  restoreExam,
  resumeInfo,
  resumeLabel,
  resumeSpoken,
  startExam,
} from './exam.ts';
import { isPaused, isTimeUp, pauseClock, remainingMs, resumeClock } from '../../timing/countdown.ts';

const merged = mergeBanks([{ id: 'fx', bank }], 'Exam');
const historyBank = quizBankSchema.parse({
  title: 'History fixture',
  lesson: 'foundations/consistency-models',
  questions: [
    {
      id: 'inversion',
      kind: 'history',
      difficulty: 'medium',
      prompt: 'Which models does this history satisfy?',
      hint: 'h',
      history: {
        initial: 0,
        operations: [
          { client: 'A', op: 'write', value: 1, invoked: 0, answered: 40 },
          { client: 'B', op: 'read', value: 1, invoked: 10, answered: 20 },
          { client: 'C', op: 'read', value: 0, invoked: 25, answered: 35 },
        ],
      },
      options: [
        { model: 'sequential', explanation: 'Satisfied.' },
        { model: 'linearizable', explanation: 'Not satisfied.' },
      ],
      answers: [0],
    },
  ],
});
const questions = Object.fromEntries(merged.questions.map((q) => [q.id, q]));
const T0 = Date.parse('2026-11-03T10:00:00.000Z');
const MIN = 60_000;

describe('drawing an exam', () => {
  it('asks only kinds that give no feedback before the end, up to N, the same for a seed', () => {
    const ids = drawExam(merged.questions, 10, 'seed');
    expect([...ids].sort()).toEqual(['fx/many', 'fx/one', 'fx/order']);
    // A history question is answered like a multiple-choice one: it belongs in an exam too, and a
    // saved answer to it comes back with the exam.
    const withHistory = mergeBanks([{ id: 'fx', bank }, { id: 'hx', bank: historyBank }], 'Exam');
    expect(drawExam(withHistory.questions, 10, 'seed')).toContain('hx/inversion');
    const byId = Object.fromEntries(withHistory.questions.map((q) => [q.id, q]));
    let e = startExam(['hx/inversion', 'fx/one'], byId, 'exam-hist', 10, T0);
    e = answerExam(e, 'hx/inversion', { kind: 'multiple', choices: [0] });
    const back = restoreExam({ ...examSnapshot(e), started: new Date(T0).toISOString(), saved: new Date(T0).toISOString() }, byId)!;
    expect(back.responses['hx/inversion']).toEqual({ kind: 'multiple', choices: [0] });
    expect(gradeExam(back, byId, T0 + MIN).graded['hx/inversion'].correct).toBe(true);
    expect(drawExam(merged.questions, 2, 'seed')).toHaveLength(2);
    expect(drawExam(merged.questions, 3, 'x')).toEqual(drawExam(merged.questions, 3, 'x'));
  });
});

describe('taking and grading an exam', () => {
  const ids = ['fx/one', 'fx/many', 'fx/order'];

  it('keeps answers changeable until hand-in, refuses them while paused, and grades at the end', () => {
    let e = startExam([...ids, 'fx/gone'], questions, 'seed', 10, T0);
    expect(e.ids).toEqual(ids);
    e = answerExam(e, 'fx/one', { kind: 'single', choice: 0 });
    e = answerExam(e, 'fx/one', { kind: 'single', choice: 1 });
    e = { ...e, clock: pauseClock(e.clock, T0 + MIN) };
    expect(answerExam(e, 'fx/many', { kind: 'multiple', choices: [0, 2] })).toBe(e);
    e = { ...e, clock: resumeClock(e.clock, T0 + 5 * MIN) };
    e = goTo(e, 2);
    expect(e.index).toBe(2);
    expect(goTo(e, 7)).toBe(e);
    e = answerExam(e, 'fx/order', { kind: 'ordering', order: [0, 1, 2, 3] });
    // The multiple-choice question is left blank; an ordering always counts as answered.
    expect(answeredIds(e)).toEqual(['fx/one', 'fx/order']);
    const result = gradeExam(e, questions, T0 + 7 * MIN);
    expect(result).toMatchObject({ score: 2, total: 3, unanswered: ['fx/many'], usedMs: 3 * MIN, timedOut: false });
    expect(result.graded['fx/one']).toEqual({ correct: true, response: '1' });
  });

  it('saves an exam attempt, files missed questions, and reviews every card (blank counts as wrong)', () => {
    let e = startExam(ids, questions, 'seed', 1, T0);
    e = answerExam(e, 'fx/one', { kind: 'single', choice: 1 });
    const result = gradeExam(e, questions, T0 + 2 * MIN);
    expect(result.timedOut).toBe(true);
    const at = new Date(T0 + 2 * MIN).toISOString();
    const attempt = examAttempt(result, at);
    expect(attempt).toMatchObject({ mode: 'exam', total: 3, at });
    expect(attempt.answers['fx/many']).toEqual({ correct: false, response: '', hinted: false });
    let r = withAttempt(emptyRecord(), 'practice', attempt, examOutcomes(result));
    r = withReviews(r, examReviews(result), at);
    expect(Object.keys(r.missed).sort()).toEqual(['fx/many', 'fx/order'].filter((k) => !result.graded[k].correct));
    expect(Object.keys(r.cards).sort()).toEqual(['fx/many', 'fx/one', 'fx/order']);
    // The blank one comes back in ten minutes; the right one not for days.
    expect(dueKeys(r, new Date(T0 + 30 * MIN))).toContain('fx/many');
    expect(dueKeys(r, new Date(T0 + 30 * MIN))).not.toContain('fx/one');
  });
});

describe('an exam in progress survives a reload (saved in the progress record, injected instants)', () => {
  const ids = ['fx/one', 'fx/many', 'fx/order'];
  const iso = (t: number) => new Date(t).toISOString();

  /** Saves at `at` the way the island does, then reads the record back as a reload would. */
  const reload = (e: ReturnType<typeof startExam>, at: number) => {
    const text = JSON.stringify(withExam(emptyRecord(), examSnapshot(e), iso(at)));
    const outcome = readRecord(text, iso(at));
    if (outcome.kind !== 'ok') throw new Error('unreadable');
    expect(outcome.problems).toEqual([]);
    expect(progressRecordSchema.safeParse(outcome.record).success).toBe(true);
    const saved = unfinishedExam(outcome.record);
    if (!saved) throw new Error('no exam saved');
    return restoreExam(saved, questions);
  };

  it('keeps questions, option order, answers, the question showing and a running clock; time away counts', () => {
    let e = startExam(ids, questions, 'exam-0a1b2c3d', 10, T0);
    e = answerExam(e, 'fx/one', { kind: 'single', choice: 2 });
    e = answerExam(e, 'fx/many', { kind: 'multiple', choices: [0, 2] });
    e = goTo(e, 1);
    const back = reload(e, T0 + 2 * MIN)!;
    expect(back).toEqual(e);
    expect(examOrder(back, questions['fx/many'])).toEqual(examOrder(e, questions['fx/many']));
    // Three minutes in at the save, the page closed for four more: seven minutes gone, three left.
    expect(remainingMs(back.clock, T0 + 7 * MIN)).toBe(3 * MIN);
    expect(resumeInfo(back, T0 + 7 * MIN - 48_000)).toEqual({ position: 2, count: 3, answered: 3, remainingMs: 3 * MIN + 48_000, paused: false });
    expect(resumeLabel(resumeInfo(back, T0 + 7 * MIN - 48_000))).toBe('Continue your exam: question 2 of 3, 3:48 left');
    expect(resumeSpoken(resumeInfo(back, T0 + 7 * MIN))).toBe(
      'You have a timed exam in progress: question 2 of 3, 3 answered, 3 minutes left. The clock is running. Continue it or discard it.',
    );
    // Its time runs out while the reader is away: handed in on return, graded with what was given.
    expect(isTimeUp(back.clock, T0 + 11 * MIN)).toBe(true);
    const result = gradeExam(back, questions, T0 + 11 * MIN);
    // One right (the multiple choice); the wrong single choice and the untouched ordering are wrong.
    expect(result).toMatchObject({ timedOut: true, usedMs: 10 * MIN, score: 1, unanswered: [] });
  });

  it('keeps a paused exam paused, with its time left, however long the reader is away', () => {
    let e = startExam(ids, questions, 'exam-0a1b2c3d', 5, T0);
    e = { ...e, clock: pauseClock(e.clock, T0 + 72_500) };
    const back = reload(e, T0 + 2 * MIN)!;
    expect(isPaused(back.clock)).toBe(true);
    expect(remainingMs(back.clock, T0 + 48 * 60 * MIN)).toBe(5 * MIN - 72_500);
    expect(resumeLabel(resumeInfo(back, T0 + 48 * 60 * MIN))).toBe('Continue your paused exam: question 1 of 3, 3:48 left');
    // Resumed later, it counts down from there.
    const resumed = { ...back, clock: resumeClock(back.clock, T0 + 99 * MIN) };
    expect(remainingMs(resumed.clock, T0 + 100 * MIN)).toBe(4 * MIN - 72_500);
  });

  it('restores against a changed bank: gone questions left out, answers that no longer fit start blank', () => {
    let e = startExam(ids, questions, 'exam-0a1b2c3d', 10, T0);
    e = answerExam(e, 'fx/one', { kind: 'single', choice: 1 });
    e = goTo(e, 2);
    const saved = { ...withExam(emptyRecord(), examSnapshot(e), iso(T0)).exam! };
    const smaller = { 'fx/many': questions['fx/many'], 'fx/order': questions['fx/order'] };
    const without = restoreExam(saved, smaller)!;
    expect(without.ids).toEqual(['fx/many', 'fx/order']);
    // Still showing the same question, now second of two.
    expect(without.index).toBe(1);
    const broken = restoreExam({ ...saved, responses: { ...saved.responses, 'fx/one': { kind: 'single', choice: 9 }, 'fx/order': { kind: 'ordering', order: [0, 0, 1, 2] } } }, questions)!;
    expect(broken.responses['fx/one']).toEqual({ kind: 'single', choice: null });
    expect(broken.responses['fx/order']).toEqual(e.responses['fx/order']);
    // Nothing left to ask: nothing to continue.
    expect(restoreExam(saved, {})).toBeNull();
    expect(unfinishedExam(withoutExam(withExam(emptyRecord(), examSnapshot(e), iso(T0))))).toBeNull();
  });
});
