import { describe, expect, it } from 'vitest';
import { progressRecordSchema, progressRecordV1Schema, progressRecordV2Schema } from './progress.ts';

const T = '2026-11-03T10:00:00.000Z';
const round = { started: T, saved: T, seed: '0a1b2c3d', ids: ['q1', 'q2'], answers: { q1: { correct: true, response: '1', hinted: false } } };
const valid = {
  version: 3,
  lessons: { 'foundations/cap': { visited: T, finished: null } },
  quizzes: { cap: { attempts: [{ at: T, score: 1, total: 2, answers: { q1: { correct: true, response: '1', hinted: true } } }] } },
  missed: { 'cap/q2': { at: T, bank: 'cap', question: 'q2' } },
  rounds: { cap: round },
};

describe('progress record schema', () => {
  it('accepts a complete version 3 record and an empty one', () => {
    expect(progressRecordSchema.safeParse(valid).success).toBe(true);
    expect(progressRecordSchema.safeParse({ version: 3, lessons: {}, quizzes: {}, missed: {}, rounds: {} }).success).toBe(true);
  });

  it.each([
    ['another version', { ...valid, version: 2 }],
    ['no unfinished rounds section', { version: 3, lessons: {}, quizzes: {}, missed: {} }],
    ['a round answering a question it does not ask', { ...valid, rounds: { cap: { ...round, answers: { q9: { correct: true, response: '0' } } } } }],
    ['a round asking a question twice', { ...valid, rounds: { cap: { ...round, ids: ['q1', 'q1'] } } }],
    ['a round without a seed', { ...valid, rounds: { cap: { ...round, seed: '' } } }],
    ['a local time instead of an instant', { ...valid, lessons: { x: { visited: '2026-11-03T10:00:00+01:00', finished: null } } }],
    ['a score above the total', { ...valid, quizzes: { cap: { attempts: [{ at: T, score: 3, total: 2, answers: {} }] } } }],
    ['more than 20 attempts', { ...valid, quizzes: { cap: { attempts: Array(21).fill({ at: T, score: 0, total: 1, answers: {} }) } } }],
    ['a missing section', { version: 3, lessons: {}, quizzes: {}, rounds: {} }],
  ])('rejects %s', (_, data) => {
    expect(progressRecordSchema.safeParse(data).success).toBe(false);
  });

  it('describes version 2 (no unfinished rounds) for migration', () => {
    const { rounds: _rounds, ...v2 } = { ...valid, version: 2 };
    expect(progressRecordV2Schema.safeParse(v2).success).toBe(true);
    expect(progressRecordV2Schema.safeParse({ ...v2, version: 3 }).success).toBe(false);
  });

  it('describes version 1 for migration', () => {
    expect(progressRecordV1Schema.safeParse({ version: 1, visited: ['a'], finished: [], quizScores: { cap: { score: 2, total: 3 } } }).success).toBe(true);
  });
});
