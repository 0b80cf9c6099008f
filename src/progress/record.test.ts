import { describe, expect, it } from 'vitest';
import {
  emptyRecord,
  lastAttempt,
  lessonStatus,
  questionKey,
  seedCards,
  unfinishedExam,
  unfinishedRound,
  designWork,
  withAttempt,
  withDesignWork,
  withoutDesignWork,
  withExam,
  withFinished,
  withoutExam,
  withoutRound,
  withRound,
  withVisit,
  type ExamSnapshot,
} from './record.ts';
import { emptyWork, MAX_NOTE_LENGTH, type DesignWork } from '../design/work.ts';
import { progressRecordSchema } from '../schemas/progress.ts';

const T1 = '2026-11-03T10:00:00.000Z';
const T2 = '2026-11-04T10:00:00.000Z';

describe('record operations', () => {
  it('tracks a lesson from not started to visited to finished and back', () => {
    let r = emptyRecord();
    expect(lessonStatus(r, 'a')).toBe('not-started');
    r = withVisit(r, 'a', T1);
    expect(lessonStatus(r, 'a')).toBe('visited');
    r = withFinished(r, 'a', true, T2);
    expect(r.lessons.a).toEqual({ visited: T1, finished: T2 });
    r = withVisit(r, 'a', T2);
    expect(lessonStatus(r, 'a')).toBe('finished');
    r = withFinished(r, 'a', false, T2);
    expect(lessonStatus(r, 'a')).toBe('visited');
  });

  it('does not mutate its input', () => {
    const r = emptyRecord();
    withVisit(r, 'a', T1);
    expect(r).toEqual(emptyRecord());
  });

  it('keeps the newest 20 attempts and files or clears missed questions', () => {
    let r = emptyRecord();
    for (let i = 0; i < 22; i++) {
      r = withAttempt(r, 'cap', { at: T1, score: i % 3, total: 3, answers: {} }, [{ bank: 'cap', question: 'q1', correct: false }]);
    }
    expect(r.quizzes.cap.attempts).toHaveLength(20);
    expect(r.missed['cap/q1']).toEqual({ at: T1, bank: 'cap', question: 'q1' });
    r = withAttempt(r, 'practice', { at: T2, score: 1, total: 1, answers: { 'cap/q1': { correct: true, response: 'x'.repeat(600) } } }, [
      { bank: 'cap', question: 'q1', correct: true },
    ]);
    expect(r.missed).toEqual({});
    expect(lastAttempt(r, 'practice')?.answers['cap/q1'].response).toHaveLength(500);
    expect(lastAttempt(r, 'nothing')).toBeNull();
  });
});

describe('unfinished rounds', () => {
  const round = { seed: 'abc', ids: ['q1', 'q2', 'q3'], answers: { q1: { correct: true, response: '0', hinted: false } } };

  it('saves a round answer by answer, keeping when it started', () => {
    let r = withRound(emptyRecord(), 'cap', round, T1);
    expect(unfinishedRound(r, 'cap')).toEqual({ started: T1, saved: T1, ...round });
    r = withRound(r, 'cap', { ...round, answers: { ...round.answers, q2: { correct: false, response: '1,2' } } }, T2);
    expect(unfinishedRound(r, 'cap')).toMatchObject({ started: T1, saved: T2 });
    expect(Object.keys(unfinishedRound(r, 'cap')!.answers)).toEqual(['q1', 'q2']);
    expect(unfinishedRound(r, 'tpc')).toBeNull();
  });

  it('replaces a different round of the same bank, and drops answers to questions it does not ask', () => {
    let r = withRound(emptyRecord(), 'cap', round, T1);
    r = withRound(r, 'cap', { seed: 'new', ids: ['q3'], answers: { q1: { correct: true, response: '0' } } }, T2);
    expect(unfinishedRound(r, 'cap')).toEqual({ started: T2, saved: T2, seed: 'new', ids: ['q3'], answers: {} });
  });

  it('forgets a round without touching attempts or other banks', () => {
    let r = withAttempt(emptyRecord(), 'cap', { at: T1, score: 1, total: 1, answers: {} }, []);
    r = withRound(withRound(r, 'cap', round, T1), 'tpc', round, T1);
    const after = withoutRound(r, 'cap');
    expect(Object.keys(after.rounds)).toEqual(['tpc']);
    expect(after.quizzes).toEqual(r.quizzes);
    expect(withoutRound(after, 'cap')).toBe(after);
    expect(r.rounds.cap).toBeDefined();
  });
});

