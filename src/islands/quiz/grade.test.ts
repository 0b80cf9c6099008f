import { describe, expect, it } from 'vitest';
import { byId } from './fixtures.ts';
import { quizBankSchema } from '../../schemas/quiz.ts';
import { grade, isAnswered, itemMarks, optionMarks } from './grade.ts';

const history = quizBankSchema.parse({
  title: 't',
  questions: [
    {
      id: 'hist', kind: 'history', difficulty: 'medium', prompt: 'Which?', hint: 'h',
      history: { initial: 0, operations: [{ client: 'A', op: 'write', value: 1, invoked: 0, answered: 10 }, { client: 'B', op: 'read', value: 0, invoked: 20, answered: 25 }] },
      options: [{ model: 'linearizable', explanation: 'e' }, { model: 'sequential', explanation: 'e' }, { model: 'read-your-writes', explanation: 'e' }],
      answers: [1, 2],
    },
  ],
}).questions[0];

describe('grade', () => {
  it('single choice: only the answer index is right', () => {
    expect(grade(byId.one, { kind: 'single', choice: 1 })).toEqual({ correct: true, response: '1' });
    expect(grade(byId.one, { kind: 'single', choice: 0 })).toEqual({ correct: false, response: '0' });
    expect(grade(byId.one, { kind: 'single', choice: null })).toEqual({ correct: false, response: '' });
  });

  it('multiple choice: exactly the right set, in any order; partial or extra is wrong', () => {
    expect(grade(byId.many, { kind: 'multiple', choices: [2, 0] })).toEqual({ correct: true, response: '0,2' });
    expect(grade(byId.many, { kind: 'multiple', choices: [0] }).correct).toBe(false);
    expect(grade(byId.many, { kind: 'multiple', choices: [0, 1, 2] }).correct).toBe(false);
    expect(grade(byId.many, { kind: 'multiple', choices: [] }).correct).toBe(false);
    expect(grade(byId.many, { kind: 'multiple', choices: [0, 0, 2] })).toEqual({ correct: true, response: '0,2' });
  });

  it('history: graded as multiple choice, exactly the satisfied models', () => {
    expect(grade(history, { kind: 'multiple', choices: [2, 1] })).toEqual({ correct: true, response: '1,2' });
    expect(grade(history, { kind: 'multiple', choices: [1] }).correct).toBe(false);
    expect(optionMarks(history, { kind: 'multiple', choices: [0, 1] }).map((m) => m.verdict)).toEqual(['chosen-wrong', 'chosen-right', 'missed']);
  });

  it('ordering: right only in the authored order', () => {
    expect(grade(byId.order, { kind: 'ordering', order: [0, 1, 2, 3] })).toEqual({ correct: true, response: '0,1,2,3' });
    expect(grade(byId.order, { kind: 'ordering', order: [1, 0, 2, 3] }).correct).toBe(false);
    expect(grade(byId.order, { kind: 'ordering', order: [0, 1, 2] }).correct).toBe(false);
  });

  it('predict and break-it: the simulation verdict passes through', () => {
    expect(grade(byId.guess, { kind: 'simulation', correct: true, response: 'p1 aborted' })).toEqual({ correct: true, response: 'p1 aborted' });
    expect(grade(byId.break, { kind: 'simulation', correct: false, response: 'no violation' }).correct).toBe(false);
  });

  it('a response of the wrong kind is never right', () => {
    expect(grade(byId.one, { kind: 'multiple', choices: [1] }).correct).toBe(false);
    expect(grade(byId.one, { kind: 'simulation', correct: true, response: '' }).correct).toBe(false);
    expect(grade(byId.many, { kind: 'single', choice: 0 }).correct).toBe(false);
  });

  it('knows when there is something to check', () => {
    expect(isAnswered(undefined)).toBe(false);
    expect(isAnswered({ kind: 'single', choice: null })).toBe(false);
    expect(isAnswered({ kind: 'multiple', choices: [] })).toBe(false);
    expect(isAnswered({ kind: 'ordering', order: [1, 0, 2, 3] })).toBe(true);
  });
});

describe('feedback marks', () => {
  it('marks every option of a multiple-choice answer: a correctly omitted option is right, not an error', () => {
    // Options A (right), B (wrong), C (right); the reader ticked A and B.
    expect(optionMarks(byId.many, { kind: 'multiple', choices: [0, 1] })).toEqual([
      { index: 0, right: true, chosen: true, verdict: 'chosen-right', tone: 'right' },
      { index: 1, right: false, chosen: true, verdict: 'chosen-wrong', tone: 'wrong' },
      { index: 2, right: true, chosen: false, verdict: 'missed', tone: 'wrong' },
    ]);
    // Ticking exactly A and C: B, left unticked, is a right decision.
    const exact = optionMarks(byId.many, { kind: 'multiple', choices: [2, 0] });
    expect(exact.map((m) => m.verdict)).toEqual(['chosen-right', 'left-out', 'chosen-right']);
    expect(exact.every((m) => m.tone === 'right')).toBe(true);
  });

  it('marks a single-choice answer: only the wrong pick is an error', () => {
    expect(optionMarks(byId.one, { kind: 'single', choice: 2 }).map((m) => [m.verdict, m.tone])).toEqual([
      ['other', 'neutral'],
      ['answer', 'right'],
      ['chosen-wrong', 'wrong'],
    ]);
    expect(optionMarks(byId.one, { kind: 'single', choice: 1 }).map((m) => m.verdict)).toEqual(['other', 'chosen-right', 'other']);
  });

  it('follows the display order and knows the predict pick', () => {
    const marks = optionMarks(byId.one, { kind: 'single', choice: 1 }, [2, 0, 1]);
    expect(marks.map((m) => m.index)).toEqual([2, 0, 1]);
    expect(marks[2].verdict).toBe('chosen-right');
    expect(optionMarks(byId.guess, { kind: 'simulation', correct: false, response: '1', choice: 1 }).map((m) => m.verdict)).toEqual(['answer', 'chosen-wrong']);
    expect(optionMarks(byId.guess, undefined).map((m) => m.right)).toEqual([true, false]);
    expect(optionMarks(byId.order, undefined)).toEqual([]);
  });

  it('says where each ordering item belongs', () => {
    expect(itemMarks([1, 0, 2])).toEqual([
      { item: 1, placed: 1, belongs: 2 },
      { item: 0, placed: 2, belongs: 1 },
      { item: 2, placed: 3, belongs: 3 },
    ]);
  });
});
