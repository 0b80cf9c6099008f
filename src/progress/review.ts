/**
 * Spaced review: every answered question is a card scheduled by FSRS (`ts-fsrs`). A checked answer
 * reviews its card: right is Good, right after taking the hint is Hard, wrong is Again. Cards are
 * kept in the progress record as plain JSON (`ReviewCard`); this module converts them to the
 * library's card and back, and applies reviews to a record.
 *
 * Pure: record in, record out, the instant passed by the caller, no storage, no DOM. It imports
 * `ts-fsrs`, so only the quiz islands load it; the every-page progress script must not (counting
 * due cards needs no scheduler: see `due.ts`).
 */
import { Rating, State, createEmptyCard, fsrs, generatorParameters, type Card, type Grade } from 'ts-fsrs';
import type { CardState, ProgressRecord, ReviewCard } from '../schemas/progress.ts';
import { questionKey, withRound, type RoundSnapshot } from './record.ts';

/**
 * The scheduler's settings. One ten-minute (re)learning step: a missed question comes back in the
 * same sitting rather than a minute later (the reader has just read why it was wrong), and a
 * first right answer graduates straight to days. Fuzz is off so schedules are exact and testable;
 * the retention target is FSRS's default, 90%.
 */
export const scheduler = fsrs(generatorParameters({ enable_fuzz: false, enable_short_term: true, learning_steps: ['10m'], relearning_steps: ['10m'] }));

const STATE_NAME: Record<State, CardState> = {
  [State.New]: 'new',
  [State.Learning]: 'learning',
  [State.Review]: 'review',
  [State.Relearning]: 'relearning',
};
const STATE_OF: Record<CardState, State> = { new: State.New, learning: State.Learning, review: State.Review, relearning: State.Relearning };

/** How a checked answer rates its card. A hint that led to the right answer is recall with help. */
export function ratingFor(correct: boolean, hinted: boolean): Grade {
  if (!correct) return Rating.Again;
  return hinted ? Rating.Hard : Rating.Good;
}

/** A saved card as the scheduler's card. Fields the record does not keep are derived or zero. */
export function toFsrs(card: ReviewCard): Card {
  const lastReview = card.lastReview === null ? undefined : new Date(card.lastReview);
  const due = new Date(card.due);
  return {
    due,
    stability: card.stability,
    difficulty: card.difficulty,
    // Deprecated in ts-fsrs 5 and recomputed from `last_review` on every review.
    elapsed_days: 0,
    scheduled_days: lastReview ? Math.max(0, Math.round((due.getTime() - lastReview.getTime()) / 86_400_000)) : 0,
    learning_steps: card.step,
    reps: card.reps,
    lapses: card.lapses,
    state: STATE_OF[card.state],
    ...(lastReview ? { last_review: lastReview } : {}),
  };
}

/** The scheduler's card as saved: only what the next review needs, instants as ISO text. */
export function fromFsrs(card: Card): ReviewCard {
  const state = STATE_NAME[card.state];
  return {
    due: card.due.toISOString(),
    stability: card.stability,
    difficulty: card.difficulty,
    reps: card.reps,
    lapses: card.lapses,
    state,
    step: card.learning_steps,
    lastReview: state === 'new' || !card.last_review ? null : card.last_review.toISOString(),
  };
}

/**
 * The card after one answer at `at` (a first answer starts from an empty card). An answer dated
 * before the card's last review (a clock set back, or progress imported from another device) is
 * taken as given at that last review, so the scheduler never sees time run backwards.
 */
export function reviewCard(card: ReviewCard | undefined, correct: boolean, hinted: boolean, at: string): ReviewCard {
  const last = card?.lastReview ? Date.parse(card.lastReview) : -Infinity;
  const now = new Date(Math.max(Date.parse(at), last));
  const before = card ? toFsrs(card) : createEmptyCard(now);
  return fromFsrs(scheduler.next(before, now, ratingFor(correct, hinted)).card);
}

/** One answer to apply: the question's `bankId/questionId` key and how it went. */
export interface Review {
  key: string;
  correct: boolean;
  hinted: boolean;
}

/** Reviews the cards of `reviews` at `at`, in order. */
export function withReviews(record: ProgressRecord, reviews: readonly Review[], at: string): ProgressRecord {
  if (reviews.length === 0) return record;
  const cards = { ...record.cards };
  for (const r of reviews) cards[r.key] = reviewCard(cards[r.key], r.correct, r.hinted, at);
  return { ...record, cards };
}

/**
 * The answers in `round` that the saved round does not hold yet: each is reviewed exactly once,
 * when it is first saved. Re-saving the same round (a reload, a second tab, the same snapshot
 * twice) finds nothing new; a different round (a retry, a new set) is new from its first answer.
 */
export function newAnswers(record: ProgressRecord, roundBank: string, round: RoundSnapshot): Review[] {
  const before = record.rounds[roundBank];
  const same = before !== undefined && before.seed === round.seed && before.ids.join('\n') === round.ids.join('\n');
  return round.ids
    .filter((id) => round.answers[id] !== undefined && !(same && before.answers[id] !== undefined))
    .map((id) => ({ key: questionKey(roundBank, id), correct: round.answers[id].correct, hinted: round.answers[id].hinted === true }));
}

/**
 * `withRound` that also reviews the cards of newly checked answers: the quiz saves each checked
 * answer through this, so a reload loses no review and no answer is reviewed twice.
 */
export function withReviewedRound(record: ProgressRecord, roundBank: string, round: RoundSnapshot, at: string): ProgressRecord {
  return withRound(withReviews(record, newAnswers(record, roundBank, round), at), roundBank, round, at);
}
