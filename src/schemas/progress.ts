/**
 * The saved-progress record: what this site keeps about one reader, in one localStorage entry.
 *
 * This zod schema is the documentation and the test oracle. The browser never loads zod for it:
 * the page script validates with the hand-written checker in `src/progress/validate.ts`, which
 * shares these inferred types and is tested to accept and reject exactly what this schema does.
 * Describes data only; reading, repairing and writing storage live in `src/progress/`.
 */
import { z } from 'zod';

import { BOTTLENECK_IDS, COMPONENT_IDS, ESTIMATE_IDS, MECHANISMS, STEP_IDS } from '../design/ids.ts';
import { MAX_NOTE_LENGTH } from '../design/work.ts';
import { kebab } from './lesson.ts';

import {
  ATTEMPT_MODES,
  CARD_KEY_PATTERN,
  CARD_STATES,
  MAX_ATTEMPTS,
  MAX_EXAM_ID_LENGTH,
  MAX_EXAM_LIMIT_MS,
  MAX_EXAM_QUESTIONS,
  MAX_EXAM_RESPONSE_ITEMS,
  MAX_RESPONSE_LENGTH,
  MAX_ROUND_QUESTIONS,
  PROGRESS_VERSION,
  ROUND_SEED_PATTERN,
} from '../progress/constants.ts';

export { MAX_ATTEMPTS, PROGRESS_BACKUP_KEY, PROGRESS_KEY, PROGRESS_VERSION } from '../progress/constants.ts';

/** An instant as `Date.prototype.toISOString()` writes it (UTC, with milliseconds optional). */
export const isoInstantSchema = z.iso.datetime({ offset: false });

/** One lesson the reader has opened. Keyed by its docs id (e.g. `foundations/cap`). */
export const lessonProgressSchema = z.object({
  /** When the reader last opened the lesson. */
  visited: isoInstantSchema,
  /** When the reader marked it finished, or null while it is not (unmarking sets null again). */
  finished: isoInstantSchema.nullable(),
});

/** The reader's answer to one question in one attempt. */
export const answerRecordSchema = z.object({
  /** Whether it was graded right. */
  correct: z.boolean(),
  /** A compact record of what was answered (option indices such as `0,2`, or a simulation's summary). */
  response: z.string().max(MAX_RESPONSE_LENGTH),
  /** Whether the reader asked for the hint first. Absent in records written before hints were counted. */
  hinted: z.boolean().optional(),
});

/** One completed run through a quiz (a whole bank, the missed questions, or a practice set). */
export const quizAttemptSchema = z
  .object({
    /** When the attempt was finished. */
    at: isoInstantSchema,
    /** Questions answered right. */
    score: z.number().int().nonnegative(),
    /** Questions in the attempt. */
    total: z.number().int().positive(),
    /** Each answer, keyed by question id (in practice sets: `bankId/questionId`). */
    answers: z.record(z.string(), answerRecordSchema),
    /**
     * How it was taken: a lesson's quiz, a practice set, a review session of due questions, or a
     * timed exam. New in version 4 and optional, so older attempts stay valid without it.
     */
    mode: z.enum(ATTEMPT_MODES).optional(),
  })
  .refine((a) => a.score <= a.total, { message: 'score is larger than total' });

/** Everything saved about one quiz bank. Keyed by bank id (its file name, or `practice`). */
export const quizProgressSchema = z.object({
  /** Attempts, oldest first, at most MAX_ATTEMPTS (older ones are dropped when a new one is saved). */
  attempts: z.array(quizAttemptSchema).max(MAX_ATTEMPTS),
});

/** A question the reader last got wrong. Keyed by `bankId/questionId`; removed once answered right. */
export const missedQuestionSchema = z.object({
  /** When it was last missed. */
  at: isoInstantSchema,
  /** Bank id (file name in `content/quizzes/`). */
  bank: z.string().min(1),
  /** Question id within that bank. */
  question: z.string().min(1),
});

/**
 * A quiz round the reader has started and not finished, saved each time an answer is checked so
 * a reload or a later visit can continue it. Keyed by bank id (as attempts are); a bank has at
 * most one. Removed when the round ends (its attempt is saved) or the reader starts over.
 */
