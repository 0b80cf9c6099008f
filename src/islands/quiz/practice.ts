/**
 * Drawing a mixed practice set from every bank: filtered by lesson and difficulty, questions the
 * reader last missed first, the rest spread across difficulties and then asked easy to hard; or
 * a review session: questions due for review first (most overdue first), filled up with questions
 * never answered from the lessons the reader has finished. Also builds the merged bank the
 * practice island receives. Pure and seeded, so a given seed always draws the same set (the
 * island varies the seed between rounds); due keys and the clock come from the caller.
 */
import type { Difficulty, Question, QuizBank } from '../../schemas/quiz.ts';
import type { ProgressRecord } from '../../schemas/progress.ts';
import { seededShuffle } from './shuffle.ts';

export interface PracticeFilters {
  /** Only questions that a lesson (docs id) teaches, or null for all. */
  lesson: string | null;
  difficulty: Difficulty | null;
}

const RANK: Record<Difficulty, number> = { easy: 0, medium: 1, hard: 2 };
const byDifficulty = (a: Question, b: Question) => RANK[a.difficulty] - RANK[b.difficulty];

/**
 * All banks as one, ids prefixed `bankId/` (the same key the progress store files missed questions
 * under). A question with no `lessons` of its own is credited to its bank's lesson.
 */
export function mergeBanks(banks: { id: string; bank: QuizBank }[], title: string): QuizBank {
  const questions = banks.flatMap(({ id, bank }) =>
    bank.questions.map((q) => ({ ...q, id: `${id}/${q.id}`, lessons: q.lessons.length > 0 ? q.lessons : bank.lesson ? [bank.lesson] : [] })),
  );
  return { title, lesson: null, questions };
}

export function matchesFilters(q: Question, f: PracticeFilters): boolean {
  return (f.lesson === null || q.lessons.includes(f.lesson)) && (f.difficulty === null || q.difficulty === f.difficulty);
}

/** Takes from each difficulty in turn, so a short set still mixes easy, medium and hard. */
function roundRobin(pool: Question[], count: number): Question[] {
  const levels = (['easy', 'medium', 'hard'] as Difficulty[]).map((d) => pool.filter((q) => q.difficulty === d));
  const out: Question[] = [];
  for (let i = 0; out.length < count && levels.some((l) => i < l.length); i++) {
    for (const level of levels) if (i < level.length && out.length < count) out.push(level[i]);
  }
  return out;
}

/** Question ids for one practice round: missed first, then a difficulty mix, each part easy to hard. */
export function drawPractice(questions: Question[], missed: ReadonlySet<string>, filters: PracticeFilters, size: number, seed: string): string[] {
  const pool = seededShuffle(questions.filter((q) => matchesFilters(q, filters)), seed);
  const again = pool.filter((q) => missed.has(q.id)).slice(0, size).sort(byDifficulty);
  const fresh = roundRobin(pool.filter((q) => !missed.has(q.id)), size - again.length).sort(byDifficulty);
  return [...again, ...fresh].map((q) => q.id);
}

/** Where a practice set draws from: a mix with missed questions first, or due reviews then new questions. */
export type PracticeSource = 'mixed' | 'due';

/**
 * The lessons whose new questions may fill a review session: those the reader marked finished,
 * or, before any is finished, those they have opened. Course order is not needed here.
 */
export function reviewLessons(lessons: ProgressRecord['lessons']): Set<string> {
  const finished = Object.keys(lessons).filter((id) => lessons[id].finished);
  return new Set(finished.length > 0 ? finished : Object.keys(lessons));
}

export interface ReviewPlan {
  /** Due questions in the set, most overdue first. */
  due: string[];
  /** New questions (never answered) filling the rest, each part easy to hard. */
  fresh: string[];
}

/**
 * A review session of up to `size` questions. `dueKeys` are the due questions' keys, most overdue
 * first (`due.ts`); `answered` holds every question with a review card, so "new" means never
 * answered; `lessons` are where new ones may come from (`reviewLessons`). Filters narrow both parts.
 */
export function planReview(
  questions: Question[],
  dueKeys: readonly string[],
  answered: ReadonlySet<string>,
  lessons: ReadonlySet<string>,
  filters: PracticeFilters,
  size: number,
  seed: string,
): ReviewPlan {
  const byId = new Map(questions.map((q) => [q.id, q]));
  const due = dueKeys.filter((k) => byId.has(k) && matchesFilters(byId.get(k)!, filters)).slice(0, size);
  const candidates = questions.filter((q) => !answered.has(q.id) && matchesFilters(q, filters) && q.lessons.some((l) => lessons.has(l)));
  const fresh = roundRobin(seededShuffle(candidates, seed), size - due.length).sort(byDifficulty);
  return { due, fresh: fresh.map((q) => q.id) };
}

/** The question ids of a review session, due ones first. */
export function drawReview(...args: Parameters<typeof planReview>): string[] {
  const { due, fresh } = planReview(...args);
  return [...due, ...fresh];
}
