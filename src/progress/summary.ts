/**
 * What the "Your progress" page shows, computed from the record and a catalog of the site's
 * banks and lessons (built into the page at build time). Pure: the page script only renders this.
 * Anything the record names that the site no longer has is still listed, by its id, so nothing
 * saved is hidden from the reader.
 */
import type { ProgressRecord } from '../schemas/progress.ts';
import { PRACTICE_BANK_ID } from './constants.ts';

/** Build-time facts about the site that the record refers to by id. */
export interface Catalog {
  lessons: Record<string, { title: string; href: string }>;
  banks: Record<string, { title: string; lesson: string | null; questions: Record<string, { prompt: string; lessons: string[] }> }>;
  /** Where the mixed practice set lives. */
  practiceHref: string;
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