export const unfinishedRoundSchema = z
  .object({
    /** When the round's first answer was saved. */
    started: isoInstantSchema,
    /** When its latest answer was saved. */
    saved: isoInstantSchema,
    /**
     * The round's shuffle seed. The order of each question's options and the starting arrangement
     * of ordering questions derive from it and the question id, so a resumed round looks as it did.
     */
    seed: z.string().regex(ROUND_SEED_PATTERN),
    /** Question ids in the order the round asks them (practice sets: `bankId/questionId`), no repeats. */
    ids: z.array(z.string().min(1)).min(1).max(MAX_ROUND_QUESTIONS),
    /** The answers checked so far, by question id; every key is one of `ids`. Responses use bank indices, never display positions. */
    answers: z.record(z.string(), answerRecordSchema),
  })
  .refine((r) => new Set(r.ids).size === r.ids.length, { message: 'question ids repeat' })
  .refine((r) => Object.keys(r.answers).every((id) => r.ids.includes(id)), { message: 'an answer is for a question the round does not ask' });

/**
 * One question's review schedule (FSRS, through `ts-fsrs`), keyed by `bankId/questionId` like
 * `missed`. Only what the scheduler needs to compute the next review is kept, as plain JSON with
 * ISO instants; `src/progress/review.ts` converts to and from the library's own card.
 */
export const reviewCardSchema = z
  .object({
    /** When the question is next due for review. */
    due: isoInstantSchema,
    /** FSRS stability: roughly the days until recall drops to the target (0 before the first review). */
    stability: z.number().nonnegative().finite(),
    /** FSRS difficulty, 1 to 10 once reviewed (0 before the first review). */
    difficulty: z.number().min(0).max(10),
    /** Reviews so far. */
    reps: z.number().int().nonnegative(),
    /** Times a known question was forgotten (answered wrong while in review). */
    lapses: z.number().int().nonnegative(),
    /** Where the card is in FSRS's cycle. */
    state: z.enum(CARD_STATES),
    /** Index of the current (re)learning step; 0 otherwise. */
    step: z.number().int().nonnegative(),
    /** When it was last reviewed; null for a card seeded from older progress and not reviewed since. */
    lastReview: isoInstantSchema.nullable(),
  })
  .refine((c) => (c.state === 'new') === (c.lastReview === null), { message: 'a card is new exactly when it has never been reviewed' });

/** Option or item indices (in the bank's order), no repeats: what a multiple-choice or ordering answer holds. */
const examIndexListSchema = z
  .array(z.number().int().nonnegative().max(MAX_EXAM_RESPONSE_ITEMS - 1))
  .max(MAX_EXAM_RESPONSE_ITEMS)
  .refine((l) => new Set(l).size === l.length, { message: 'an index repeats' });

/**
 * What the reader has given so far for one exam question, not yet graded (the exam grades only at
 * hand-in). Indices are the bank's, never display positions, as everywhere else in the record.
 */
export const examResponseSchema = z.discriminatedUnion('kind', [
  /** The option chosen, or null while none is. */
  z.object({ kind: z.literal('single'), choice: z.number().int().nonnegative().max(MAX_EXAM_RESPONSE_ITEMS - 1).nullable() }),
  /** The options ticked. */
  z.object({ kind: z.literal('multiple'), choices: examIndexListSchema }),
  /** The items as the reader has arranged them, as indices into the authored (correct) order. */
  z.object({ kind: z.literal('ordering'), order: examIndexListSchema }),
]);

/**
 * A saved countdown (`SavedCountdown` in src/timing/countdown.ts): the timed exam's, and the design
 * exercise's interview clock. Time used is banked when it is paused; while the clock runs,
 * `runningSince` is when it last started, so time that passes with the page closed counts
 * against the limit, as in a real exam. A paused clock (`runningSince` null) stays paused.
 */
