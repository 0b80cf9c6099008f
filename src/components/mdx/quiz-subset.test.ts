import { describe, expect, it } from 'vitest';
import { bank } from '../../islands/quiz/fixtures.ts';
import { subsetBank } from './quiz-subset.ts';

describe('subsetBank', () => {
  it('keeps the named questions in the order given, with the given title', () => {
    const sub = subsetBank(bank, 'fixture', ['order', 'one'], '/lesson/', 'Check yourself');
    expect(sub.questions.map((q) => q.id)).toEqual(['order', 'one']);
    expect(sub.title).toBe('Check yourself');
    expect(sub.lesson).toBe(bank.lesson);
  });
  it('names the page, the bank and the missing id', () => {
    expect(() => subsetBank(bank, 'fixture', ['one', 'gone'], '/lesson/')).toThrow(
      '/lesson/ asks for question "gone" of quiz bank "fixture", which content/quizzes/fixture.yaml does not have',
    );
  });
  it('rejects an empty or repeating list', () => {
    expect(() => subsetBank(bank, 'fixture', [], '/lesson/')).toThrow(/empty list/);
    expect(() => subsetBank(bank, 'fixture', ['one', 'one'], '/lesson/')).toThrow(/twice/);
  });
});