describe('the unfinished exam', () => {
  const exam: ExamSnapshot = {
    seed: 'exam-0a1b2c3d',
    ids: ['cap/q1', 'cap/q2'],
    index: 1,
    responses: { 'cap/q1': { kind: 'single', choice: 2 }, 'cap/q2': { kind: 'multiple', choices: [] } },
    clock: { limitMs: 600_000, usedMs: 0, runningSince: T1 },
  };

  it('saves the exam step by step, keeping when it started, and forgets it without touching the rest', () => {
    const visited = withVisit(emptyRecord(), 'a', T1);
    let r = withExam(visited, exam, T1);
    expect(unfinishedExam(r)).toEqual({ started: T1, saved: T1, ...exam });
    r = withExam(r, { ...exam, index: 0, clock: { ...exam.clock, usedMs: 5_000, runningSince: null } }, T2);
    expect(unfinishedExam(r)).toMatchObject({ started: T1, saved: T2, index: 0, clock: { usedMs: 5_000, runningSince: null } });
    // A different exam replaces it: a reader has one exam in progress at most.
    r = withExam(r, { ...exam, seed: 'exam-ffffffff', responses: { 'cap/q9': { kind: 'single', choice: 0 } } }, T2);
    expect(unfinishedExam(r)).toMatchObject({ started: T2, seed: 'exam-ffffffff', responses: {} });
    const after = withoutExam(r);
    expect(unfinishedExam(after)).toBeNull();
    expect('exam' in after).toBe(false);
    expect(after.lessons).toEqual(visited.lessons);
    expect(withoutExam(after)).toBe(after);
  });

  it('survives the other record operations', () => {
    let r = withExam(emptyRecord(), exam, T1);
    r = withRound(withAttempt(withVisit(r, 'a', T2), 'cap', { at: T2, score: 0, total: 1, answers: {} }, []), 'cap', { seed: 's', ids: ['q1'], answers: {} }, T2);
    expect(unfinishedExam(r)).toMatchObject({ ...exam, saved: T1 });
  });
});

describe('seeding review cards from older progress', () => {
  const new_ = { stability: 0, difficulty: 0, reps: 0, lapses: 0, state: 'new', step: 0, lastReview: null };

  it('seeds one card per answered question: missed ones due when missed, known ones two days after', () => {
    const cards = seedCards({
      lessons: {},
      quizzes: {
        cap: { attempts: [{ at: T1, score: 1, total: 2, answers: { q1: { correct: true, response: '0' }, q2: { correct: true, response: '1' } } }] },
        practice: { attempts: [{ at: T2, score: 0, total: 1, answers: { 'cap/q2': { correct: false, response: '2' }, bad: { correct: true, response: '' } } }] },
      },
      missed: { 'cap/q2': { at: T2, bank: 'cap', question: 'q2' }, 'tpc/x': { at: T1, bank: 'tpc', question: 'x' } },
      rounds: { tpc: { started: T1, saved: T2, seed: 's', ids: ['y'], answers: { y: { correct: true, response: '0' } } } },
    });
    expect(cards).toEqual({
      'cap/q1': { ...new_, due: '2026-11-05T10:00:00.000Z' },
      'cap/q2': { ...new_, due: T2 },
      'tpc/x': { ...new_, due: T1 },
      'tpc/y': { ...new_, due: '2026-11-06T10:00:00.000Z' },
    });
  });

  it('compares instants as times, not text, and lets a later right answer win', () => {
    const cards = seedCards({
      lessons: {},
      quizzes: { cap: { attempts: [{ at: '2026-11-04T10:00:00Z', score: 1, total: 1, answers: { q1: { correct: true, response: '0' } } }] } },
      missed: { 'cap/q1': { at: '2026-11-03T23:00:00.000Z', bank: 'cap', question: 'q1' } },
      rounds: {},
    });
    expect(cards['cap/q1'].due).toBe('2026-11-06T10:00:00.000Z');
  });

  it('keys questions bank/question whatever the round', () => {
    expect(questionKey('cap', 'q1')).toBe('cap/q1');
    expect(questionKey('practice', 'cap/q1')).toBe('cap/q1');
  });
});

describe('design work', () => {
  const work: DesignWork = {
    ...emptyWork(T1),
    step: 'mechanisms',
    asked: ['scale', 'scale', 'payment-provider'],
    figures: { 'update-rate': '200k' },
    components: ['order-service', 'broker'],
    mechanisms: { agreement: 'orchestrated-saga', publishing: 'dual-write' },
    notes: { clarify: 'x'.repeat(MAX_NOTE_LENGTH + 10) },
  };

  it('saves a design under its exercise id, reads it back valid, and leaves other parts alone', () => {
    const before = withVisit(emptyRecord(), 'a', T1);
    const r = withDesignWork(before, 'order-payment', work);
    expect(before.designs).toBeUndefined();
    expect(r.lessons).toBe(before.lessons);
    const back = designWork(r, 'order-payment');
    expect(back).toMatchObject({ step: 'mechanisms', asked: ['scale', 'payment-provider'], components: ['order-service', 'broker'], mechanisms: work.mechanisms });
    expect(back?.notes.clarify).toHaveLength(MAX_NOTE_LENGTH);
    expect(progressRecordSchema.safeParse(r).success).toBe(true);
    expect(designWork(r, 'other')).toBeNull();
    expect(designWork(emptyRecord(), 'order-payment')).toBeNull();
  });

  it('keeps an interview clock, replaces a design, and forgets one', () => {
    const clock = { limitMs: 45 * 60_000, usedMs: 1000, runningSince: T2 };
    let r = withDesignWork(emptyRecord(), 'order-payment', { ...work, interview: clock });
    expect(designWork(r, 'order-payment')?.interview).toEqual(clock);
    r = withDesignWork(r, 'order-payment', { ...work, step: 'lab' });
    expect(designWork(r, 'order-payment')?.step).toBe('lab');
    expect('interview' in (designWork(r, 'order-payment') ?? {})).toBe(false);
    r = withDesignWork(r, 'another', work);
    r = withoutDesignWork(r, 'order-payment');
    expect(Object.keys(r.designs ?? {})).toEqual(['another']);
    expect(withoutDesignWork(r, 'missing')).toBe(r);
  });
});
