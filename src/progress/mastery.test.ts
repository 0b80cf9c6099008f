import { describe, expect, it } from 'vitest';
import { answerKey, bankOfQuizId, checkpointQuizId, latestAnswers, masteryByObjective, masteryLevel, masteryQuestions, MASTERY_MIN_ANSWERED } from './mastery.ts';
import { emptyRecord, type ProgressRecord } from './record.ts';

const objectives = [
  { id: 'phases', text: 'Trace both phases' },
  { id: 'blocking', text: 'Explain blocking' },
  { id: 'untested', text: 'Something no question tests' },
];
const questions = [
  { bank: '2pc', id: 'a', objectives: ['phases'] },
  { bank: '2pc', id: 'b', objectives: ['phases'] },
  { bank: '2pc', id: 'c', objectives: ['phases', 'blocking'] },
  { bank: '2pc', id: 'd', objectives: ['phases'] },
  { bank: '2pc', id: 'e', objectives: ['blocking', 'not-an-objective'] },
];
const attempt = (at: string, answers: Record<string, boolean>) => ({
  at,
  score: Object.values(answers).filter(Boolean).length,
  total: Object.keys(answers).length,
  answers: Object.fromEntries(Object.entries(answers).map(([id, correct]) => [id, { correct, response: '0' }])),
});
const round = (saved: string, ids: string[], answers: Record<string, boolean>) => ({
  started: saved,
  saved,
  seed: 'abc',
  ids,
  answers: Object.fromEntries(Object.entries(answers).map(([id, correct]) => [id, { correct, response: '0' }])),
});
function record(parts: Partial<Pick<ProgressRecord, 'quizzes' | 'rounds'>>): ProgressRecord {
  return { ...emptyRecord(), ...parts } as ProgressRecord;
}
const levels = (r: ProgressRecord) => masteryByObjective(r, 'transactions/two-phase-commit', objectives, questions).objectives.map((o) => [o.id, o.level, o.answered, o.right]);

describe('checkpoint ids', () => {
  it('name the bank and the checkpoint, and map back to the bank', () => {
    expect(checkpointQuizId('two-phase-commit', 'phases')).toBe('two-phase-commit__phases');
    expect(bankOfQuizId('two-phase-commit__phases')).toBe('two-phase-commit');
    expect(bankOfQuizId('two-phase-commit')).toBe('two-phase-commit');
    expect(bankOfQuizId('practice')).toBe('practice');
  });
  it('key answers by bank and question wherever they were saved', () => {
    expect(answerKey('cap', 'q')).toBe('cap/q');
    expect(answerKey('cap__definitions', 'q')).toBe('cap/q');
    expect(answerKey('practice', 'cap/q')).toBe('cap/q');
  });
});

describe('masteryLevel', () => {
  it('is not started with nothing answered', () => {
    expect(masteryLevel(4, 0, 0)).toBe('not-started');
  });
  it(`needs ${MASTERY_MIN_ANSWERED} answers, all right on their latest try, to be mastered`, () => {
    expect(masteryLevel(8, 2, 2)).toBe('learning');
    expect(masteryLevel(8, 3, 3)).toBe('mastered');
    expect(masteryLevel(8, 4, 3)).toBe('learning');
  });
  it('asks no more answers than the objective has questions', () => {
    expect(masteryLevel(1, 1, 1)).toBe('mastered');
    expect(masteryLevel(2, 2, 1)).toBe('learning');
  });
});

describe('masteryByObjective', () => {
  it('starts every objective as not started', () => {
    expect(levels(emptyRecord())).toEqual([
      ['phases', 'not-started', 0, 0],
      ['blocking', 'not-started', 0, 0],
      ['untested', 'not-started', 0, 0],
    ]);
  });

  it('counts answers from the lesson quiz, its checkpoints, unfinished rounds and practice sets', () => {
    const r = record({
      quizzes: {
        '2pc': { attempts: [attempt('2026-01-01T10:00:00.000Z', { a: true })] },
        '2pc__phases': { attempts: [attempt('2026-01-01T11:00:00.000Z', { b: true })] },
        practice: { attempts: [attempt('2026-01-01T12:00:00.000Z', { '2pc/c': true, 'cap/x': false })] },
      },
      rounds: { '2pc': round('2026-01-01T13:00:00.000Z', ['e', 'd'], { e: false }) },
    });
    expect(levels(r)).toEqual([
      ['phases', 'mastered', 3, 3],
      ['blocking', 'learning', 2, 1],
      ['untested', 'not-started', 0, 0],
    ]);
    const view = masteryByObjective(r, 'transactions/two-phase-commit', objectives, questions);
    expect(view.mastered).toBe(1);
    expect(view.objectives[0]).toMatchObject({ text: 'Trace both phases', questions: 4 });
  });

  it('judges each question by its latest answer, whichever quiz it was in', () => {
    const wrongThenRight = record({
      quizzes: {
        '2pc': { attempts: [attempt('2026-01-01T10:00:00.000Z', { a: false, b: true, c: true })] },
        '2pc__phases': { attempts: [attempt('2026-01-02T10:00:00.000Z', { a: true })] },
      },
    });
    expect(levels(wrongThenRight)[0]).toEqual(['phases', 'mastered', 3, 3]);
    const rightThenWrong = record({
      quizzes: { '2pc': { attempts: [attempt('2026-01-01T10:00:00.000Z', { a: true, b: true, c: true })] } },
      rounds: { '2pc__phases': round('2026-01-03T10:00:00.000Z', ['a'], { a: false }) },
    });
    expect(levels(rightThenWrong)[0]).toEqual(['phases', 'learning', 3, 2]);
  });

  it('lets a wrong answer win a tie, and ignores other banks', () => {
    const r = record({
      quizzes: {
        '2pc': { attempts: [attempt('2026-01-01T10:00:00.000Z', { a: true })] },
        '2pc__x': { attempts: [attempt('2026-01-01T10:00:00Z', { a: false })] },
        other: { attempts: [attempt('2026-01-05T10:00:00.000Z', { b: true })] },
      },
    });
    expect(latestAnswers(r).get('2pc/a')?.correct).toBe(false);
    expect(levels(r)[0]).toEqual(['phases', 'learning', 1, 0]);
  });

  it('never changes the record it reads', () => {
    const r = record({ quizzes: { '2pc': { attempts: [attempt('2026-01-01T10:00:00.000Z', { a: true })] } } });
    const before = JSON.stringify(r);
    masteryByObjective(r, 'l', objectives, questions);
    expect(JSON.stringify(r)).toBe(before);
  });
});

describe('masteryQuestions', () => {
  it("takes the questions of the lesson's banks only", () => {
    const banks = [
      { id: '2pc', data: { lesson: 'transactions/two-phase-commit', questions: [{ id: 'a', objectives: ['phases'] }] } },
      { id: 'cap', data: { lesson: 'foundations/cap', questions: [{ id: 'x', objectives: ['define'] }] } },
    ];
    expect(masteryQuestions(banks, 'transactions/two-phase-commit')).toEqual([{ bank: '2pc', id: 'a', objectives: ['phases'] }]);
  });
});
