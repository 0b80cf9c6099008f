/**
 * Step 5: the design lab. Runs the reader's design (the island owns the run), shows progress, then
 * the scorecard: one row per requirement with its status in an icon and a word, and its evidence.
 * A missed simulation can be watched in the protocol player, mounted below the scorecard on
 * request. Renders what the scorecard computed; decides nothing itself.
 */
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import type { MechanismId } from '../../design/ids.ts';
import type { Evidence, ScoreRow, SimulationEvidence } from '../../design/scorecard.ts';
import { Inline } from '../quiz/Inline.tsx';
import { ActionButton } from '../player/ActionButton.tsx';
import { STATUS_WORDS, scoreSummary, type LabState } from './lab-state.ts';
import type { StepProps } from './types.ts';
import { missingMechanisms } from '../../design/work.ts';

const LazyPlayer = lazy(() => import('../player/Player.tsx').then((m) => ({ default: m.SafePlayer })));

const sentence = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

function EvidenceView({ e, onWatch }: { e: Evidence; onWatch: (e: SimulationEvidence) => void }) {
  if (e.kind === 'simulation') {
    const state = e.holds === null ? 'not run yet' : e.holds ? 'holds' : 'broken';
    return (
      <li className="cl-design__evidence" data-kind="simulation" data-holds={String(e.holds)}>
        <p>
          <strong>
            <span aria-hidden="true">{e.holds === null ? '… ' : e.holds ? '✓ ' : '✗ '}</span>
            {e.invariantTitle}: {state}.
          </strong>{' '}
          {sentence(e.claim)}. <span className="cl-design__small">Simulation: {e.title} ({e.protocol} / {e.scenario}{e.holds !== null ? `, ${e.worlds.toLocaleString('en-US')} worlds${e.complete ? ', all explored' : ', search cut short'}` : ''}).</span>
        </p>
        {e.holds === false && (
          <>
            {e.message && <p className="cl-design__broke">{e.message}</p>}
            <button type="button" className="cl-design__btn" onClick={() => onWatch(e)} data-testid="design-watch">
              Watch the run<span className="cl-design__sr">: {e.invariantTitle}</span>
            </button>
          </>
        )}
      </li>
    );
  }
  if (e.kind === 'formula') {
    return (
      <li className="cl-design__evidence" data-kind="formula" data-holds={String(e.holds)}>
        <p>
          <strong>
            <span aria-hidden="true">{e.holds === null ? 'ℹ ' : e.holds ? '✓ ' : '✗ '}</span>
            {e.title}
          </strong>
        </p>
        <details>
          <summary>Assumptions and working</summary>
          <ul>
            {e.assumptions.map((a, i) => (
              <li key={i}>{a}</li>
            ))}
          </ul>
          <ol>
            {e.working.map((w, i) => (
              <li key={i}>{w}</li>
            ))}
          </ol>
        </details>
        <p>Result: {e.result}</p>
      </li>
    );
  }
  return (
    <li className="cl-design__evidence" data-kind="rule" data-holds={String(e.holds)}>
      <p>
        <strong>
          <span aria-hidden="true">{e.holds ? '✓ ' : '✗ '}</span>
          {e.title}:
        </strong>{' '}
        {e.reason}
      </p>
    </li>
  );
}

function EvidenceItems({ evidence, onWatch }: { evidence: Evidence[]; onWatch: (e: SimulationEvidence) => void }) {
  return (
    <ul className="cl-design__evidences">
      {evidence.map((e, i) => (
        <EvidenceView key={i} e={e} onWatch={onWatch} />
      ))}
    </ul>
  );
}

/**
 * A missed row: what broke comes first, in full; the checks that held (or only inform) wait behind
 * a disclosure, so a design that misses much still reads as a short list of failures.
 */
function MissedEvidence({ evidence, onWatch }: { evidence: Evidence[]; onWatch: (e: SimulationEvidence) => void }) {
  const broken = evidence.filter((e) => e.holds === false);
  const rest = evidence.filter((e) => e.holds !== false);
  const plural = rest.length === 1 ? '' : 's';
  return (
    <>
      <EvidenceItems evidence={broken} onWatch={onWatch} />
      {rest.length > 0 && (
        <details className="cl-design__held">
          <summary>
            {rest.length} other check{plural} held or only inform
          </summary>
          <EvidenceItems evidence={rest} onWatch={onWatch} />
        </details>
      )}
    </>
  );
}

