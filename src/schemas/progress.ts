/**
 * The saved-progress record: what this site keeps about one reader, in one localStorage entry.
 *
 * This zod schema is the documentation and the test oracle. The browser never loads zod for it:
 * the page script validates with the hand-written checker in `src/progress/validate.ts`, which
 * shares these inferred types and is tested to accept and reject exactly what this schema does.
 * Describes data only; reading, repairing and writing storage live in `src/progress/`.
 */
import { z } from 'zod';

import { MAX_ATTEMPTS, MAX_RESPONSE_LENGTH, PROGRESS_VERSION } from '../progress/constants.ts';

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

/** The whole record, version 2. */
export const progressRecordSchema = z.object({
  /** Format version; always PROGRESS_VERSION when written by this code. */
  version: z.literal(PROGRESS_VERSION),
  /** Lessons opened, by docs id. Only ids from the curriculum are recorded. */
  lessons: z.record(z.string(), lessonProgressSchema),
  /** Quiz history, by bank id. */
  quizzes: z.record(z.string(), quizProgressSchema),
  /** Questions to bring back in practice, by `bankId/questionId`. */
  missed: z.record(z.string(), missedQuestionSchema),
});

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
export type ProgressRecord = z.infer<typeof progressRecordSchema>;
export type ProgressRecordV1 = z.infer<typeof progressRecordV1Schema>;
