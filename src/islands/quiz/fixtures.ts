/**
 * A small quiz bank with one question of every kind, parsed through the real schema, for the
 * quiz module tests. Test-only; nothing in the site imports it.
 */
import { quizBankSchema, type Question } from '../../schemas/quiz.ts';

const opt = (text: string) => ({ text, explanation: `Why “${text}”.` });
const run = { protocol: 'two-phase-commit', scenario: 'happy-path' };

export const bank = quizBankSchema.parse({
  title: 'Fixture',
  lesson: 'foundations/cap',
  questions: [
    { id: 'one', kind: 'single', difficulty: 'easy', prompt: 'Pick B', hint: 'h', options: [opt('A'), opt('B'), opt('C')], answer: 1 },
    { id: 'many', kind: 'multiple', difficulty: 'medium', prompt: 'Pick A and C', hint: 'h', options: [opt('A'), opt('B'), opt('C')], answers: [0, 2] },
    { id: 'order', kind: 'ordering', difficulty: 'hard', prompt: 'Order', hint: 'h', items: ['first', 'second', 'third', 'fourth'], explanation: 'e' },
    { id: 'guess', kind: 'predict', difficulty: 'medium', prompt: 'Next?', hint: 'h', run, next: 'deliver:1', answer: 0,
      options: [{ ...opt('aborts'), claim: { node: 'p1', state: 'aborted' } }, { ...opt('commits'), claim: { node: 'p1', state: 'committed' } }] },
    { id: 'break', kind: 'break-it', difficulty: 'hard', prompt: 'Break it', hint: 'h', run, invariant: 'atomicity', maxFaults: 1, explanation: 'e', solution: ['c.c'] },
  ],
});

export const byId: Record<string, Question> = Object.fromEntries(bank.questions.map((q) => [q.id, q]));
