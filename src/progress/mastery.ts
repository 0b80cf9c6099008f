/**
 * Mastery per learning objective, computed from the saved progress record: for each objective of a
 * lesson, how many of the questions that test it the reader has answered, how many of those were
 * right on their latest answer, and a level (not started, learning, mastered).
 *
 * Pure and read-only: record in, view model out. It never changes or saves the record, touches
 * storage, the clock or the DOM. Mastery is never stored; it is recomputed from answers, so
 * rewording or reordering objectives (questions name them by id) loses nothing.
 *
 * Where answers come from: every finished attempt (`quizzes`) and every unfinished round
 * (`rounds`), whatever it was saved under: a lesson's bank (`two-phase-commit`), one of its
 * checkpoints (`two-phase-commit__phases`, see `checkpointQuizId`), or a mixed set whose answers
 * are keyed `bankId/questionId` (practice, reviews, exams). An attempt's answers are dated by the
 * attempt; an unfinished round's by its last save, the closest instant the record keeps.
 */
import type { ProgressRecord } from './record.ts';
import { CHECKPOINT_SEPARATOR, questionKey as answerKey } from './record.ts';

/** How far the reader has got with one objective. */
export type MasteryLevel = 'not-started' | 'learning' | 'mastered';

/**
 * Answers needed before an objective can count as mastered (or all of its questions, when it has
 * fewer): one lucky answer should not master an objective tested by eight questions.
 */
export const MASTERY_MIN_ANSWERED = 3;

/** Separates a bank id from a checkpoint's name in the id a checkpoint saves under. */
export { CHECKPOINT_SEPARATOR } from './record.ts';

/** One question as mastery needs it: where it lives and which objectives (ids) it tests. */
export interface MasteryQuestion {
  /** Bank id (file name in `content/quizzes/`). */
  bank: string;
  /** Question id within the bank. */
  id: string;
  /** Ids of the lesson objectives it tests. */
  objectives: readonly string[];
}

/** One objective as mastery needs it. */
export interface MasteryObjective {
  id: string;
  text: string;
}

export interface ObjectiveMastery {
  id: string;
  text: string;
  /** Questions that test this objective. */
  questions: number;
  /** Of those, how many the reader has answered at least once. */
  answered: number;
  /** Of those answered, how many were right on their latest answer. */
  right: number;
  level: MasteryLevel;
}

export interface LessonMastery {
  lesson: string;
  objectives: ObjectiveMastery[];
  /** How many objectives are mastered. */
  mastered: number;
}

/**
 * The id a checkpoint saves its rounds and attempts under: `<bank>__<name>`, so a checkpoint's
 * round never clashes with the end-of-lesson quiz's. Bank ids and checkpoint names are kebab-case
 * (content tests check), so the separator cannot occur inside either.
 */
export function checkpointQuizId(bank: string, name: string): string {
  return `${bank}${CHECKPOINT_SEPARATOR}${name}`;
}

/** The bank a saved quiz id belongs to, and an answer's `bankId/questionId` key: one definition, in record.ts. */
export { quizBank as bankOfQuizId, questionKey as answerKey } from './record.ts';

/** The latest answer to each question in the record, by `bankId/questionId`. */
export function latestAnswers(record: ProgressRecord): Map<string, { at: number; correct: boolean }> {
  const latest = new Map<string, { at: number; correct: boolean }>();
  const saw = (key: string, at: string, correct: boolean) => {
    const t = Date.parse(at);
    if (Number.isNaN(t)) return;
    const before = latest.get(key);
    // On a tie the wrong answer wins: claiming mastery on a coin toss would flatter the reader.
    if (!before || t > before.at || (t === before.at && !correct)) latest.set(key, { at: t, correct });
  };
  for (const [quizId, quiz] of Object.entries(record.quizzes ?? {})) {
    for (const attempt of quiz.attempts) for (const [id, a] of Object.entries(attempt.answers)) saw(answerKey(quizId, id), attempt.at, a.correct);
  }
  for (const [quizId, round] of Object.entries(record.rounds ?? {})) {
    for (const [id, a] of Object.entries(round.answers)) saw(answerKey(quizId, id), round.saved, a.correct);
  }
  return latest;
}

/**
 * The level for counts of one objective. Mastered: at least MASTERY_MIN_ANSWERED of its questions
 * answered (all of them, if it has fewer) and every answered one right on its latest answer.
 * Learning: something answered, but not that. Not started: nothing answered.
 */
export function masteryLevel(questions: number, answered: number, right: number): MasteryLevel {
  if (answered === 0) return 'not-started';
  return answered >= Math.min(MASTERY_MIN_ANSWERED, questions) && right === answered ? 'mastered' : 'learning';
}

/**
 * Mastery of each objective of `lessonId`, in the objectives' order. `questions` are the lesson's
 * questions (from its banks); a question naming an objective the lesson does not have is ignored
 * here (the content tests reject it), and an objective no question tests stays not started.
 */
export function masteryByObjective(
  record: ProgressRecord,
  lessonId: string,
  objectives: readonly MasteryObjective[],
  questions: readonly MasteryQuestion[],
): LessonMastery {
  const latest = latestAnswers(record);
  const views = objectives.map(({ id, text }) => {
    const mine = questions.filter((q) => q.objectives.includes(id));
    const answers = mine.flatMap((q) => latest.get(`${q.bank}/${q.id}`) ?? []);
    const answered = answers.length;
    const right = answers.filter((a) => a.correct).length;
    return { id, text, questions: mine.length, answered, right, level: masteryLevel(mine.length, answered, right) };
  });
  return { lesson: lessonId, objectives: views, mastered: views.filter((v) => v.level === 'mastered').length };
}

/**
 * The questions of a lesson's banks as mastery needs them. Pass the site's banks (for instance
 * `getCollection('quizzes')` mapped to `{ id, data }`); only those whose `lesson` is `lessonId` count.
 */
export function masteryQuestions(
  banks: readonly { id: string; data: { lesson: string | null; questions: readonly { id: string; objectives: readonly string[] }[] } }[],
  lessonId: string,
): MasteryQuestion[] {
  return banks
    .filter((b) => b.data.lesson === lessonId)
    .flatMap((b) => b.data.questions.map((q) => ({ bank: b.id, id: q.id, objectives: [...q.objectives] })));
}
