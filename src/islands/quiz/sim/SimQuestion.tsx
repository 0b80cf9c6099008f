/**
 * Quiz questions checked by the simulator itself.
 *
 * - `predict`: the run so far is replayed and shown compactly (its steps as a short numbered list,
 *   the node states now, the sequence chart on request); the reader picks what the next step does;
 *   the kernel takes that step and the chosen option's claim is checked against the resulting node
 *   state. Once checked, the options leave the question: the quiz's feedback lists each one once,
 *   marked, with its explanation, so nothing is shown twice.
 * - `break-it`: a compact player at the question's scenario, with faults capped at `maxFaults` in
 *   total; breaking the named invariant answers the question. "Give up / show me" replays the
 *   question's `solution`, the run its explanation describes (and counts as wrong). The outcome
 *   line says what happened; the explanation itself is in the quiz's feedback, once.
 *
 * The quiz island renders the prompt, hint, difficulty, verdict and explanations; this component
 * renders the simulation and the answer controls.
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
        <summary className="pl-h">
          The run so far ({prep.frames.length - 1} step{prep.frames.length === 2 ? '' : 's'})
        </summary>
        <ol className="pl-narration">
          {prep.frames.slice(1).map((f, i) => (
            <li key={i}>{f.narration}</li>
          ))}
        </ol>
      </details>
      <NodeStates nodes={prep.nodes} caption="Node states now" />
      <details className="pl-predict__chart">
        <summary className="pl-small">Show the run as a message sequence chart</summary>
        <SequenceChart nodeIds={prep.nodeIds} frames={prep.frames} cursor={prep.frames.length - 1} compact />
      </details>
      <p>
        Next step: <strong>{prep.nextLabel}</strong>
      </p>
      {/* Before checking, the options are the answer controls; after, the feedback lists them once with their explanations. */}
      {checked ? null : (
        <>
          <fieldset className="pl-flags">
            <legend>What happens?</legend>
            {shown.map((i) => (
              <label key={i} className="pl-check">
                <input type="radio" name={name} value={i} data-option-index={i} checked={picked === i} onChange={() => setPicked(i)} />
                <span>{inline(q.options[i].text)}</span>
              </label>
            ))}
          </fieldset>
          <div className="pl-row">
            <button type="button" className="pl-btn pl-btn--primary" onClick={check} disabled={picked === null}>
              Check with the simulator
            </button>
          </div>
        </>
      )}
      <div aria-live="polite">
        {checked ? (
          <>
            <p className="pl-notice pl-notice--info" data-testid="predict-result">
              <strong>What the simulator did:</strong> {prep.narration}
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
      setOutcome({ correct: false, text: 'The player above replays the run the explanation below walks through.' });
    },
    // Record the answer only once the counterexample has been shown: the quiz may close the question.
    onShown: () => onAnswered({ correct: false, response: 'gave up' }),
  };
  return (
    <div className="pl-breakit" data-testid={`break-it-${q.id}`}>
      <SafePlayer protocolId={q.run.protocol} scenarioId={q.run.scenario} flags={q.run.flags} title={q.id} breakIt={breakIt} initialChoices={initialChoices.choices} />
      <div aria-live="polite">
        {/* The explanation follows in the quiz's feedback, so it is not repeated here. */}
        {outcome ? (
          <div className={outcome.correct ? 'pl-notice pl-notice--info' : 'pl-warn'}>
            <p>
              <strong>{outcome.correct ? '✓ Broken.' : 'Shown.'}</strong> {outcome.text}
            </p>
          </div>
        ) : null}
      </div>
    </div>
  );
}
