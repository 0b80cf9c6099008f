/**
 * One round of a quiz as pure data and pure steps: which questions, which one is showing, the
 * round's shuffle seed, what the reader has answered, hints taken, grades. The round machine
 * (`round-machine.ts`) uses these functions as its assign actions and guards, and decides which
 * step may happen in which phase; this module computes each step, the display order of options,
 * the round as it is saved and resumed, the end-of-round summary and the attempt to save.
 * No React, no DOM, no storage, no clock and no randomness (the caller passes seeds and times).
 */
import type { Difficulty, Question } from '../../schemas/quiz.ts';
import type { AnswerRecord, QuestionOutcome, QuizAttempt, RoundSnapshot, UnfinishedRound } from '../../progress/record.ts';
import { grade, isAnswered, type Graded, type Response } from './grade.ts';
import { initialOrder, optionOrder } from './shuffle.ts';

export interface Session {
  /** Question ids in this round, in the order they are asked. */
  ids: string[];
  /** The round's shuffle seed: option order and ordering starts derive from it and the question id. */
  seed: string;
  /** The question showing (the last one once the round is done). */
  index: number;
  /** Responses by question id, always in bank indices (never display positions). */
  responses: Record<string, Response>;
  hinted: Record<string, boolean>;
  /** Grades by question id. A question is checked, and its answer locked, once it has one. */
  graded: Record<string, Graded>;
  /** Set when the reader pressed Check with nothing chosen. */
  needsAnswer: boolean;
}

/** The response a question starts with: nothing chosen, or an ordering in the round's shuffle. */
export function blankResponse(question: Question, seed: string): Response | undefined {
  if (question.kind === 'single') return { kind: 'single', choice: null };
  if (question.kind === 'multiple' || question.kind === 'history') return { kind: 'multiple', choices: [] };
  if (question.kind === 'ordering') return { kind: 'ordering', order: initialOrder(seed, question.id, question.items.length) };
  return undefined;
}

function blankResponses(ids: readonly string[], questions: Record<string, Question>, seed: string): Record<string, Response> {
  const responses: Record<string, Response> = {};
  for (const id of ids) {
    const blank = questions[id] && blankResponse(questions[id], seed);
    if (blank) responses[id] = blank;
  }
  return responses;
}

/** A new round over `ids` (unknown ids are left out), shuffled by `seed`. */
export function startSession(ids: readonly string[], questions: Record<string, Question>, seed: string): Session {
  const asked = ids.filter((id) => questions[id] !== undefined);
  return { ids: asked, seed, index: 0, responses: blankResponses(asked, questions, seed), hinted: {}, graded: {}, needsAnswer: false };
}

export function currentId(s: Session): string | null {
  return s.ids[s.index] ?? null;
}

/** Whether the question showing has been checked (its feedback is showing). */
export function isChecked(s: Session): boolean {
  const id = currentId(s);
  return id !== null && s.graded[id] !== undefined;
}

/** Whether the question showing is the round's last. */
export function isLast(s: Session): boolean {
  return s.index >= s.ids.length - 1;
}

/** Whether every question of the round has been checked. */
export function isFinished(s: Session): boolean {
  return s.ids.every((id) => s.graded[id] !== undefined);
}

export function answeredCount(s: Session): number {
  return s.ids.filter((id) => s.graded[id] !== undefined).length;
}

/** Whether there is something to check on the question showing. */
export function canCheck(s: Session): boolean {
  const id = currentId(s);
  return id !== null && !isChecked(s) && isAnswered(s.responses[id]);
}

/** The reader changed their answer to the question showing. Ignored for any other question or once checked. */
export function respond(s: Session, id: string, response: Response): Session {
  if (id !== currentId(s) || isChecked(s)) return s;
  return { ...s, responses: { ...s.responses, [id]: response }, needsAnswer: false };
}

export function takeHint(s: Session, id: string): Session {
  return id === currentId(s) && !isChecked(s) ? { ...s, hinted: { ...s.hinted, [id]: true } } : s;
}

/** Grades the question showing; with nothing chosen yet, asks for an answer instead. */
export function check(s: Session, question: Question): Session {
  const id = currentId(s);
  if (id === null || question.id !== id || isChecked(s)) return s;
  const response = s.responses[id];
  if (!response || !isAnswered(response)) return { ...s, needsAnswer: true };
  return { ...s, needsAnswer: false, graded: { ...s.graded, [id]: grade(question, response) } };
}

/** Takes a simulation's verdict for the question showing (predict and break-it). */
export function settleSimulated(s: Session, question: Question, verdict: { correct: boolean; response: string; choice?: number }): Session {
  const id = currentId(s);
  if (id === null || question.id !== id || isChecked(s)) return s;
  const response: Response = { kind: 'simulation', ...verdict };
  return { ...s, responses: { ...s.responses, [id]: response }, graded: { ...s.graded, [id]: grade(question, response) } };
}

