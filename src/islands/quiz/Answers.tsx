/**
 * The answer controls inside a question's fieldset: radio buttons, checkboxes, or an ordering
 * list moved with buttons (never drag only). Controls report responses up; they do not grade.
 * Options appear in the round's shuffled order but are always reported by their index in the bank.
 * Once checked they are disabled, and each option shows a mark (icon and words) from `grade.ts`.
 */
import { useRef } from 'react';
import type { Question } from '../../schemas/quiz.ts';
import { optionMarks, type OptionVerdict, type Response } from './grade.ts';
import { Inline } from './Inline.tsx';
import { plainInline } from './inline.ts';

type Choice = Extract<Question, { kind: 'single' | 'multiple' | 'history' }>;
type Ordering = Extract<Question, { kind: 'ordering' }>;

interface ChoiceProps {
  question: Choice;
  /** Display order as bank indices; the options are shown in it, and everything reported uses bank indices. */
  order: readonly number[];
  response: Response | undefined;
  checked: boolean;
  onChange: (r: Response) => void;
}

/** The words beside an option after Check: every judged option says so in text, not colour alone. */
export const OPTION_TAG: Record<OptionVerdict, string | null> = {
  'chosen-right': '✓ Your choice, right',
  'chosen-wrong': '✗ Your choice, wrong',
  missed: '✗ Missed: this one applies',
  'left-out': '✓ Right to leave out',
  answer: '✓ Right answer',
  other: null,
};

export function ChoiceOptions({ question, order, response, checked, onChange }: ChoiceProps) {
  const shown = order.length === question.options.length ? order : question.options.map((_, i) => i);
  const marks = new Map(checked ? optionMarks(question, response, shown).map((m) => [m.index, m]) : []);
  const multiple = question.kind === 'multiple' || question.kind === 'history';
  const chosen = response?.kind === 'single' ? [response.choice] : response?.kind === 'multiple' ? response.choices : [];
  const pick = (i: number, on: boolean) =>
    onChange(multiple ? { kind: 'multiple', choices: on ? [...chosen.filter((c): c is number => c !== null), i] : chosen.filter((c): c is number => c !== null && c !== i) } : { kind: 'single', choice: i });
  return (
    <ul className="cl-quiz__options">
      {shown.map((i, position) => {
        const option = question.options[i];
        const mark = marks.get(i);
        const tag = mark ? OPTION_TAG[mark.verdict] : null;
        return (
          <li key={i} className="cl-quiz__option" data-mark={mark?.tone} data-verdict={mark?.verdict}>
            <label>
              <input
                type={multiple ? 'checkbox' : 'radio'}
                name={`cl-quiz-${question.id}`}
                checked={chosen.includes(i)}
                disabled={checked}
                onChange={(e) => pick(i, e.currentTarget.checked)}
                data-testid="quiz-option"
                data-option-index={i}
                data-position={position}
              />
              <span>
                <Inline text={option.text} />
              </span>
              {tag && <span className="cl-quiz__tag">{tag}</span>}
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
