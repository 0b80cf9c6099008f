import { describe, expect, it } from 'vitest';
import { emptyRecord, withAttempt } from '../../progress/record.ts';
import { withReviews } from '../../progress/review.ts';
import { dueKeys } from '../../progress/due.ts';
import { bank } from './fixtures.ts';
import { mergeBanks } from './practice.ts';
import {
  answerExam,
  answeredIds,
  drawExam,
  examAttempt,
  examOutcomes,
  examReviews,
  formatClock,
  goTo,
  gradeExam,
  isPaused,
  isTimeUp,
  pauseClock,
  remainingMs,
  resumeClock,
  spokenClock,
  startClock,
  startExam,
} from './exam.ts';

const merged = mergeBanks([{ id: 'fx', bank }], 'Exam');
const questions = Object.fromEntries(merged.questions.map((q) => [q.id, q]));
const T0 = Date.parse('2026-11-03T10:00:00.000Z');
const MIN = 60_000;

describe('drawing an exam', () => {
  it('asks only kinds that give no feedback before the end, up to N, the same for a seed', () => {
    const ids = drawExam(merged.questions, 10, 'seed');
    expect([...ids].sort()).toEqual(['fx/many', 'fx/one', 'fx/order']);
    expect(drawExam(merged.questions, 2, 'seed')).toHaveLength(2);
    expect(drawExam(merged.questions, 3, 'x')).toEqual(drawExam(merged.questions, 3, 'x'));
  });
});

describe('the countdown (injected instants)', () => {
  it('counts down, pauses without losing time, resumes, and runs out', () => {
    let c = startClock(10 * MIN, T0);
    expect(remainingMs(c, T0 + 3 * MIN)).toBe(7 * MIN);
    c = pauseClock(c, T0 + 3 * MIN);
    expect(isPaused(c)).toBe(true);
    // An hour away while paused costs nothing.
    expect(remainingMs(c, T0 + 63 * MIN)).toBe(7 * MIN);
    expect(pauseClock(c, T0 + 70 * MIN)).toBe(c);
    c = resumeClock(c, T0 + 63 * MIN);
    expect(remainingMs(c, T0 + 65 * MIN)).toBe(5 * MIN);
    expect(isTimeUp(c, T0 + 69 * MIN)).toBe(false);
    expect(isTimeUp(c, T0 + 70 * MIN)).toBe(true);
    expect(remainingMs(c, T0 + 99 * MIN)).toBe(0);
  });

  it('shows the time left as a clock and in words', () => {
    expect(formatClock(9 * MIN + 5_000)).toBe('9:05');
    expect(formatClock(59_001)).toBe('1:00');
    expect(formatClock(0)).toBe('0:00');
    expect(formatClock(75 * MIN)).toBe('1:15:00');
    expect(spokenClock(9 * MIN + 5_000)).toBe('9 minutes 5 seconds');
    expect(spokenClock(MIN)).toBe('1 minute');
    expect(spokenClock(1_000)).toBe('1 second');
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
