import { describe, expect, it } from 'vitest';
import { Rating } from 'ts-fsrs';
import { progressRecordSchema } from '../schemas/progress.ts';
import { dueCount, dueKeys } from './due.ts';
import { answerKey } from './mastery.ts';
import { emptyRecord, questionKey, SEED_KNOWN_AFTER_MS, seedCards, withRound } from './record.ts';
import { fromFsrs, newAnswers, ratingFor, reviewCard, toFsrs, withReviewedRound, withReviews } from './review.ts';

const T0 = '2026-11-03T10:00:00.000Z';
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const at = (ms: number) => new Date(Date.parse(T0) + ms).toISOString();
const dueIn = (card: { due: string }, from: string) => Date.parse(card.due) - Date.parse(from);

describe('reviewing one card (fixed clock)', () => {
  it('rates right as Good, right with the hint as Hard, wrong as Again', () => {
    expect(ratingFor(true, false)).toBe(Rating.Good);
    expect(ratingFor(true, true)).toBe(Rating.Hard);
    expect(ratingFor(false, false)).toBe(Rating.Again);
    expect(ratingFor(false, true)).toBe(Rating.Again);
  });

  it('brings a missed question back within a day, and much sooner than a known one', () => {
    const missed = reviewCard(undefined, false, false, T0);
    const known = reviewCard(undefined, true, false, T0);
    const hinted = reviewCard(undefined, true, true, T0);
    expect(dueIn(missed, T0)).toBeGreaterThan(0);
    expect(dueIn(missed, T0)).toBeLessThanOrEqual(DAY);
    expect(dueIn(missed, T0)).toBe(10 * MIN);
    expect(missed).toMatchObject({ state: 'learning', reps: 1, lapses: 0, lastReview: T0 });
    expect(dueIn(known, T0)).toBeGreaterThanOrEqual(DAY);
    expect(known.state).toBe('review');
    // Help from the hint counts as shakier recall: back sooner than a clean right answer.
    expect(dueIn(hinted, T0)).toBeLessThan(dueIn(known, T0));
    expect(dueIn(missed, T0)).toBeLessThan(dueIn(hinted, T0));
  });

  it('grows the interval with each right answer given when due', () => {
    let card = reviewCard(undefined, true, false, T0);
    let now = T0;
    const intervals: number[] = [];
    for (let i = 0; i < 4; i++) {
      intervals.push(dueIn(card, now));
      now = card.due;
      card = reviewCard(card, true, false, now);
    }
    for (let i = 1; i < intervals.length; i++) expect(intervals[i]).toBeGreaterThan(intervals[i - 1]);
    expect(card.reps).toBe(5);
  });

  it('puts a forgotten known question back into relearning, due within a day, and counts the lapse', () => {
    const known = reviewCard(reviewCard(undefined, true, false, T0), true, false, at(2 * DAY));
    const forgotten = reviewCard(known, false, false, known.due);
    expect(forgotten).toMatchObject({ state: 'relearning', lapses: 1 });
    expect(dueIn(forgotten, known.due)).toBeLessThanOrEqual(DAY);
    // Right again after relearning: back to days, and sooner than before the lapse.
    const relearned = reviewCard(forgotten, true, false, forgotten.due);
    expect(relearned.state).toBe('review');
    expect(dueIn(relearned, forgotten.due)).toBeGreaterThanOrEqual(DAY);
    expect(relearned.stability).toBeLessThan(known.stability);
  });

  it('never lets time run backwards: an answer dated before the last review counts at that review', () => {
    const card = reviewCard(undefined, true, false, T0);
    const again = reviewCard(card, false, false, at(-DAY));
    expect(again.lastReview).toBe(T0);
  });

  it('round-trips through the library card without losing what scheduling needs', () => {
    const card = reviewCard(reviewCard(undefined, false, false, T0), true, false, at(15 * MIN));
    expect(fromFsrs(toFsrs(card))).toEqual(card);
    expect(progressRecordSchema.shape.cards.safeParse({ 'cap/q1': card }).success).toBe(true);
  });

  it('seeds known questions due when a first right answer would be', () => {
    expect(dueIn(reviewCard(undefined, true, false, T0), T0)).toBe(SEED_KNOWN_AFTER_MS);
  });
});