/** On to the next question (only from a checked one that is not the last). */
export function advance(s: Session): Session {
  if (!isChecked(s) || isLast(s)) return s;
  return { ...s, index: s.index + 1, needsAnswer: false };
}

/**
 * The order in which this round shows a question's options, as bank indices (`order[position]`);
 * empty for kinds without options. Derived from the seed, so a resumed round shows the same order.
 */
export function displayOrder(s: Pick<Session, 'seed'>, question: Question): number[] {
  if (question.kind !== 'single' && question.kind !== 'multiple' && question.kind !== 'predict' && question.kind !== 'history') return [];
  return optionOrder(s.seed, question.id, question.options.length);
}

/** The answers checked so far, as saved records. */
function answerRecords(s: Session): Record<string, AnswerRecord> {
  const answers: Record<string, AnswerRecord> = {};
  for (const id of s.ids) {
    const g = s.graded[id];
    if (g) answers[id] = { correct: g.correct, response: g.response, hinted: s.hinted[id] === true };
  }
  return answers;
}

/** The round as the progress record keeps it while unfinished. */
export function toSnapshot(s: Session): RoundSnapshot {
  return { seed: s.seed, ids: [...s.ids], answers: answerRecords(s) };
}

/**
 * A saved unfinished round, ready to continue: its order, seed and checked answers as saved, at
 * its first unanswered question (or its last, when every answer is in and only the result is
 * left). Questions the bank no longer has are left out, with their answers. Null when nothing of
 * the round is left to ask.
 */
export function resumeSession(saved: Pick<UnfinishedRound, 'seed' | 'ids' | 'answers'>, questions: Record<string, Question>): Session | null {
  const ids = saved.ids.filter((id) => questions[id] !== undefined);
  if (ids.length === 0) return null;
  const graded: Record<string, Graded> = {};
  const hinted: Record<string, boolean> = {};
  for (const id of ids) {
    const a = saved.answers[id];
    if (!a) continue;
    graded[id] = { correct: a.correct, response: a.response };
    if (a.hinted) hinted[id] = true;
  }
  const open = ids.findIndex((id) => graded[id] === undefined);
  const responses = blankResponses(
    ids.filter((id) => graded[id] === undefined),
    questions,
    saved.seed,
  );
  return { ids, seed: saved.seed, index: open === -1 ? ids.length - 1 : open, responses, hinted, graded, needsAnswer: false };
}

export interface Summary {
  score: number;
  total: number;
  hintsUsed: number;
  /** Per difficulty present in the round, easy to hard. */
  byDifficulty: { difficulty: Difficulty; right: number; total: number }[];
  /** Ids answered wrong, in the order asked. */
  missed: string[];
}

const DIFFICULTIES: Difficulty[] = ['easy', 'medium', 'hard'];

export function summarize(s: Session, questions: Record<string, Question>): Summary {
  const right = (id: string) => s.graded[id]?.correct === true;
  const byDifficulty = DIFFICULTIES.map((difficulty) => {
    const ids = s.ids.filter((id) => questions[id]?.difficulty === difficulty);
    return { difficulty, right: ids.filter(right).length, total: ids.length };
  }).filter((d) => d.total > 0);
  return {
    score: s.ids.filter(right).length,
    total: s.ids.length,
    hintsUsed: s.ids.filter((id) => s.hinted[id]).length,
    byDifficulty,
    missed: s.ids.filter((id) => !right(id)),
  };
}

/** The finished round as a saved attempt. */
export function toAttempt(s: Session, at: string): QuizAttempt {
  const answers: QuizAttempt['answers'] = {};
  for (const id of s.ids) {
    const g = s.graded[id] ?? { correct: false, response: '' };
    answers[id] = { correct: g.correct, response: g.response, hinted: s.hinted[id] === true };
  }
  const score = s.ids.filter((id) => s.graded[id]?.correct).length;
  return { at, score, total: s.ids.length, answers };
}

/**
 * Where each question lives, for the missed list. In a lesson quiz ids are the bank's own; in a
 * practice set they are `bankId/questionId`, so the bank is taken from the id.
 */
export function outcomes(s: Session, bankId: string, practice: boolean): QuestionOutcome[] {
  return s.ids.map((id) => {
    const slash = id.indexOf('/');
    const [bank, question] = practice && slash > 0 ? [id.slice(0, slash), id.slice(slash + 1)] : [bankId, id];
    return { bank, question, correct: s.graded[id]?.correct === true };
  });
}
