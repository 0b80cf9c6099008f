/**
 * Quiz questions checked by the simulator itself.
 *
 * - `predict`: the run so far is replayed and shown (narration, node states, a compact sequence
 *   chart); the reader picks what the next step does; the kernel takes that step and the chosen
 *   option's claim is checked against the resulting node state.
 * - `break-it`: a compact player at the question's scenario, with faults capped at `maxFaults` in
 *   total; breaking the named invariant answers the question. "Give up / show me" replays the
 *   question's `solution`, the run its explanation describes (and counts as wrong).
 *
 * The quiz island renders the prompt, hint and difficulty; this component renders the rest.
 */
import { useMemo, useState, type ReactNode } from 'react';
import type { Question } from '../../../schemas/quiz.ts';
import { protocols, tokenToChoice } from '../../player/kernel.ts';
import { checkClaims, preparePredict } from '../../player/predict.ts';
import { SafePlayer } from '../../player/Player.tsx';
import { SequenceChart } from '../../player/views.tsx';
import type { NodeView } from '../../player/model.ts';
import '../../player/player.css';

export interface SimQuestionProps {
  /** A question of kind `predict` or `break-it`. */
  question: Extract<Question, { kind: 'predict' | 'break-it' }>;
  /**
   * The round's display order of a predict question's options, as bank indices. Only the order
   * shown changes: claims are checked, and the answer reported, by bank index.
   */
  order?: readonly number[];
  /**
   * Called once the reader has answered: whether it was right, a short record for saved progress,
   * and for predict the option picked (its bank index).
   */
  onAnswered: (result: { correct: boolean; response: string; choice?: number }) => void;
}

