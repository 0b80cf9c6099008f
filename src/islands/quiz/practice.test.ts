import { describe, expect, it } from 'vitest';
import { quizBankSchema } from '../../schemas/quiz.ts';
import { drawPractice, drawReview, mergeBanks, planReview, reviewLessons } from './practice.ts';

const q = (id: string, difficulty: string, lessons: string[] = []) => ({
  id, kind: 'single', difficulty, prompt: id, hint: 'h', lessons, answer: 0,
  options: [{ text: 'a', explanation: 'e' }, { text: 'b', explanation: 'e' }],
});
const cap = quizBankSchema.parse({ title: 'CAP', lesson: 'foundations/cap', questions: [q('e1', 'easy'), q('e2', 'easy'), q('m1', 'medium'), q('h1', 'hard')] });
const tpc = quizBankSchema.parse({ title: '2PC', lesson: 'transactions/two-phase-commit', questions: [q('e1', 'easy'), q('h1', 'hard', ['foundations/cap'])] });
const merged = mergeBanks([{ id: 'cap', bank: cap }, { id: 'tpc', bank: tpc }], 'Practice');
const none = { lesson: null, difficulty: null };

describe('practice sets', () => {
  it('merges banks with prefixed ids and lesson credit', () => {
    expect(merged.questions.map((x) => x.id)).toEqual(['cap/e1', 'cap/e2', 'cap/m1', 'cap/h1', 'tpc/e1', 'tpc/h1']);
    expect(merged.questions.find((x) => x.id === 'tpc/e1')?.lessons).toEqual(['transactions/two-phase-commit']);
    expect(merged.questions.find((x) => x.id === 'tpc/h1')?.lessons).toEqual(['foundations/cap']);
  });

  it('puts missed questions first, then mixes difficulties, each part easy to hard', () => {
    const set = drawPractice(merged.questions, new Set(['cap/h1', 'cap/e2']), none, 4, 's');
    expect(set.slice(0, 2)).toEqual(['cap/e2', 'cap/h1']);
    const rest = set.slice(2).map((id) => merged.questions.find((x) => x.id === id)!.difficulty);
    expect(rest).toEqual([...rest].sort((a, b) => ['easy', 'medium', 'hard'].indexOf(a) - ['easy', 'medium', 'hard'].indexOf(b)));
    expect(new Set(rest).size).toBe(2);
  });

  it('filters by lesson and difficulty, and is deterministic per seed', () => {
    expect(drawPractice(merged.questions, new Set(), { lesson: 'transactions/two-phase-commit', difficulty: null }, 10, 's')).toEqual(['tpc/e1']);
    expect(drawPractice(merged.questions, new Set(), { lesson: null, difficulty: 'hard' }, 10, 's').sort()).toEqual(['cap/h1', 'tpc/h1']);
    expect(drawPractice(merged.questions, new Set(), none, 3, 'x')).toEqual(drawPractice(merged.questions, new Set(), none, 3, 'x'));
    expect(drawPractice(merged.questions, new Set(), none, 10, 's')).toHaveLength(6);
  });
});

describe('review sessions', () => {
  const all = merged.questions;

  it('takes the finished lessons, or the visited ones before any is finished', () => {
    const T = '2026-11-03T10:00:00.000Z';
    expect([...reviewLessons({ a: { visited: T, finished: null }, b: { visited: T, finished: T } })]).toEqual(['b']);
    expect([...reviewLessons({ a: { visited: T, finished: null } })]).toEqual(['a']);
    expect([...reviewLessons({})]).toEqual([]);
  });

  it('asks due questions first, most overdue first, then new ones from the given lessons only', () => {
    const plan = planReview(all, ['tpc/e1', 'cap/m1', 'gone/q'], new Set(['tpc/e1', 'cap/m1', 'cap/e1']), new Set(['foundations/cap']), none, 10, 's');
    expect(plan.due).toEqual(['tpc/e1', 'cap/m1']);
    // New: never answered, taught by the CAP lesson (tpc/h1 counts: it names CAP); cap/e1 was answered already.
    expect([...plan.fresh].sort()).toEqual(['cap/e2', 'cap/h1', 'tpc/h1']);
    expect(drawReview(all, ['tpc/e1', 'cap/m1'], new Set(['tpc/e1', 'cap/m1', 'cap/e1']), new Set(['foundations/cap']), none, 10, 's').slice(0, 2)).toEqual(['tpc/e1', 'cap/m1']);
  });

  it('fills only up to the size, and filters both parts', () => {
    expect(drawReview(all, ['cap/h1', 'cap/e1', 'cap/e2'], new Set(), new Set(['foundations/cap']), none, 2, 's')).toEqual(['cap/h1', 'cap/e1']);
    expect(drawReview(all, ['cap/h1', 'cap/e1'], new Set(['cap/h1', 'cap/e1']), new Set(['foundations/cap']), { lesson: null, difficulty: 'hard' }, 10, 's')).toEqual(['cap/h1', 'tpc/h1']);
    expect(drawReview(all, [], new Set(), new Set(), none, 10, 's')).toEqual([]);
  });
});
