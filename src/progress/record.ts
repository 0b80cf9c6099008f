/**
 * Pure operations on the progress record: record in, new record out. The store applies them and
 * persists the result; views call the readers (`lessonStatus`, `lastAttempt`). Nothing here
 * touches storage, the clock (callers pass instants) or the DOM, and no input is mutated.
 */
import type { AnswerRecord, ProgressRecord, QuizAttempt, ReviewCard, SavedDesignWork, UnfinishedExam, UnfinishedRound } from '../schemas/progress.ts';
import type { DesignWork } from '../design/work.ts';
import { MAX_NOTE_LENGTH } from '../design/work.ts';
import { CARD_KEY_PATTERN, MAX_ATTEMPTS, MAX_RESPONSE_LENGTH, PRACTICE_BANK_ID, PROGRESS_VERSION } from './constants.ts';

export type { AnswerRecord, AttemptMode, ExamResponse, ProgressRecord, QuizAttempt, ReviewCard, SavedExamClock, UnfinishedExam, UnfinishedRound } from '../schemas/progress.ts';

/** Where a reader stands with one lesson. */
export type LessonStatus = 'not-started' | 'visited' | 'finished';

/** One graded question in a finished attempt, located in its own bank (practice sets mix banks). */
export interface QuestionOutcome {
  bank: string;
  question: string;
  correct: boolean;
}

export function emptyRecord(): ProgressRecord {
  return { version: PROGRESS_VERSION, lessons: {}, quizzes: {}, missed: {}, rounds: {}, cards: {} };
}

/** The key of a question in `missed` and `cards`: `bankId/questionId`. */
export function missedKey(bank: string, question: string): string {
  return `${bank}/${question}`;
}

/** Separates a bank id from a checkpoint's name in the id a lesson checkpoint saves under (`bank__name`). */
export const CHECKPOINT_SEPARATOR = '__';

/**
 * The `bankId/questionId` key of a question as a round or attempt saved under `quizId` names it.
 * Mixed sets (practice, reviews, exams) already use `bankId/questionId`; a lesson's bank and its
 * checkpoints (`bank__name`) use the bank's own question ids, which never hold a slash. Must agree
 * with `answerKey` in mastery.ts (review.test.ts checks).
 */
export function questionKey(quizId: string, id: string): string {
  return id.includes('/') ? id : missedKey(quizBank(quizId), id);
}

