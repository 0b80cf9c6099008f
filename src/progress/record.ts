/**
 * Pure operations on the progress record: record in, new record out. The store applies them and
 * persists the result; views call the readers (`lessonStatus`, `lastAttempt`). Nothing here
 * touches storage, the clock (callers pass instants) or the DOM, and no input is mutated.
 */
import type { AnswerRecord, ProgressRecord, QuizAttempt, UnfinishedRound } from '../schemas/progress.ts';
import { MAX_ATTEMPTS, MAX_RESPONSE_LENGTH, PROGRESS_VERSION } from './constants.ts';

export type { AnswerRecord, ProgressRecord, QuizAttempt, UnfinishedRound } from '../schemas/progress.ts';

/** Where a reader stands with one lesson. */
export type LessonStatus = 'not-started' | 'visited' | 'finished';

/** One graded question in a finished attempt, located in its own bank (practice sets mix banks). */
export interface QuestionOutcome {
  bank: string;
  question: string;
  correct: boolean;
}

export function emptyRecord(): ProgressRecord {
  return { version: PROGRESS_VERSION, lessons: {}, quizzes: {}, missed: {}, rounds: {} };
}

/** The key of a question in `missed`: `bankId/questionId`. */
export function missedKey(bank: string, question: string): string {
  return `${bank}/${question}`;
}

/** Records that the lesson was opened at `at`; a finished mark is kept. */
export function withVisit(record: ProgressRecord, lesson: string, at: string): ProgressRecord {
  const finished = record.lessons[lesson]?.finished ?? null;
  return { ...record, lessons: { ...record.lessons, [lesson]: { visited: at, finished } } };
}

/** Marks the lesson finished at `at`, or not finished; marking also counts as a visit. */
export function withFinished(record: ProgressRecord, lesson: string, finished: boolean, at: string): ProgressRecord {
  const visited = record.lessons[lesson]?.visited ?? at;
  return { ...record, lessons: { ...record.lessons, [lesson]: { visited, finished: finished ? at : null } } };
}

/**
 * Appends an attempt to a bank's history (keeping the newest MAX_ATTEMPTS) and updates `missed`:
 * a wrong answer files the question (dated `attempt.at`), a right one takes it off.
 */
export function withAttempt(record: ProgressRecord, bankId: string, attempt: QuizAttempt, outcomes: QuestionOutcome[]): ProgressRecord {
  const attempts = [...(record.quizzes[bankId]?.attempts ?? []), { ...attempt, answers: clipped(attempt.answers) }].slice(-MAX_ATTEMPTS);
  const missed = { ...record.missed };
  for (const o of outcomes) {
    const key = missedKey(o.bank, o.question);
    if (o.correct) delete missed[key];
    else missed[key] = { at: attempt.at, bank: o.bank, question: o.question };
  }
  return { ...record, quizzes: { ...record.quizzes, [bankId]: { attempts } }, missed };
}

function clipped(answers: Record<string, AnswerRecord>): Record<string, AnswerRecord> {
  const out: Record<string, AnswerRecord> = {};
  for (const [id, a] of Object.entries(answers)) out[id] = { ...a, response: a.response.slice(0, MAX_RESPONSE_LENGTH) };
  return out;
}

/** A round in progress as the quiz hands it over: what it asks, its seed, and what is answered so far. */
export interface RoundSnapshot {
  seed: string;
  ids: string[];
  answers: Record<string, AnswerRecord>;
}

/**
 * Saves the bank's unfinished round at `at` (called each time an answer is checked). The round
 * keeps its `started` time while it is the same round (same seed and questions); a different
 * round replaces it, since a bank has at most one unfinished round.
 */
export function withRound(record: ProgressRecord, bankId: string, round: RoundSnapshot, at: string): ProgressRecord {
  const before = record.rounds[bankId];
  const same = before !== undefined && before.seed === round.seed && before.ids.join('\n') === round.ids.join('\n');
  const saved: UnfinishedRound = {
    started: same ? before.started : at,
    saved: at,
    seed: round.seed,
    ids: [...round.ids],
    answers: clipped(Object.fromEntries(Object.entries(round.answers).filter(([id]) => round.ids.includes(id)))),
  };
  return { ...record, rounds: { ...record.rounds, [bankId]: saved } };
}

/** Forgets the bank's unfinished round (it ended, or the reader started over). */
export function withoutRound(record: ProgressRecord, bankId: string): ProgressRecord {
  if (!(bankId in record.rounds)) return record;
  const rounds = { ...record.rounds };
  delete rounds[bankId];
  return { ...record, rounds };
}

/** The bank's unfinished round, or null. */
export function unfinishedRound(record: ProgressRecord, bankId: string): UnfinishedRound | null {
  return record.rounds[bankId] ?? null;
}

export function lessonStatus(record: ProgressRecord, lesson: string): LessonStatus {
  const entry = record.lessons[lesson];
  if (!entry) return 'not-started';
  return entry.finished ? 'finished' : 'visited';
}

/** The newest attempt at a bank, or null if there is none. */
export function lastAttempt(record: ProgressRecord, bankId: string): QuizAttempt | null {
  const attempts = record.quizzes[bankId]?.attempts ?? [];
  return attempts.length > 0 ? attempts[attempts.length - 1] : null;
}
