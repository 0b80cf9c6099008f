/**
 * The frame every step shares: its title (focused when the reader moves to the step), goal, the
 * step's own body, then the prompt with the reader's notes, hints one at a time, and the model
 * answer on request (recorded in `revealed`). Renders only; the island owns the work.
 */
import { useId, useState, type ReactNode, type Ref } from 'react';
import type { StepId } from '../../design/ids.ts';
import { MAX_NOTE_LENGTH } from '../../design/work.ts';
import { Inline } from '../quiz/Inline.tsx';
import { Prose } from './Prose.tsx';
import type { StepProps } from './types.ts';

export function StepFrame({ step, number, headingRef, children, exercise, work, act, flush }: StepProps & { step: StepId; number: number; headingRef: Ref<HTMLHeadingElement>; children: ReactNode }) {
  const text = exercise.steps.find((s) => s.id === step)!;
  const [hints, setHints] = useState(0);
  const notesId = useId();
  const revealed = work.revealed.includes(step);
  const note = work.notes[step] ?? '';
  return (
    <section className="cl-design__step" aria-labelledby={`${notesId}-title`} data-step={step}>
      <h3 className="cl-design__title" id={`${notesId}-title`} ref={headingRef} tabIndex={-1}>
        <span className="cl-design__title-number">Step {number} of 7:</span> {text.title}
      </h3>
      <p className="cl-design__goal">
        <Inline text={text.goal} />
      </p>
      {children}
      <div className="cl-design__notes">
        <label htmlFor={notesId} className="cl-design__label">
          Your notes: <Inline text={text.prompt} />
        </label>
        <textarea
          id={notesId}
          rows={4}
          maxLength={MAX_NOTE_LENGTH}
          value={note}
          onChange={(e) => act({ type: 'note', step, text: e.currentTarget.value }, { debounce: true })}
          onBlur={flush}
          data-testid="design-notes"
        />
        <p className="cl-design__small">
          {note.length} of {MAX_NOTE_LENGTH} characters. Saved in this browser as you type.
        </p>
      </div>
      <div className="cl-design__help">
        {text.hints.slice(0, hints).map((h, i) => (
          <p key={i} className="cl-design__hint">
            <strong>Hint {i + 1}.</strong> <Inline text={h} />
          </p>
        ))}
        <div className="cl-design__actions">
          {hints < text.hints.length && (
            <button type="button" className="cl-design__btn" onClick={() => setHints((n) => n + 1)} data-testid="design-hint">
              {hints === 0 ? 'Show a hint' : 'Show another hint'} ({hints + 1} of {text.hints.length})
            </button>
          )}
          {!revealed && (
            <button type="button" className="cl-design__btn" onClick={() => act({ type: 'reveal', step })} data-testid="design-reveal">
              Show the model answer
            </button>
          )}
        </div>
        {revealed && (
          <div className="cl-design__model" data-testid="design-model">
            <h4>Model answer</h4>
            <Prose text={text.model} />
          </div>
        )}
      </div>
    </section>
  );
}