describe('reviews through saved rounds', () => {
  const round = (answers: Record<string, { correct: boolean; response: string; hinted?: boolean }>) => ({ seed: 'abc', ids: ['q1', 'q2', 'q3'], answers });

  it('reviews each newly checked answer once, keyed bank/question', () => {
    let r = withReviewedRound(emptyRecord(), 'cap', round({ q1: { correct: false, response: '0' } }), T0);
    expect(Object.keys(r.cards)).toEqual(['cap/q1']);
    const first = r.cards['cap/q1'];
    // The same round re-saved (a reload, a second tab): nothing is reviewed again.
    r = withReviewedRound(r, 'cap', round({ q1: { correct: false, response: '0' } }), at(MIN));
    expect(r.cards['cap/q1']).toBe(first);
    // The next answer reviews only its own card.
    r = withReviewedRound(r, 'cap', round({ q1: { correct: false, response: '0' }, q2: { correct: true, response: '1', hinted: true } }), at(2 * MIN));
    expect(r.cards['cap/q1']).toBe(first);
    expect(r.cards['cap/q2']).toMatchObject({ reps: 1, lastReview: at(2 * MIN) });
    expect(r.rounds.cap.answers).toHaveProperty('q2');
  });

  it('treats a retry (a new round) as new answers, and keys practice sets by their own ids', () => {
    let r = withReviewedRound(emptyRecord(), 'cap', round({ q1: { correct: false, response: '0' } }), T0);
    r = withReviewedRound(r, 'cap', { seed: 'retry', ids: ['q1'], answers: { q1: { correct: true, response: '1' } } }, at(20 * MIN));
    expect(r.cards['cap/q1'].reps).toBe(2);
    expect(newAnswers(r, 'practice', { seed: 'p', ids: ['tpc/a', 'cap/q1'], answers: { 'tpc/a': { correct: true, response: '0' } } })).toEqual([
      { key: 'tpc/a', correct: true, hinted: false },
    ]);
  });

  it('makes a missed question due for review before a known one', () => {
    const r = withReviews(emptyRecord(), [
      { key: 'cap/known', correct: true, hinted: false },
      { key: 'cap/missed', correct: false, hinted: false },
    ], T0);
    expect(dueKeys(r, new Date(at(5 * MIN)))).toEqual([]);
    expect(dueKeys(r, new Date(at(11 * MIN)))).toEqual(['cap/missed']);
    expect(dueKeys(r, new Date(at(3 * DAY)))).toEqual(['cap/missed', 'cap/known']);
    expect(dueCount(r, new Date(at(3 * DAY)), new Set(['cap/known']))).toBe(1);
  });

  it('leaves the saved round as withRound would', () => {
    const snapshot = round({ q1: { correct: true, response: '0' } });
    const reviewed = withReviewedRound(emptyRecord(), 'cap', snapshot, T0);
    expect(reviewed.rounds).toEqual(withRound(emptyRecord(), 'cap', snapshot, T0).rounds);
  });

  it('schedules seeded cards like new ones on their first review', () => {
    const seeded = seedCards({ lessons: {}, quizzes: {}, rounds: {}, missed: { 'cap/q1': { at: T0, bank: 'cap', question: 'q1' } } });
    const reviewed = reviewCard(seeded['cap/q1'], true, false, at(DAY));
    expect(reviewed).toEqual(reviewCard(undefined, true, false, at(DAY)));
  });
});

describe('question keys', () => {
  it('key a checkpoint round by its bank, and agree with mastery on every kind of quiz id', () => {
    const cases: [string, string][] = [['cap', 'q1'], ['practice', 'cap/q1'], ['two-phase-commit__phases', 'q2'], ['two-phase-commit', 'q3']];
    for (const [quiz, id] of cases) expect(questionKey(quiz, id)).toBe(answerKey(quiz, id));
    const r = withReviewedRound(emptyRecord(), 'two-phase-commit__phases', { seed: 's', ids: ['q2'], answers: { q2: { correct: false, response: '0' } } }, T0);
    expect(Object.keys(r.cards)).toEqual(['two-phase-commit/q2']);
  });
});
