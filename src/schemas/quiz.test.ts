import { describe, expect, it } from 'vitest';
import { quizBankSchema } from './quiz.ts';

const option = (text: string) => ({ text, explanation: `Why ${text} is or is not right.` });
const single = (id: string, answer = 0) => ({
  id,
  kind: 'single',
  difficulty: 'easy',
  prompt: 'Which one?',
  hint: 'Think about partitions.',
  options: [option('a'), option('b')],
  answer,
});
const bank = (...questions: unknown[]) => ({ title: 'Bank', lesson: 'foundations/cap', questions });
const messages = (data: unknown) => quizBankSchema.safeParse(data).error?.issues.map((i) => i.message) ?? [];

describe('quiz bank schema', () => {
  it('accepts a valid bank of every static kind', () => {
    const result = quizBankSchema.safeParse(
      bank(
        single('one'),
        { ...single('two'), kind: 'multiple', answers: [0, 1], answer: undefined },
        { id: 'three', kind: 'ordering', difficulty: 'hard', prompt: 'Order', hint: 'h', items: ['x', 'y', 'z'], explanation: 'e' },
      ),
    );
    expect(result.success, JSON.stringify(result.error?.issues)).toBe(true);
  });

  it('names the question whose answer index is out of range', () => {
    expect(messages(bank(single('ok'), single('bad-index', 5)))).toContain(
      'question "bad-index": answer 5 is out of range (options 0 to 1)',
    );
  });

  it('names a duplicate id', () => {
    expect(messages(bank(single('same'), single('same')))).toContain('question "same": duplicate id');
  });

  it('requires an explanation on every option', () => {
    const q = { ...single('no-expl'), options: [option('a'), { text: 'b' }] };
    expect(quizBankSchema.safeParse(bank(q)).success).toBe(false);
  });

  it('requires a hint', () => {
    const { hint: _hint, ...q } = single('no-hint');
    expect(quizBankSchema.safeParse(bank(q)).success).toBe(false);
  });

  it('rejects out-of-range and repeated multiple-choice answers', () => {
    const q = { ...single('multi'), kind: 'multiple', answers: [1, 1, 3] };
    const found = messages(bank(q));
    expect(found).toContain('question "multi": answer 3 is out of range (options 0 to 1)');
    expect(found).toContain('question "multi": answers repeat an index');
  });

  it('rejects an unknown kind and a non-kebab id', () => {
    expect(quizBankSchema.safeParse(bank({ ...single('x'), kind: 'essay' })).success).toBe(false);
    expect(quizBankSchema.safeParse(bank(single('Not Kebab'))).success).toBe(false);
  });

  it('accepts predict and break-it questions and checks the predict answer range', () => {
    const run = { protocol: 'two-phase-commit', scenario: 'all-vote-yes', choices: ['d1'] };
    const predict = {
      ...single('predict-one', 2),
      kind: 'predict',
      run,
      next: 'd2',
      options: [
        { ...option('commits'), claim: { node: 'p1', state: 'committed' } },
        { ...option('aborts'), claim: { node: 'p1', state: 'aborted' } },
      ],
    };
    const breakIt = {
      id: 'break-one',
      kind: 'break-it',
      difficulty: 'hard',
      prompt: 'Break atomicity.',
      hint: 'Crash something.',
      run,
      invariant: 'atomicity',
      maxFaults: 1,
      explanation: 'Because.',
      solution: ['c.c'],
    };
    expect(messages(bank(predict, breakIt))).toEqual(['question "predict-one": answer 2 is out of range (options 0 to 1)']);
  });
});