export const savedClockSchema = z
  .object({
    /** The time limit the reader chose. */
    limitMs: z.number().int().positive().max(MAX_EXAM_LIMIT_MS),
    /** Time used up to the last pause (or up to `runningSince`). */
    usedMs: z.number().int().nonnegative(),
    /** When the clock last started running; null while the exam is paused. */
    runningSince: isoInstantSchema.nullable(),
  })
  .refine((c) => c.usedMs <= c.limitMs, { message: 'more time used than the limit' });

/**
 * The one timed exam the reader has started and not handed in, saved after every answer change,
 * question move, pause and resume, so a reload or a later visit can continue it (or hand it in,
 * if its time ran out meanwhile). Removed when the exam is handed in or discarded.
 */
export const unfinishedExamSchema = z
  .object({
    /** When the exam was started. */
    started: isoInstantSchema,
    /** When it was last saved. */
    saved: isoInstantSchema,
    /** The exam's shuffle seed: option order and ordering starts derive from it and the question id. */
    seed: z.string().regex(ROUND_SEED_PATTERN),
    /** Question ids (`bankId/questionId`) in the order the exam asks them, no repeats. */
    ids: z.array(z.string().min(1).max(MAX_EXAM_ID_LENGTH)).min(1).max(MAX_EXAM_QUESTIONS),
    /** The question showing, 0-based. */
    index: z.number().int().nonnegative(),
    /** Answers so far, by question id; every key is one of `ids`. */
    responses: z.record(z.string(), examResponseSchema),
    clock: savedClockSchema,
  })
  .refine((e) => new Set(e.ids).size === e.ids.length, { message: 'question ids repeat' })
  .refine((e) => e.index < e.ids.length, { message: 'the question showing is not one the exam asks' })
  .refine((e) => Object.keys(e.responses).every((id) => e.ids.includes(id)), { message: 'an answer is for a question the exam does not ask' });


/** A list of the given ids, each at most once. */
function idSet<T extends readonly [string, ...string[]]>(ids: T) {
  return z.array(z.enum(ids)).max(ids.length).refine((l) => new Set(l).size === l.length, { message: 'an id repeats' });
}

/**
 * The reader's work on one design exercise (`DesignWork` in src/design/work.ts), saved on every
 * change. Ids are held to the fixed lists of src/design/ids.ts; clarifying questions and rubric
 * items are the content file's own kebab-case ids (the island ignores ones the file no longer has).
 */
export const designWorkSchema = z.object({
  /** When the work was last saved. */
  saved: isoInstantSchema,
  /** The step the reader is on. */
  step: z.enum(STEP_IDS),
  /** Clarifying questions asked, by id, in the order asked, no repeats. */
  asked: z
    .array(kebab)
    .max(100)
    .refine((l) => new Set(l).size === l.length, { message: 'a question repeats' }),
  /** Figures typed in the calculator, by estimate id, as typed (at most 40 characters). */
  figures: z.partialRecord(z.enum(ESTIMATE_IDS), z.string().max(40)),
  /** Components placed in the architecture, in the order added, no repeats. */
  components: idSet(COMPONENT_IDS),
  /** One option per interaction; an absent key is not chosen yet. */
  mechanisms: z
    .object({
      agreement: z.enum(MECHANISMS.agreement),
      publishing: z.enum(MECHANISMS.publishing),
      consuming: z.enum(MECHANISMS.consuming),
      statusReads: z.enum(MECHANISMS.statusReads),
      concurrency: z.enum(MECHANISMS.concurrency),
    })
    .partial()
    .strict(),
  /** Bottlenecks in the reader's order, most pressing first, no repeats. */
  ranking: idSet(BOTTLENECK_IDS),
  /** Notes per step, at most MAX_NOTE_LENGTH characters each. */
  notes: z.partialRecord(z.enum(STEP_IDS), z.string().max(MAX_NOTE_LENGTH)),
  /** Steps whose model answer was revealed, no repeats. */
  revealed: idSet(STEP_IDS),
  /** Rubric items ticked, by id, no repeats. */
  rubric: z
    .array(kebab)
    .max(100)
    .refine((l) => new Set(l).size === l.length, { message: 'a rubric item repeats' }),
  /** The interview clock while interview mode is on; absent otherwise. */
  interview: savedClockSchema.optional(),
});