/** The bank a saved quiz id belongs to: a checkpoint's `bank__name` to its bank, anything else to itself. */
export function quizBank(quizId: string): string {
  const at = quizId.indexOf(CHECKPOINT_SEPARATOR);
  return at > 0 ? quizId.slice(0, at) : quizId;
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

/** The timed exam in progress as the exam island hands it over: everything but the save times. */
export type ExamSnapshot = Omit<UnfinishedExam, 'started' | 'saved'>;

/**
 * Saves the unfinished exam at `at` (after every answer change, question move, pause and resume).
 * It keeps its `started` time while it is the same exam (same seed and questions); a different
 * exam replaces it, since a reader has at most one exam in progress. Answers to questions the
 * exam does not ask are left out, so the saved entry always reads back.
 */
export function withExam(record: ProgressRecord, exam: ExamSnapshot, at: string): ProgressRecord {
  const before = record.exam;
  const same = before !== undefined && before.seed === exam.seed && before.ids.join('\n') === exam.ids.join('\n');
  const saved: UnfinishedExam = {
    started: same ? before.started : at,
    saved: at,
    seed: exam.seed,
    ids: [...exam.ids],
    index: exam.index,
    responses: Object.fromEntries(Object.entries(exam.responses).filter(([id]) => exam.ids.includes(id))),
    clock: { ...exam.clock },
  };
  return { ...record, exam: saved };
}

/** Forgets the unfinished exam (it was handed in or discarded). */
export function withoutExam(record: ProgressRecord): ProgressRecord {
  if (record.exam === undefined) return record;
  const { exam: _exam, ...rest } = record;
  return rest;
}

/**
 * Saves the reader's work on a design exercise (called on every change). Notes longer than
 * MAX_NOTE_LENGTH are cut and repeated ids dropped, so the saved entry always reads back.
 */
export function withDesignWork(record: ProgressRecord, exerciseId: string, work: DesignWork): ProgressRecord {
  const unique = <T,>(list: readonly T[]): T[] => [...new Set(list)];
  const notes: DesignWork['notes'] = {};
  for (const [step, text] of Object.entries(work.notes) as [keyof DesignWork['notes'], string | undefined][]) {
    if (typeof text === 'string') notes[step] = text.slice(0, MAX_NOTE_LENGTH);
  }
  const saved: SavedDesignWork = {
    saved: work.saved,
    step: work.step,
    asked: unique(work.asked),
    figures: Object.fromEntries(Object.entries(work.figures).filter(([, v]) => typeof v === 'string').map(([k, v]) => [k, (v as string).slice(0, 40)])),
    components: unique(work.components),
    mechanisms: Object.fromEntries(Object.entries(work.mechanisms).filter(([, v]) => v !== undefined)),
    ranking: unique(work.ranking),
    notes,
    revealed: unique(work.revealed),
    rubric: unique(work.rubric),
  };
  if (work.interview) saved.interview = { ...work.interview };
  return { ...record, designs: { ...record.designs, [exerciseId]: saved } };
}

/** The reader's saved work on a design exercise, or null when there is none. */
export function designWork(record: ProgressRecord, exerciseId: string): DesignWork | null {
  const saved = record.designs?.[exerciseId];
  if (!saved) return null;
  const { interview, ...rest } = saved;
  return interview ? { ...rest, interview: { ...interview } } : rest;
}

/** Forgets the reader's work on a design exercise. */
export function withoutDesignWork(record: ProgressRecord, exerciseId: string): ProgressRecord {
  if (!record.designs || !(exerciseId in record.designs)) return record;
  const designs = { ...record.designs };
  delete designs[exerciseId];
  return { ...record, designs };
}

/** The unfinished exam, or null. */
export function unfinishedExam(record: ProgressRecord): UnfinishedExam | null {
  return record.exam ?? null;
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

/**
 * How long after it was last answered right a seeded card falls due: two days, what the scheduler
 * gives a first right answer (`review.test.ts` checks the two agree). A seeded question last
 * answered wrong is due from the moment it was missed.
 */
export const SEED_KNOWN_AFTER_MS = 2 * 24 * 60 * 60 * 1000;

/**
 * Review cards for progress saved before cards existed (versions 2 and 3): one per question the
 * record shows answered, in attempts, unfinished rounds or `missed`. The latest answer decides
 * (a wrong one wins a tie): missed questions are due from when they were missed, so an existing
 * reader has reviews at once; known ones fall due SEED_KNOWN_AFTER_MS after. Seeded cards are
 * `new` to the scheduler, since their history holds no review it could replay. Answers that name
 * no `bankId/questionId` are skipped. No clock: every instant comes from the record.
 */
export function seedCards(record: Omit<ProgressRecord, 'version' | 'cards'>): Record<string, ReviewCard> {
  const latest = new Map<string, { at: string; t: number; correct: boolean }>();
  // Instants are compared as times, not text: `…00Z` and `…00.000Z` are the same moment.
  const saw = (key: string, at: string, correct: boolean) => {
    // A mixed set's answer without a bank in its id cannot name a question: no card for it.
    if (!CARD_KEY_PATTERN.test(key) || key.startsWith(`${PRACTICE_BANK_ID}/`)) return;
    const t = Date.parse(at);
    const before = latest.get(key);
    if (!before || t > before.t || (t === before.t && !correct)) latest.set(key, { at, t, correct });
  };
  for (const [bank, quiz] of Object.entries(record.quizzes)) {
    for (const attempt of quiz.attempts) for (const [id, a] of Object.entries(attempt.answers)) saw(questionKey(bank, id), attempt.at, a.correct);
  }
  for (const [bank, round] of Object.entries(record.rounds)) {
    for (const [id, a] of Object.entries(round.answers)) saw(questionKey(bank, id), round.saved, a.correct);
  }
  for (const [key, m] of Object.entries(record.missed)) saw(key, m.at, false);
  const cards: Record<string, ReviewCard> = {};
  for (const [key, { at, correct }] of [...latest].sort(([a], [b]) => a.localeCompare(b))) {
    const due = correct ? new Date(Date.parse(at) + SEED_KNOWN_AFTER_MS).toISOString() : at;
    cards[key] = { due, stability: 0, difficulty: 0, reps: 0, lapses: 0, state: 'new', step: 0, lastReview: null };
  }
  return cards;
}
