/**
 * Grading: a question and the reader's response in, right-or-wrong and a compact record out.
 * Also the per-option and per-item marks the feedback shows, so views never decide correctness.
 * Pure: no React, no DOM, no storage. Simulation-backed kinds are graded by the simulation
 * (SimQuestion reports its verdict), so this module only passes that verdict through.
 */
import type { Question } from '../../schemas/quiz.ts';

/** What the reader has given so far for one question. */
export type Response =
  | { kind: 'single'; choice: number | null }
  | { kind: 'multiple'; choices: number[] }
  /** Indices into the authored (correct) item order, in the order the reader arranged them. */
  | { kind: 'ordering'; order: number[] }
  /** A verdict reported by the simulation for predict and break-it questions. */
  | { kind: 'simulation'; correct: boolean; response: string };

export interface Graded {
  correct: boolean;
  /** Compact, human-checkable record for saved progress: `2`, `0,3`, `2,0,1`, or the simulation's text. */
  response: string;
}

const sameSet = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((v) => b.includes(v));

/** Whether there is anything to check yet (a choice made, a box ticked; an ordering always counts). */
export function isAnswered(response: Response | undefined): boolean {
  if (!response) return false;
  if (response.kind === 'single') return response.choice !== null;
  if (response.kind === 'multiple') return response.choices.length > 0;
  return true;
}

/** Grades one response. A multiple-choice answer is right only when it picks exactly the right set. */
export function grade(question: Question, response: Response): Graded {
  switch (response.kind) {
    case 'single':
      return {
        correct: question.kind === 'single' && response.choice === question.answer,
        response: response.choice === null ? '' : String(response.choice),
      };
    case 'multiple': {
      const chosen = [...new Set(response.choices)].sort((a, b) => a - b);
      return { correct: question.kind === 'multiple' && sameSet(chosen, question.answers), response: chosen.join(',') };
    }
    case 'ordering':
      return {
        correct: question.kind === 'ordering' && response.order.length === question.items.length && response.order.every((v, i) => v === i),
        response: response.order.join(','),
      };
    case 'simulation':
      return { correct: (question.kind === 'predict' || question.kind === 'break-it') && response.correct, response: response.response };
  }
}

/** One option as the feedback shows it. */
export interface OptionMark {
  index: number;
  /** Whether the option belongs to the right answer. */
  right: boolean;
  /** Whether the reader picked it (false when unknown, as for simulation answers). */
  chosen: boolean;
}

/** Marks for every option of a choice or predict question, in authored order. */
export function optionMarks(question: Question, response: Response | undefined): OptionMark[] {
  if (question.kind !== 'single' && question.kind !== 'multiple' && question.kind !== 'predict') return [];
  const rightSet = question.kind === 'multiple' ? question.answers : [question.answer];
  const chosenSet = response?.kind === 'single' ? [response.choice] : response?.kind === 'multiple' ? response.choices : [];
  return question.options.map((_, index) => ({ index, right: rightSet.includes(index), chosen: chosenSet.includes(index) }));
}

/** One item of an ordering answer: where the reader put it and where it belongs (both 1-based). */
export interface ItemMark {
  item: number;
  placed: number;
  belongs: number;
}

export function itemMarks(order: readonly number[]): ItemMark[] {
  return order.map((item, i) => ({ item, placed: i + 1, belongs: item + 1 }));
}