/** The whole record, version 4. */
export const progressRecordSchema = z.object({
  /** Format version; always PROGRESS_VERSION when written by this code. */
  version: z.literal(PROGRESS_VERSION),
  /** Lessons opened, by docs id. Only ids from the curriculum are recorded. */
  lessons: z.record(z.string(), lessonProgressSchema),
  /** Quiz history, by bank id. */
  quizzes: z.record(z.string(), quizProgressSchema),
  /** Questions to bring back in practice, by `bankId/questionId`. */
  missed: z.record(z.string(), missedQuestionSchema),
  /** Unfinished rounds, by bank id (`practice` for the mixed set). New in version 3. */
  rounds: z.record(z.string(), unfinishedRoundSchema),
  /** Review schedules, by `bankId/questionId`: one per question ever answered. New in version 4. */
  cards: z.record(z.string().regex(CARD_KEY_PATTERN), reviewCardSchema),
  /**
   * The timed exam in progress, if any. Added within version 4 without a version change: it is
   * optional, its absence means "no exam in progress", and code written before it ignores the
   * field (both this schema and the hand validator drop unknown fields), so an older copy of the
   * site reads a record holding one as it always did. A version bump would have made that older
   * copy (a tab left open across an update) treat the whole record as unreadable and reset it.
   */
  exam: unfinishedExamSchema.optional(),
  /**
   * The reader's work on each design exercise, by exercise id. Added within version 4 exactly as
   * `exam` was: optional, absent means "no design work", and an older copy of the site drops the
   * unknown field rather than resetting the record. A damaged exercise entry is dropped alone.
   */
  designs: z.record(kebab, designWorkSchema).optional(),
});

/**
 * Version 3, kept here only so it can be migrated: version 4 without `cards`. Migration keeps
 * every entry and seeds a card for each question answered in it (`seedCards` in record.ts).
 */
export const progressRecordV3Schema = progressRecordSchema.omit({ cards: true, exam: true, designs: true }).extend({ version: z.literal(3) });

/**
 * Version 2, kept here only so it can be migrated: version 3 without `rounds` (answers were
 * saved only when a round ended). Migration keeps every entry, adds `rounds: {}` and seeds cards.
 */
export const progressRecordV2Schema = progressRecordSchema.omit({ rounds: true, cards: true, exam: true, designs: true }).extend({ version: z.literal(2) });

/**
 * Version 1, the first and simpler format, kept here only so it can be migrated: lists of visited
 * and finished lesson ids, and the last score per bank, with no dates or answers.
 */
export const progressRecordV1Schema = z.object({
  version: z.literal(1),
  /** Docs ids of lessons opened. */
  visited: z.array(z.string()),
  /** Docs ids of lessons marked finished. */
  finished: z.array(z.string()),
  /** Last score per bank id. */
  quizScores: z.record(z.string(), z.object({ score: z.number().int().nonnegative(), total: z.number().int().positive() })),
});

export type LessonProgress = z.infer<typeof lessonProgressSchema>;
export type AnswerRecord = z.infer<typeof answerRecordSchema>;
export type QuizAttempt = z.infer<typeof quizAttemptSchema>;
export type QuizProgress = z.infer<typeof quizProgressSchema>;
export type MissedQuestion = z.infer<typeof missedQuestionSchema>;
export type UnfinishedRound = z.infer<typeof unfinishedRoundSchema>;
export type ReviewCard = z.infer<typeof reviewCardSchema>;
export type ExamResponse = z.infer<typeof examResponseSchema>;
export type SavedExamClock = z.infer<typeof savedClockSchema>;
export type UnfinishedExam = z.infer<typeof unfinishedExamSchema>;
export type CardState = ReviewCard['state'];
export type AttemptMode = NonNullable<QuizAttempt['mode']>;
export type SavedDesignWork = z.infer<typeof designWorkSchema>;
export type ProgressRecord = z.infer<typeof progressRecordSchema>;
export type ProgressRecordV3 = z.infer<typeof progressRecordV3Schema>;
export type ProgressRecordV2 = z.infer<typeof progressRecordV2Schema>;
export type ProgressRecordV1 = z.infer<typeof progressRecordV1Schema>;
