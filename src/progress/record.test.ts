import { describe, expect, it } from 'vitest';
import { emptyRecord, lastAttempt, lessonStatus, withAttempt, withFinished, withVisit } from './record.ts';

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
