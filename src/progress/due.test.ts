import { describe, expect, it } from 'vitest';
import { dueCount, dueKeys, dueLabel, nextDue } from './due.ts';
import { emptyRecord } from './record.ts';
import type { ReviewCard } from './record.ts';

const card = (due: string): ReviewCard => ({ due, stability: 1, difficulty: 5, reps: 1, lapses: 0, state: 'review', step: 0, lastReview: '2026-11-01T10:00:00.000Z' });
const record = {
  ...emptyRecord(),
  cards: { 'b/late': card('2026-11-03T09:00:00.000Z'), 'a/later': card('2026-11-02T09:00:00Z'), 'c/future': card('2026-11-05T09:00:00.000Z'), 'd/gone': card('2026-11-01T09:00:00.000Z') },
};
const now = new Date('2026-11-03T10:00:00.000Z');

describe('due cards', () => {
  it('lists due cards most overdue first and counts them', () => {
    expect(dueKeys(record, now)).toEqual(['d/gone', 'a/later', 'b/late']);
    expect(dueCount(record, now)).toBe(3);
  });

  it('counts only questions the site still has when told which', () => {
    expect(dueKeys(record, now, new Set(['a/later', 'b/late', 'c/future']))).toEqual(['a/later', 'b/late']);
  });

  it('says nothing when nothing is due, and when the next one is', () => {
    expect(dueLabel(0)).toBeNull();
    expect(dueLabel(1)).toBe('Review: 1 due');
    expect(dueLabel(7)).toBe('Review: 7 due');
    expect(nextDue(record, now)).toBe('2026-11-05T09:00:00.000Z');
    expect(nextDue(record, new Date('2026-12-01T00:00:00Z'))).toBeNull();
  });
});
