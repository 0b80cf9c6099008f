import { describe, expect, it } from 'vitest';
import { quizBankSchema } from '../../schemas/quiz.ts';
import { drawPractice, mergeBanks } from './practice.ts';

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
