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
  /**
   * A verdict reported by the simulation for predict and break-it questions. `choice` is the
   * option a predict answer picked (its index in the bank), so feedback can say which it was.
   */
  | { kind: 'simulation'; correct: boolean; response: string; choice?: number };

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

/** Grades one response. A multiple-choice (or history) answer is right only when it picks exactly the right set. */
export function grade(question: Question, response: Response): Graded {
  switch (response.kind) {
    case 'single':
      return {
        correct: question.kind === 'single' && response.choice === question.answer,
        response: response.choice === null ? '' : String(response.choice),
      };
    case 'multiple': {
      const chosen = [...new Set(response.choices)].sort((a, b) => a - b);
      return { correct: (question.kind === 'multiple' || question.kind === 'history') && sameSet(chosen, question.answers), response: chosen.join(',') };
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

/**
 * How the reader's decision on one option turned out, after Check.
 *
 * - `chosen-right`: picked (or ticked), and it is right.
 * - `chosen-wrong`: picked (or ticked), and it is wrong.
 * - `missed`: multiple choice: it applies, and the reader left it unticked.
 * - `left-out`: multiple choice: it does not apply, and the reader rightly left it unticked.
 * - `answer`: one-answer kinds: the right answer, which the reader did not pick (their pick
 *   carries the error).
 * - `other`: one-answer kinds: a wrong option the reader did not pick; nothing to mark.
 */
export type OptionVerdict = 'chosen-right' | 'chosen-wrong' | 'missed' | 'left-out' | 'answer' | 'other';

/** One option as the feedback shows it. */
export interface OptionMark {
  /** The option's index in the bank. */
  index: number;
  /** Whether the option belongs to the right answer. */
  right: boolean;
  /** Whether the reader picked it. */
  chosen: boolean;
  verdict: OptionVerdict;
  /**
   * `right` when the reader's decision on this option was right, `wrong` when it was an error
   * (a wrong pick or a missed right answer), `neutral` when there is nothing to judge. The view
   * shows it as words and an icon first, colour second.
   */
  tone: 'right' | 'wrong' | 'neutral';
}

const TONE: Record<OptionVerdict, OptionMark['tone']> = {
  'chosen-right': 'right',
  'chosen-wrong': 'wrong',
  missed: 'wrong',
  'left-out': 'right',
  answer: 'right',
  other: 'neutral',
};

/**
 * Marks for every option of a choice or predict question, in `order` (the round's display order,
 * as bank indices; the bank's order when omitted). An option correctly left unticked in a
 * multiple-choice question is `left-out`, a right decision, never an error.
 */
export function optionMarks(question: Question, response: Response | undefined, order?: readonly number[]): OptionMark[] {
  if (question.kind !== 'single' && question.kind !== 'multiple' && question.kind !== 'predict' && question.kind !== 'history') return [];
  const tickAll = question.kind === 'multiple' || question.kind === 'history';
  const rightSet = tickAll ? question.answers : [question.answer];
  const chosenSet: (number | null | undefined)[] =
    response?.kind === 'single' ? [response.choice] : response?.kind === 'multiple' ? response.choices : response?.kind === 'simulation' ? [response.choice] : [];
  const indices = order && order.length === question.options.length ? order : question.options.map((_, i) => i);
  return indices.map((index) => {
    const right = rightSet.includes(index);
    const chosen = chosenSet.includes(index);
    const verdict: OptionVerdict =
      tickAll
        ? chosen
          ? right ? 'chosen-right' : 'chosen-wrong'
          : right ? 'missed' : 'left-out'
        : chosen
          ? right ? 'chosen-right' : 'chosen-wrong'
          : right ? 'answer' : 'other';
    return { index, right, chosen, verdict, tone: TONE[verdict] };
  });
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
