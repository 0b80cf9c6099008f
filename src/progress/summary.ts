/**
 * What the "Your progress" page shows, computed from the record and a catalog of the site's
 * banks and lessons (built into the page at build time): the dashboard (per lesson: finished or
 * not, best quiz score, reviews due; where to continue; reviews due overall), quiz attempts and
 * missed questions. Pure, with the instant passed in: the page script only renders this.
 * Anything the record names that the site no longer has is still listed, by its id, so nothing
 * saved is hidden from the reader.
 */
import type { ProgressRecord } from '../schemas/progress.ts';
import { PRACTICE_BANK_ID } from './constants.ts';
import { dueKeys } from './due.ts';
import { lessonStatus, quizBank, type LessonStatus } from './record.ts';

/** Build-time facts about the site that the record refers to by id. */
export interface Catalog {
  /** Every page of the course, in course order. `practice` marks practice pages, which are not lessons. */
  lessons: Record<string, { title: string; href: string; practice?: boolean; objectives?: { id: string; text: string }[] }>;
  banks: Record<
    string,
    { title: string; lesson: string | null; questions: Record<string, { prompt: string; lessons: string[]; objectives?: string[] }> }
  >;
  /** Where the mixed practice set lives. */
  practiceHref: string;
  /** Design exercises by id: the page that embeds each and its step titles in order. Absent in catalogs built before exercises existed. */
  designs?: Record<string, { title: string; lesson: string; steps: { id: string; title: string }[] }>;
}

export interface LessonLinkView {
  title: string;
  href: string;
}

export interface QuizView {
  bankId: string;
  title: string;
  link: LessonLinkView | null;
  /** Newest first. */
  attempts: { at: string; score: number; total: number }[];
}

export interface MissedView {
  key: string;
  at: string;
  /** The question's prompt (inline Markdown), or a sentence saying it is gone from the site. */
  prompt: string;
  bankTitle: string;
  lessons: LessonLinkView[];
}

export interface ProgressView {
  lessonsVisited: number;
  lessonsFinished: number;
  quizzes: QuizView[];
  missed: MissedView[];
}

function quizView(bankId: string, attempts: ProgressRecord['quizzes'][string]['attempts'], catalog: Catalog): QuizView {
  const bank = catalog.banks[bankId];
  const practice = bankId === PRACTICE_BANK_ID;
  const lesson = bank?.lesson ? catalog.lessons[bank.lesson] : undefined;
  return {
    bankId,
    title: practice ? 'Mixed practice' : (bank?.title ?? `Quiz “${bankId}” (no longer on the site)`),
    link: practice ? { title: 'Practice questions', href: catalog.practiceHref } : lesson ? { title: lesson.title, href: lesson.href } : null,
    attempts: [...attempts].reverse().map(({ at, score, total }) => ({ at, score, total })),
  };
}

function missedView(key: string, entry: ProgressRecord['missed'][string], catalog: Catalog): MissedView {
  const bank = catalog.banks[entry.bank];
  const question = bank?.questions[entry.question];
  const lessonIds = question ? (question.lessons.length > 0 ? question.lessons : bank.lesson ? [bank.lesson] : []) : [];
  return {
    key,
    at: entry.at,
    prompt: question?.prompt ?? `A question that is no longer on the site (${key}).`,
    bankTitle: bank?.title ?? entry.bank,
    lessons: lessonIds.flatMap((id) => (catalog.lessons[id] ? [catalog.lessons[id]] : [])),
  };
}

export function progressView(record: ProgressRecord, catalog: Catalog): ProgressView {
  const lessons = Object.values(record.lessons);
  return {
    lessonsVisited: lessons.length,
    lessonsFinished: lessons.filter((l) => l.finished).length,
    quizzes: Object.entries(record.quizzes)
      .filter(([, q]) => q.attempts.length > 0)
      .map(([id, q]) => quizView(id, q.attempts, catalog))
      .sort((a, b) => b.attempts[0].at.localeCompare(a.attempts[0].at)),
    missed: Object.entries(record.missed)
      .map(([key, m]) => missedView(key, m, catalog))
      .sort((a, b) => b.at.localeCompare(a.at)),
  };
}

/** One lesson's row on the dashboard. */
export interface LessonRow {
  id: string;
  title: string;
  href: string;
  status: LessonStatus;
  /** The best score among the lesson quiz's fullest attempts (so a one-question retry does not count as a best), or null. */
  best: { score: number; total: number } | null;
  /** The newest attempt at the lesson's quiz, or null. */
  last: { score: number; total: number; at: string } | null;
  /** Reviews due now among the questions that teach this lesson. */
  due: number;
  /**
   * A sentence when the reader's "finished" and the quiz disagree (marked finished, but the last
   * quiz was under half right), else null. Finished stays the reader's call; this only says so.
   */
  note: string | null;
}

/** Where to pick up: an unfinished quiz round or the lesson last opened and not finished. */
export interface ContinueView {
  kind: 'round' | 'lesson' | 'design';
  href: string;
  /** "Continue: question 5 of 24 in “Two-phase commit”", "Continue reading “CAP”". */
  label: string;
  at: string;
}

export interface DashboardView {
  lessons: LessonRow[];
  continueAt: ContinueView | null;
  /** Reviews due now, over every question the site has. */
  due: number;
  /** Where a review session starts. */
  reviewHref: string;
}

/** Below this share right, a finished lesson's last quiz is said to disagree. */
export const DISAGREE_BELOW = 0.5;

