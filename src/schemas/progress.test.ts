import { describe, expect, it } from 'vitest';
import { progressRecordSchema, progressRecordV1Schema } from './progress.ts';

const T = '2026-11-03T10:00:00.000Z';
const valid = {
  version: 2,
  lessons: { 'foundations/cap': { visited: T, finished: null } },
  quizzes: { cap: { attempts: [{ at: T, score: 1, total: 2, answers: { q1: { correct: true, response: '1', hinted: true } } }] } },
  missed: { 'cap/q2': { at: T, bank: 'cap', question: 'q2' } },
};

describe('progress record schema', () => {
  it('accepts a complete version 2 record and an empty one', () => {
    expect(progressRecordSchema.safeParse(valid).success).toBe(true);
    expect(progressRecordSchema.safeParse({ version: 2, lessons: {}, quizzes: {}, missed: {} }).success).toBe(true);
  });

  it.each([
    ['another version', { ...valid, version: 1 }],
    ['a local time instead of an instant', { ...valid, lessons: { x: { visited: '2026-11-03T10:00:00+01:00', finished: null } } }],
    ['a score above the total', { ...valid, quizzes: { cap: { attempts: [{ at: T, score: 3, total: 2, answers: {} }] } } }],
    ['more than 20 attempts', { ...valid, quizzes: { cap: { attempts: Array(21).fill({ at: T, score: 0, total: 1, answers: {} }) } } }],
    ['a missing section', { version: 2, lessons: {}, quizzes: {} }],
  ])('rejects %s', (_, data) => {
    expect(progressRecordSchema.safeParse(data).success).toBe(false);
  });

  it('describes version 1 for migration', () => {
    expect(progressRecordV1Schema.safeParse({ version: 1, visited: ['a'], finished: [], quizScores: { cap: { score: 2, total: 3 } } }).success).toBe(true);
  });
});
