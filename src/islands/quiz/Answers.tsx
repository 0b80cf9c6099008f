/**
 * The answer controls inside a question's fieldset: radio buttons, checkboxes, or an ordering
 * list moved with buttons (never drag only). Controls report responses up; they do not grade.
 * Once checked they are disabled, and each option shows a mark (icon and words) from `grade.ts`.
 */
import { useRef } from 'react';
import type { Question } from '../../schemas/quiz.ts';
import { optionMarks, type Response } from './grade.ts';
import { Inline } from './Inline.tsx';
import { plainInline } from './inline.ts';

type Choice = Extract<Question, { kind: 'single' | 'multiple' }>;
type Ordering = Extract<Question, { kind: 'ordering' }>;

interface ChoiceProps {
  question: Choice;
  response: Response | undefined;
  checked: boolean;
  onChange: (r: Response) => void;
}

export function ChoiceOptions({ question, response, checked, onChange }: ChoiceProps) {
  const marks = checked ? optionMarks(question, response) : [];
  const multiple = question.kind === 'multiple';
  const chosen = response?.kind === 'single' ? [response.choice] : response?.kind === 'multiple' ? response.choices : [];
  const pick = (i: number, on: boolean) =>
    onChange(multiple ? { kind: 'multiple', choices: on ? [...chosen.filter((c): c is number => c !== null), i] : chosen.filter((c): c is number => c !== null && c !== i) } : { kind: 'single', choice: i });
  return (
    <ul className="cl-quiz__options">
      {question.options.map((option, i) => {
        const mark = marks[i];
        const state = mark ? (mark.right ? 'right' : mark.chosen ? 'wrong' : 'neutral') : undefined;
        return (
          <li key={i} className="cl-quiz__option" data-mark={state}>
            <label>
              <input
                type={multiple ? 'checkbox' : 'radio'}
                name={`cl-quiz-${question.id}`}
                checked={chosen.includes(i)}
                disabled={checked}
                onChange={(e) => pick(i, e.currentTarget.checked)}
                data-testid="quiz-option"
                data-option-index={i}
              />
              <span>
                <Inline text={option.text} />
              </span>
              {state === 'right' && <span className="cl-quiz__tag">✓ Right answer</span>}
              {state === 'wrong' && <span className="cl-quiz__tag">✗ Your choice</span>}
            </label>
          </li>
        );
      })}
    </ul>
  );
}

interface OrderingProps {
  question: Ordering;
  order: number[];
  checked: boolean;
  onChange: (r: Response) => void;
  announce: (message: string) => void;
}

export function OrderingList({ question, order, checked, onChange, announce }: OrderingProps) {
  const list = useRef<HTMLOListElement>(null);
  const move = (from: number, to: number) => {
    const next = [...order];
    [next[from], next[to]] = [next[to], next[from]];
    onChange({ kind: 'ordering', order: next });
    announce(`Moved “${plainInline(question.items[order[from]])}” to position ${to + 1} of ${order.length}.`);
    // Keep focus with the moved item; if it reached an end, its button in that direction is now disabled.
    requestAnimationFrame(() => {
      const row = list.current?.children[to];
      const same = row?.querySelector<HTMLButtonElement>(to < from ? '[data-move="up"]' : '[data-move="down"]');
      const other = row?.querySelector<HTMLButtonElement>(to < from ? '[data-move="down"]' : '[data-move="up"]');
      (same && !same.disabled ? same : other)?.focus();
    });
  };
  return (
    <ol className="cl-quiz__ordering" ref={list}>
      {order.map((item, i) => {
        const label = plainInline(question.items[item]);
        const inPlace = item === i;
        return (
          <li key={item} className="cl-quiz__order-item" data-testid="quiz-order-item" data-mark={checked ? (inPlace ? 'right' : 'wrong') : undefined}>
            <span className="cl-quiz__order-pos" aria-hidden="true">{i + 1}</span>
            <span className="cl-quiz__order-text">
              <Inline text={question.items[item]} />
              {checked && <span className="cl-quiz__tag">{inPlace ? '✓ In the right place' : `✗ Belongs at position ${item + 1}`}</span>}
            </span>
            {!checked && (
              <span className="cl-quiz__move">
                <button type="button" data-move="up" data-testid="quiz-move-up" disabled={i === 0} aria-label={`Move “${label}” up`} onClick={() => move(i, i - 1)}>
                  <span aria-hidden="true">↑</span>
                </button>
                <button type="button" data-move="down" data-testid="quiz-move-down" disabled={i === order.length - 1} aria-label={`Move “${label}” down`} onClick={() => move(i, i + 1)}>
                  <span aria-hidden="true">↓</span>
                </button>
              </span>
            )}
          </li>
        );
      })}
    </ol>
  );
}
