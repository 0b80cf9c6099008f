import { describe, expect, it } from 'vitest';
import { progressRecordSchema } from '../schemas/progress.ts';
import { describeProblems, isIsoInstant, readRecord, salvageV2 } from './validate.ts';

const T = '2026-11-03T10:00:00.000Z';
const attempt = { at: T, score: 1, total: 2, answers: { q1: { correct: true, response: '1' } } };
const base = {
  version: 2,
  lessons: { 'foundations/cap': { visited: T, finished: null } },
  quizzes: { cap: { attempts: [attempt] } },
  missed: { 'cap/q2': { at: T, bank: 'cap', question: 'q2' } },
};

/** Records the zod schema (the specification) accepts or rejects, for checking the hand validator. */
const samples: Record<string, unknown>[] = [
  base,
  { version: 2, lessons: {}, quizzes: {}, missed: {} },
  { ...base, lessons: { a: { visited: T, finished: T } } },
  { ...base, lessons: { a: { visited: '2026-02-30T10:00:00Z', finished: null } } },
  { ...base, lessons: { a: { visited: T } } },
  { ...base, lessons: { a: { visited: T, finished: 'soon' } } },
  { ...base, lessons: [] },
  { ...base, quizzes: { cap: { attempts: [{ ...attempt, total: 0, score: 0 }] } } },
  { ...base, quizzes: { cap: { attempts: [{ ...attempt, score: 1.5 }] } } },
  { ...base, quizzes: { cap: { attempts: [{ ...attempt, answers: { q1: { correct: 'yes', response: '' } } }] } } },
  { ...base, quizzes: { cap: { attempts: [{ ...attempt, answers: { q1: { correct: true, response: 'x'.repeat(501) } } }] } } },
  { ...base, quizzes: { cap: { attempts: [{ ...attempt, answers: { q1: { correct: true, response: '', hinted: 1 } } }] } } },
  { ...base, quizzes: { cap: { attempts: [{ at: T, score: 0, total: 1 }] } } },
  { ...base, quizzes: { cap: { attempts: Array(21).fill(attempt) } } },
  { ...base, quizzes: { cap: {} } },
  { ...base, missed: { 'cap/q2': { at: T, bank: 'cap', question: '' } } },
  { ...base, missed: { 'cap/q2': { at: T, bank: 'cap' } } },
];

describe('hand validator agrees with the zod schema', () => {
  it.each(samples.map((s, i) => [i, s] as const))('sample %i', (_, sample) => {
    const zodAccepts = progressRecordSchema.safeParse(sample).success;
    const { record, problems } = salvageV2(sample);
    expect(problems.length === 0).toBe(zodAccepts);
    // Whatever is salvaged is itself a valid record.
    expect(progressRecordSchema.safeParse(record).success).toBe(true);
    if (zodAccepts) expect(record).toEqual(progressRecordSchema.parse(sample));
  });

  it('keeps the newest attempts when there are too many', () => {
    const attempts = Array.from({ length: 23 }, (_, i) => ({ ...attempt, score: i % 2 }));
    const { record, problems } = salvageV2({ ...base, quizzes: { cap: { attempts } } });
    expect(record.quizzes.cap.attempts).toEqual(attempts.slice(3));
    expect(problems).toEqual([{ path: 'quizzes › cap', problem: 'had 3 more attempts than the 20 kept' }]);
  });
});

describe('readRecord', () => {
  it('tells JSON errors, newer and unknown versions apart', () => {
    expect(readRecord('{', T)).toMatchObject({ kind: 'unreadable', reason: 'json' });
    expect(readRecord('"text"', T)).toMatchObject({ kind: 'unreadable', reason: 'shape' });
    expect(readRecord('{"version": 3}', T)).toMatchObject({ kind: 'unreadable', reason: 'newer-version' });
    expect(readRecord('{"version": "2"}', T)).toMatchObject({ kind: 'unreadable', reason: 'unknown-version' });
  });

  it('migrates version 1, dropping only the entries it cannot read', () => {
    const outcome = readRecord(JSON.stringify({ version: 1, visited: ['a', 4], finished: ['b'], quizScores: { cap: { score: 9, total: 3 }, x: { score: 1, total: 1 } } }), T);
    expect(outcome).toMatchObject({ kind: 'ok', migratedFrom: 1 });
    if (outcome.kind !== 'ok') return;
    expect(outcome.record.lessons).toEqual({ a: { visited: T, finished: null }, b: { visited: T, finished: T } });
    expect(Object.keys(outcome.record.quizzes)).toEqual(['x']);
    expect(outcome.problems.map((p) => p.path)).toEqual(['visited › 2', 'quizScores › cap']);
  });
});

describe('helpers', () => {
  it('accepts only real UTC instants', () => {
    expect(isIsoInstant(T)).toBe(true);
    expect(isIsoInstant('2026-11-03T10:00:00Z')).toBe(true);
    for (const bad of ['2026-11-03', '2026-11-03T24:00:00Z', '2026-02-29T10:00:00Z', '2026-11-03T10:00:00+00:00', 5]) {
      expect(isIsoInstant(bad)).toBe(false);
    }
    expect(isIsoInstant('2028-02-29T10:00:00Z')).toBe(true);
  });

  it('summarises many problems briefly', () => {
    const problems = Array.from({ length: 5 }, (_, i) => ({ path: `p${i}`, problem: 'is bad' }));
    expect(describeProblems(problems)).toBe('p0 is bad; p1 is bad; p2 is bad; and 2 more');
  });
});