export function LabStep({
  exercise,
  work,
  act,
  lab,
  rows,
  stale,
  onRun,
  onCancel,
}: StepProps & { lab: LabState; rows: ScoreRow[] | null; stale: boolean; onRun: () => void; onCancel: () => void }) {
  const [watching, setWatching] = useState<SimulationEvidence | null>(null);
  const replayHeading = useRef<HTMLHeadingElement>(null);
  const missing = missingMechanisms(work.mechanisms);
  const label = (id: MechanismId) => exercise.mechanisms.find((m) => m.id === id)?.question ?? id;
  const running = lab.phase === 'running';

  useEffect(() => {
    if (watching) replayHeading.current?.focus();
  }, [watching]);
  useEffect(() => {
    if (running) setWatching(null);
  }, [running]);

  return (
    <div className="cl-design__body">
      {missing.length > 0 ? (
        <div className="cl-design__notice" data-testid="design-lab-missing">
          <p>
            The lab needs a choice for every interaction. Still open:
          </p>
          <ul>
            {missing.map((id) => (
              <li key={id}>
                <Inline text={label(id)} />
              </li>
            ))}
          </ul>
          <button type="button" className="cl-design__linkbtn" onClick={() => act({ type: 'go', step: 'mechanisms' })}>
            Choose them in step 4
          </button>
        </div>
      ) : null}
      <div className="cl-design__actions">
        <ActionButton
          className="cl-design__btn cl-design__btn--primary"
          off={missing.length > 0 || running}
          why={running ? 'The lab is running; stop it to start again.' : 'Choose an option for every interaction in step 4 first.'}
          srClass="cl-design__sr"
          onAct={onRun}
          data-testid="design-run"
        >
          {lab.ran && !running ? (stale ? 'Run again' : 'Run my design again') : 'Run my design'}
        </ActionButton>
        {running && (
          <button type="button" className="cl-design__btn" onClick={onCancel}>
            Stop
          </button>
        )}
        <button type="button" className="cl-design__linkbtn" onClick={() => act({ type: 'go', step: 'mechanisms' })} data-testid="design-change">
          Change my design
        </button>
      </div>
      {running && (
        <div className="cl-design__progress">
          <progress max={lab.total || 1} value={lab.done} aria-label="Lab progress" />
          <p data-testid="design-lab-progress">
            Run {Math.min(lab.done + 1, lab.total)} of {lab.total}
            {lab.current ? `: ${lab.current}` : ''}
          </p>
        </div>
      )}
      {lab.phase === 'error' && (
        <p className="cl-design__notice" role="alert">
          <span aria-hidden="true">⚠ </span>The lab stopped: {lab.error}
        </p>
      )}
      {stale && !running && (
        <p className="cl-design__notice" data-testid="design-lab-stale">
          <span aria-hidden="true">ℹ </span>You changed your mechanisms since this run: the scorecard below is for your earlier design. Run again to judge the current one.
        </p>
      )}
      {rows && (
        <section className="cl-design__scorecard" aria-label="Scorecard" data-testid="design-scorecard" data-stale={stale}>
          <h4>Scorecard{lab.phase === 'done' ? `: ${scoreSummary(rows)}` : ''}</h4>
          <ul className="cl-design__rows">
            {rows.map((row) => {
              const req = exercise.requirements.find((r) => r.id === row.requirement);
              const s = STATUS_WORDS[row.status];
              return (
                <li key={row.requirement} className={`cl-design__row cl-design__row--${row.status}`} data-requirement={row.requirement} data-status={row.status} data-testid="design-row">
                  <p className="cl-design__row-head">
                    <span className={`cl-design__status cl-design__status--${row.status}`}>
                      <span aria-hidden="true">{s.icon}</span> {s.word}
                    </span>{' '}
                    <strong>
                      {row.requirement}: {req?.title ?? ''}
                    </strong>
                  </p>
                  {row.evidence.length > 0 &&
                    (row.status === 'missed' ? (
                      <MissedEvidence evidence={row.evidence} onWatch={setWatching} />
                    ) : (
                      // Met and pending rows keep their evidence one click away, so the misses stand out on a phone.
                      <details className="cl-design__more">
                        <summary>
                          Evidence ({row.evidence.length})<span className="cl-design__sr"> for {row.requirement}</span>
                        </summary>
                        <EvidenceItems evidence={row.evidence} onWatch={setWatching} />
                      </details>
                    ))}
                </li>
              );
            })}
          </ul>
        </section>
      )}
      {watching && (
        <section className="cl-design__replay" aria-labelledby="cl-design-replay-title" data-testid="design-replay">
          <h4 id="cl-design-replay-title" ref={replayHeading} tabIndex={-1}>
            The run that breaks “{watching.invariantTitle}”
          </h4>
          <p className="cl-design__small">The player opens at the start of the shortest breaking run: step through it to see where it goes wrong.</p>
          <button type="button" className="cl-design__btn" onClick={() => setWatching(null)}>
            Close the run
          </button>
          <Suspense fallback={<p>Loading the simulator…</p>}>
            <LazyPlayer
              key={`${watching.runId}/${watching.invariant}`}
              protocolId={watching.protocol}
              scenarioId={watching.scenario}
              flags={watching.flags}
              title={watching.title}
              size={watching.size}
              initialChoices={watching.choices}
              startAtBeginning
            />
          </Suspense>
        </section>
      )}
    </div>
  );
}
