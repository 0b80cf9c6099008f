import { describe, expect, it } from 'vitest';
import { progressRecordSchema, progressRecordV1Schema, progressRecordV2Schema, progressRecordV3Schema } from './progress.ts';

const T = '2026-11-03T10:00:00.000Z';
const round = { started: T, saved: T, seed: '0a1b2c3d', ids: ['q1', 'q2'], answers: { q1: { correct: true, response: '1', hinted: false } } };
const card = { due: T, stability: 2.3, difficulty: 5, reps: 1, lapses: 0, state: 'review', step: 0, lastReview: T };
const exam = {
  started: T,
  saved: T,
  seed: 'exam-0a1b2c3d',
  ids: ['cap/q1', 'cap/q2'],
  index: 0,
  responses: { 'cap/q1': { kind: 'single', choice: 1 }, 'cap/q2': { kind: 'ordering', order: [1, 2, 0] } },
  clock: { limitMs: 600_000, usedMs: 0, runningSince: T },
};
const valid = {
  version: 4,
  lessons: { 'foundations/cap': { visited: T, finished: null } },
  quizzes: { cap: { attempts: [{ at: T, score: 1, total: 2, answers: { q1: { correct: true, response: '1', hinted: true } } }] } },
  missed: { 'cap/q2': { at: T, bank: 'cap', question: 'q2' } },
  rounds: { cap: round },
  cards: { 'cap/q1': card },
};

describe('progress record schema', () => {
  it('accepts a complete version 4 record and an empty one', () => {
    expect(progressRecordSchema.safeParse(valid).success).toBe(true);
    expect(progressRecordSchema.safeParse({ version: 4, lessons: {}, quizzes: {}, missed: {}, rounds: {}, cards: {} }).success).toBe(true);
  });

  it('accepts an attempt that names its mode, and a card seeded from older progress', () => {
    const attempt = { at: T, score: 1, total: 1, answers: {}, mode: 'exam' };
    const seeded = { ...card, stability: 0, difficulty: 0, reps: 0, state: 'new', lastReview: null };
    expect(progressRecordSchema.safeParse({ ...valid, quizzes: { practice: { attempts: [attempt] } }, cards: { 'cap/q2': seeded } }).success).toBe(true);
  });

  it('accepts an unfinished exam, optional within version 4, running or paused', () => {
    expect(progressRecordSchema.safeParse({ ...valid, exam }).success).toBe(true);
    expect(progressRecordSchema.safeParse({ ...valid, exam: { ...exam, clock: { ...exam.clock, usedMs: 9_000, runningSince: null } } }).success).toBe(true);
  });

  it.each([
    ['an exam showing a question it does not ask', { ...valid, exam: { ...exam, index: 2 } }],
    ['an exam answering a question it does not ask', { ...valid, exam: { ...exam, responses: { 'cap/q9': { kind: 'single', choice: 0 } } } }],
    ['an exam with more time used than its limit', { ...valid, exam: { ...exam, clock: { ...exam.clock, usedMs: 600_001 } } }],
    ['an exam answer of a kind exams do not ask', { ...valid, exam: { ...exam, responses: { 'cap/q1': { kind: 'simulation', correct: true, response: '' } } } }],
    ['an exam over more than 50 questions', { ...valid, exam: { ...exam, ids: Array.from({ length: 51 }, (_, i) => `cap/q${i}`), responses: {} } }],
    ['another version', { ...valid, version: 3 }],
    ['no unfinished rounds section', { version: 4, lessons: {}, quizzes: {}, missed: {}, cards: {} }],
    ['no cards section', { version: 4, lessons: {}, quizzes: {}, missed: {}, rounds: {} }],
    ['a card not keyed bank/question', { ...valid, cards: { q1: card } }],
    ['a card that says it is new but was reviewed', { ...valid, cards: { 'cap/q1': { ...card, state: 'new' } } }],
    ['a card with a negative stability', { ...valid, cards: { 'cap/q1': { ...card, stability: -1 } } }],
    ['an attempt mode the site does not know', { ...valid, quizzes: { cap: { attempts: [{ at: T, score: 0, total: 1, answers: {}, mode: 'cram' }] } } }],
    ['a round answering a question it does not ask', { ...valid, rounds: { cap: { ...round, answers: { q9: { correct: true, response: '0' } } } } }],
    ['a round asking a question twice', { ...valid, rounds: { cap: { ...round, ids: ['q1', 'q1'] } } }],
    ['a round without a seed', { ...valid, rounds: { cap: { ...round, seed: '' } } }],
    ['a local time instead of an instant', { ...valid, lessons: { x: { visited: '2026-11-03T10:00:00+01:00', finished: null } } }],
    ['a score above the total', { ...valid, quizzes: { cap: { attempts: [{ at: T, score: 3, total: 2, answers: {} }] } } }],
    ['more than 20 attempts', { ...valid, quizzes: { cap: { attempts: Array(21).fill({ at: T, score: 0, total: 1, answers: {} }) } } }],
    ['a missing section', { version: 4, lessons: {}, quizzes: {}, rounds: {}, cards: {} }],
  ])('rejects %s', (_, data) => {
    expect(progressRecordSchema.safeParse(data).success).toBe(false);
  });

  it('describes version 3 (no cards) for migration', () => {
    const { cards: _cards, ...v3 } = { ...valid, version: 3 };
    expect(progressRecordV3Schema.safeParse(v3).success).toBe(true);
    // Version 3 had no exams: a stray one is not part of what it describes.
    expect(progressRecordV3Schema.parse({ ...v3, exam })).not.toHaveProperty('exam');
    expect(progressRecordV3Schema.safeParse({ ...v3, version: 4 }).success).toBe(false);
  });

  it('describes version 2 (no unfinished rounds) for migration', () => {
    const { rounds: _rounds, cards: _cards, ...v2 } = { ...valid, version: 2 };
    expect(progressRecordV2Schema.safeParse(v2).success).toBe(true);
    expect(progressRecordV2Schema.safeParse({ ...v2, version: 3 }).success).toBe(false);
  });

  it('describes version 1 for migration', () => {
    expect(progressRecordV1Schema.safeParse({ version: 1, visited: ['a'], finished: [], quizScores: { cap: { score: 2, total: 3 } } }).success).toBe(true);
  });
});
