/**
 * Step 2: the back-of-the-envelope figures. Each shows its question and inputs, a field kept as
 * typed, a verdict in words (from `checkFigure`), a hint, and the working on request. Renders only.
 */
import { useId, useState } from 'react';
import { ESTIMATES, checkFigure, type Estimate, type FigureCheck } from '../../design/estimates.ts';
import { Inline } from '../quiz/Inline.tsx';
import type { StepProps } from './types.ts';
import { MAX_FIGURE_LENGTH, figuresRight } from './work-state.ts';

const fmt = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 4 });

export function verdictText(check: FigureCheck, unit: string): { icon: string; text: string; tone: 'ok' | 'off' | 'none' } {
  switch (check.state) {
    case 'empty':
      return { icon: '', text: 'Type your figure.', tone: 'none' };
    case 'unreadable':
      return { icon: '?', text: 'Not a number yet: type digits, such as 1200 or 1.2k.', tone: 'off' };
    case 'right':
      return { icon: '✓', text: `Right: ${fmt(check.value)} ${unit}.`, tone: 'ok' };
    case 'off':
      return { icon: check.direction === 'high' ? '↑' : '↓', text: `Too ${check.direction}: ${fmt(check.value)} ${unit}.`, tone: 'off' };
  }
}

function Figure({ estimate, props }: { estimate: Estimate; props: StepProps }) {
  const { exercise, work, act, flush } = props;
  const words = exercise.estimates.find((e) => e.id === estimate.id)!;
  const id = useId();
  const [hint, setHint] = useState(false);
  const [working, setWorking] = useState(false);
  const check = checkFigure(estimate, work.figures[estimate.id]);
  const verdict = verdictText(check, estimate.unit);
  return (
    <li className="cl-design__estimate" data-estimate={estimate.id}>
      <p className="cl-design__q">
        <Inline text={words.question} />
      </p>
      <ul className="cl-design__inputs" aria-label="Given">
        {estimate.inputs.map((i) => (
          <li key={i.label}>
            {i.label}: <strong>{fmt(i.value)} {i.unit}</strong>
          </li>
        ))}
      </ul>
      <label htmlFor={id} className="cl-design__label">
        Your figure ({estimate.unit})
      </label>
      <input
        id={id}
        type="text"
        inputMode="decimal"
        autoComplete="off"
        maxLength={MAX_FIGURE_LENGTH}
        className="cl-design__figure"
        value={work.figures[estimate.id] ?? ''}
        aria-describedby={`${id}-verdict`}
        onChange={(e) => act({ type: 'figure', id: estimate.id, text: e.currentTarget.value }, { debounce: true })}
        onBlur={flush}
        data-testid="design-figure"
      />
      <p id={`${id}-verdict`} className={`cl-design__verdict cl-design__verdict--${verdict.tone}`} aria-live="polite" aria-atomic="true" data-testid="design-verdict" data-state={check.state}>
        {verdict.icon && <span aria-hidden="true">{verdict.icon} </span>}
        {verdict.text}
      </p>
      <div className="cl-design__actions">
        <button type="button" className="cl-design__btn" aria-expanded={hint} onClick={() => setHint((h) => !h)}>
          {hint ? 'Hide the hint' : 'Hint'}
        </button>
        <button type="button" className="cl-design__btn" aria-expanded={working} onClick={() => setWorking((w) => !w)} data-testid="design-working-toggle">
          {working ? 'Hide the working' : 'Show the working'}
        </button>
      </div>
      {hint && (
        <p className="cl-design__hint">
          <Inline text={words.hint} />
        </p>
      )}
      {(working || check.state === 'right') && (
        <div className="cl-design__working">
          {working && (
            <ol>
              {estimate.working.map((line, i) => (
                <li key={i}>{line}</li>
              ))}
            </ol>
          )}
          <p>
            <strong>What it means:</strong> <Inline text={words.takeaway} />
          </p>
        </div>
      )}
    </li>
  );
}

export function EstimateStep(props: StepProps) {
  const { right, total } = figuresRight(props.work.figures);
  return (
    <div className="cl-design__body">
      <p className="cl-design__count">
        {right} of {total} figures right.
      </p>
      <ol className="cl-design__estimates">
        {ESTIMATES.map((e) => (
          <Figure key={e.id} estimate={e} props={props} />
        ))}
      </ol>
    </div>
  );
}