/** Inline `code` spans in option text; everything else stays plain text. */
function inline(text: string): ReactNode {
  return text.split(/(`[^`]+`)/g).map((part, i) => (part.startsWith('`') && part.endsWith('`') && part.length > 1 ? <code key={i}>{part.slice(1, -1)}</code> : part));
}

export default function SimQuestion(props: SimQuestionProps) {
  return props.question.kind === 'predict' ? <Predict {...props} question={props.question} /> : <BreakIt {...props} question={props.question} />;
}

type PredictQ = Extract<Question, { kind: 'predict' }>;
type BreakQ = Extract<Question, { kind: 'break-it' }>;

function NodeStates({ nodes, caption }: { nodes: NodeView[]; caption: string }) {
  return (
    <table className="pl-keys">
      <caption className="pl-small" style={{ textAlign: 'start' }}>
        {caption}
      </caption>
      <thead>
        <tr>
          <th scope="col">Node</th>
          <th scope="col">Role</th>
          <th scope="col">Up?</th>
          <th scope="col">State</th>
        </tr>
      </thead>
      <tbody>
        {nodes.map((n) => (
          <tr key={n.id}>
            <th scope="row">{n.id}</th>
            <td>{n.role}</td>
            <td>{n.up ? '● up' : '✖ down'}</td>
            <td>{n.state ?? '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Predict({ question: q, order, onAnswered }: { question: PredictQ; order?: readonly number[]; onAnswered: SimQuestionProps['onAnswered'] }) {
  const prep = useMemo(() => preparePredict(q.run, q.next), [q]);
  const shown = order && order.length === q.options.length ? order : q.options.map((_, i) => i);
  const [picked, setPicked] = useState<number | null>(null);
  const [checked, setChecked] = useState<{ correct: boolean; holds: boolean[] } | null>(null);
  const name = `sq-${q.id}`;
  if (!prep.ok) {
    return (
      <p className="pl-error" role="alert">
        This question's simulation could not be replayed: {prep.error}
      </p>
    );
  }
  const check = () => {
    if (picked === null || checked) return;
    const holds = checkClaims(prep, q.options.map((o) => o.claim));
    const correct = holds[picked];
    setChecked({ correct, holds });
    onAnswered({ correct, response: String(picked), choice: picked });
  };
  return (
    <div className="pl-root pl-root--compact pl-predict" data-testid={`predict-${q.id}`}>
      <details open={prep.frames.length <= 8}>
        <summary className="pl-h">The run so far ({prep.frames.length - 1} steps)</summary>
        <ol className="pl-narration">
          {prep.frames.slice(1).map((f, i) => (
            <li key={i}>{f.narration}</li>
          ))}
        </ol>
      </details>
      <NodeStates nodes={prep.nodes} caption="Node states now" />
      <SequenceChart nodeIds={prep.nodeIds} frames={prep.frames} cursor={prep.frames.length - 1} compact />
      <p>
        Next step: <strong>{prep.nextLabel}</strong>
      </p>
      <fieldset className="pl-flags">
        <legend>What happens?</legend>
        {shown.map((i) => {
          const o = q.options[i];
          return (
            <label key={i} className="pl-check">
              <input type="radio" name={name} value={i} data-option-index={i} checked={picked === i} disabled={!!checked} onChange={() => setPicked(i)} />
              <span>
                {inline(o.text)}
                {checked ? (
                  <span className="pl-block pl-small">
                    {checked.holds[i] ? '✓ The simulator agrees: ' : '✗ Not what happens: '}
                    {inline(o.explanation)}
                  </span>
                ) : null}
              </span>
            </label>
          );
        })}
      </fieldset>
      <div className="pl-row">
        <button type="button" className="pl-btn pl-btn--primary" onClick={check} disabled={picked === null || !!checked}>
          Check with the simulator
        </button>
      </div>
      <div aria-live="polite">
        {checked ? (
          <>
            <p className={checked.correct ? 'pl-notice pl-notice--info' : 'pl-error'}>
              <strong>{checked.correct ? '✓ Right.' : '✗ Not quite.'}</strong> The simulator took the step: {prep.narration}
            </p>
            <NodeStates nodes={prep.after} caption="Node states after the step" />
          </>
        ) : null}
      </div>
    </div>
  );
}

function BreakIt({ question: q, onAnswered }: { question: BreakQ; onAnswered: SimQuestionProps['onAnswered'] }) {
  const [outcome, setOutcome] = useState<{ correct: boolean; text: string } | null>(null);
  const protocol = protocols[q.run.protocol];
  const initialChoices = useMemo(() => {
    try {
      return { ok: true as const, choices: q.run.choices.map(tokenToChoice), solution: q.solution.map(tokenToChoice) };
    } catch (err) {
      return { ok: false as const, error: err instanceof Error ? err.message : String(err) };
    }
  }, [q]);
  if (!protocol || !initialChoices.ok) {
    return (
      <p className="pl-error" role="alert">
        This question's simulation could not start: {!protocol ? `unknown protocol "${q.run.protocol}"` : initialChoices.ok ? '' : initialChoices.error}
      </p>
    );
  }
  const breakIt = {
    invariant: q.invariant,
    maxFaults: q.maxFaults,
    // Giving up replays the run the explanation describes (a test replays it too).
    solution: initialChoices.solution,
    onBroken: (steps: number) => {
      if (outcome) return;
      setOutcome({ correct: true, text: `You broke it in ${steps} step${steps === 1 ? '' : 's'}.` });
      onAnswered({ correct: true, response: `broke ${q.invariant} in ${steps} steps` });
    },
    onGiveUp: () => {
      if (outcome) return;
      setOutcome({ correct: false, text: 'The run described below replays in the player above.' });
    },
    // Record the answer only once the counterexample has been shown: the quiz may close the question.
    onShown: () => onAnswered({ correct: false, response: 'gave up' }),
  };
  return (
    <div className="pl-breakit" data-testid={`break-it-${q.id}`}>
      <SafePlayer protocolId={q.run.protocol} scenarioId={q.run.scenario} flags={q.run.flags} title={q.id} breakIt={breakIt} initialChoices={initialChoices.choices} />
      <div aria-live="polite">
        {outcome ? (
          <div className={outcome.correct ? 'pl-notice pl-notice--info' : 'pl-warn'}>
            <p>
              <strong>{outcome.correct ? '✓ Broken.' : 'Shown.'}</strong> {outcome.text}
            </p>
            <p>{inline(q.explanation)}</p>
          </div>
        ) : null}
      </div>
    </div>
  );
}
