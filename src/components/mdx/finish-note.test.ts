import { describe, expect, it } from 'vitest';
import { finishNote, LOW_SCORE, newestAttempt } from './finish-note.ts';

describe('finishNote', () => {
  it('says when the quiz has not been taken, marked finished or not', () => {
    expect(finishNote(null, false)).toMatch(/not taken this lesson’s quiz yet.*up to you/);
    expect(finishNote(null, true)).toMatch(/not taken this lesson’s quiz yet/);
  });
  it('says when the last score is low, with the score', () => {
    expect(finishNote({ score: 4, total: 13 }, true)).toBe('Your last quiz score was 4 of 13 (31%). The questions you missed are worth another look.');
    expect(finishNote({ score: 6, total: 10 }, false)).toMatch(/^Your last quiz score was 6 of 10 \(60%\)\. Marking the lesson finished is up to you/);
  });
  it(`says nothing from ${LOW_SCORE * 100}% up`, () => {
    expect(finishNote({ score: 7, total: 10 }, true)).toBeNull();
    expect(finishNote({ score: 13, total: 13 }, false)).toBeNull();
  });
});

describe('newestAttempt', () => {
  it('picks the latest of several banks and skips banks with none', () => {
    const a = { at: '2026-01-01T00:00:00.000Z', score: 1, total: 2 };
    const b = { at: '2026-01-02T00:00:00.000Z', score: 2, total: 2 };
    expect(newestAttempt([a, null, b])).toBe(b);
    expect(newestAttempt([null])).toBeNull();
  });
});