/** Every question key the site has, with the lessons it teaches (its own, else its bank's). */
function questionLessons(catalog: Catalog): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [bankId, bank] of Object.entries(catalog.banks)) {
    for (const [id, q] of Object.entries(bank.questions)) out.set(`${bankId}/${id}`, q.lessons.length > 0 ? q.lessons : bank.lesson ? [bank.lesson] : []);
  }
  return out;
}

function bestOf(attempts: { score: number; total: number }[]): LessonRow['best'] {
  if (attempts.length === 0) return null;
  const fullest = Math.max(...attempts.map((a) => a.total));
  const score = Math.max(...attempts.filter((a) => a.total === fullest).map((a) => a.score));
  return { score, total: fullest };
}

function lessonRow(record: ProgressRecord, catalog: Catalog, id: string, due: readonly string[], lessonsOf: Map<string, string[]>): LessonRow {
  const lesson = catalog.lessons[id];
  const banks = Object.entries(catalog.banks).filter(([, b]) => b.lesson === id).map(([bankId]) => bankId);
  const attempts = banks.flatMap((b) => record.quizzes[b]?.attempts ?? []);
  const newest = [...attempts].sort((a, b) => Date.parse(a.at) - Date.parse(b.at)).at(-1);
  const status = lessonStatus(record, id);
  const last = newest ? { score: newest.score, total: newest.total, at: newest.at } : null;
  const note =
    status === 'finished' && last && last.score < last.total * DISAGREE_BELOW
      ? `You marked this finished, but your last quiz on it had ${last.score} of ${last.total} right. The reviews will bring its questions back.`
      : null;
  return {
    id,
    title: lesson.title,
    href: lesson.href,
    status,
    best: bestOf(attempts),
    last,
    due: due.filter((k) => lessonsOf.get(k)?.includes(id)).length,
    note,
  };
}

/** The first unanswered question of a saved round (1-based), as the quiz would continue it. */
function roundPosition(round: ProgressRecord['rounds'][string]): number {
  const open = round.ids.findIndex((id) => round.answers[id] === undefined);
  return open === -1 ? round.ids.length : open + 1;
}

function continueAt(record: ProgressRecord, catalog: Catalog): ContinueView | null {
  const options: ContinueView[] = [];
  for (const [quizId, round] of Object.entries(record.rounds)) {
    // A checkpoint's round (`bank__name`) continues on its bank's lesson.
    const bank = catalog.banks[quizBank(quizId)];
    const lesson = bank?.lesson ? catalog.lessons[bank.lesson] : undefined;
    const target = quizId === PRACTICE_BANK_ID ? { title: 'Practice questions', href: catalog.practiceHref } : lesson;
    if (!target) continue;
    const where = quizId === PRACTICE_BANK_ID ? 'your practice set' : `the quiz on “${target.title}”`;
    options.push({ kind: 'round', href: target.href, label: `Continue: question ${roundPosition(round)} of ${round.ids.length} in ${where}`, at: round.saved });
  }
  for (const [exerciseId, work] of Object.entries(record.designs ?? {})) {
    const design = catalog.designs?.[exerciseId];
    const lesson = design ? catalog.lessons[design.lesson] : undefined;
    const at = design?.steps.findIndex((s) => s.id === work.step) ?? -1;
    if (!design || !lesson || at < 0) continue;
    options.push({ kind: 'design', href: lesson.href, label: `Continue the design exercise: step ${at + 1} of ${design.steps.length}, “${design.steps[at].title}”`, at: work.saved });
  }
  for (const [id, entry] of Object.entries(record.lessons)) {
    const lesson = catalog.lessons[id];
    if (!lesson || lesson.practice || entry.finished) continue;
    options.push({ kind: 'lesson', href: lesson.href, label: `Continue reading “${lesson.title}”`, at: entry.visited });
  }
  // The most recent wins; on a tie what holds answers to get back to (a round, then a design) beats reading on.
  const rank = { round: 0, design: 1, lesson: 2 } as const;
  options.sort((a, b) => Date.parse(b.at) - Date.parse(a.at) || rank[a.kind] - rank[b.kind]);
  return options[0] ?? null;
}

/** The dashboard at `now`: lessons in course order (practice pages left out), where to continue, reviews due. */
export function dashboardView(record: ProgressRecord, catalog: Catalog, now: Date): DashboardView {
  const lessonsOf = questionLessons(catalog);
  const due = dueKeys(record, now, new Set(lessonsOf.keys()));
  return {
    lessons: Object.keys(catalog.lessons)
      .filter((id) => !catalog.lessons[id].practice)
      .map((id) => lessonRow(record, catalog, id, due, lessonsOf)),
    continueAt: continueAt(record, catalog),
    due: due.length,
    reviewHref: `${catalog.practiceHref}?source=due#practice-set`,
  };
}

/** Mastery's inputs for one lesson from the catalog: its objectives and its banks' questions. */
export function masteryInputs(catalog: Catalog, lessonId: string): { objectives: { id: string; text: string }[]; questions: { bank: string; id: string; objectives: string[] }[] } {
  const objectives = catalog.lessons[lessonId]?.objectives ?? [];
  const questions = Object.entries(catalog.banks)
    .filter(([, b]) => b.lesson === lessonId)
    .flatMap(([bank, b]) => Object.entries(b.questions).map(([id, q]) => ({ bank, id, objectives: q.objectives ?? [] })));
  return { objectives, questions };
}
