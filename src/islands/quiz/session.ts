/**
 * One round of a quiz as a pure state machine: which questions, which one is showing, what the
 * reader has answered, hints taken, grades. The island dispatches actions and renders the state;
 * this module decides every transition and computes the end-of-round summary and the attempt
 * to save. No React, no DOM, no storage, no clock (the caller passes the time).
 */
import type { Difficulty, Question } from '../../schemas/quiz.ts';
import type { QuestionOutcome, QuizAttempt } from '../../progress/record.ts';
import { grade, isAnswered, type Graded, type Response } from './grade.ts';
import { initialOrder } from './shuffle.ts';

export interface Session {
  /** Question ids in this round, in the order they are asked. */
  ids: string[];
  index: number;
  /** `answering` until checked; `checked` shows feedback; `done` shows the result. */
  phase: 'answering' | 'checked' | 'done';
  responses: Record<string, Response>;
  hinted: Record<string, boolean>;
  graded: Record<string, Graded>;
  /** Set when the reader pressed Check with nothing chosen. */
  needsAnswer: boolean;
}

export type Action =
  | { type: 'respond'; id: string; response: Response }
  | { type: 'hint'; id: string }
  | { type: 'check'; question: Question }
  | { type: 'simulated'; question: Question; correct: boolean; response: string }
  | { type: 'next' }
  | { type: 'restart'; ids: string[]; questions: Record<string, Question> };

/** The response a question starts with: nothing chosen, or an ordering in its seeded shuffle. */
export function blankResponse(question: Question): Response | undefined {
  if (question.kind === 'single') return { kind: 'single', choice: null };
  if (question.kind === 'multiple') return { kind: 'multiple', choices: [] };
  if (question.kind === 'ordering') return { kind: 'ordering', order: initialOrder(question.id, question.items.length) };
  return undefined;
}

export function startSession(ids: string[], questions: Record<string, Question>): Session {
  const responses: Record<string, Response> = {};
  for (const id of ids) {
    const blank = blankResponse(questions[id]);
    if (blank) responses[id] = blank;
  }
  return { ids, index: 0, phase: ids.length === 0 ? 'done' : 'answering', responses, hinted: {}, graded: {}, needsAnswer: false };
}

export function currentId(s: Session): string | null {
  return s.phase === 'done' ? null : (s.ids[s.index] ?? null);
}

export function reduce(s: Session, action: Action): Session {
  const id = currentId(s);
  switch (action.type) {
    case 'respond':
      if (action.id !== id || s.phase !== 'answering') return s;
      return { ...s, responses: { ...s.responses, [id]: action.response }, needsAnswer: false };
    case 'hint':
      return action.id === id && s.phase === 'answering' ? { ...s, hinted: { ...s.hinted, [id]: true } } : s;
    case 'check': {
      if (action.question.id !== id || s.phase !== 'answering') return s;
      const response = s.responses[id];
      if (!response || !isAnswered(response)) return { ...s, needsAnswer: true };
      return { ...s, phase: 'checked', graded: { ...s.graded, [id]: grade(action.question, response) } };
    }
    case 'simulated': {
      if (action.question.id !== id || s.phase !== 'answering') return s;
      const response: Response = { kind: 'simulation', correct: action.correct, response: action.response };
      return { ...s, phase: 'checked', responses: { ...s.responses, [id]: response }, graded: { ...s.graded, [id]: grade(action.question, response) } };
    }
    case 'next':
      if (s.phase !== 'checked') return s;
      return s.index + 1 < s.ids.length ? { ...s, index: s.index + 1, phase: 'answering', needsAnswer: false } : { ...s, phase: 'done' };
    case 'restart':
      return startSession(action.ids, action.questions);
  }
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
