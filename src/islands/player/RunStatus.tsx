/**
 * What the run amounts to at the cursor, for the reader: live cost meters and the outcome line
 * once the run can only end one way; the scenario's goals as a checklist that ticks itself; and a
 * polite announcement when the cursor moves other than by a new step (back, a jump, a reset, a
 * settings change), which the narration log alone would not say. Views only: the numbers come
 * from the kernel (`runCosts`, `Protocol.outcome`, `goalsMet`).
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { goalsMet, runCosts, runCostsFromStart } from './kernel.ts';
import type { Config, Protocol, Scenario, Timeline } from './model.ts';
import type { ExplorerState, Frame, SessionState } from './session.ts';

export function RunMeters(props: { protocol: Protocol; scenario: Scenario; config: Config; frames: Frame[]; cursor: number }) {
  const { protocol, scenario, config, frames, cursor } = props;
  // The prefix (played before the reader took over) costs messages and writes too.
  const prefix = useMemo(() => runCostsFromStart(protocol, scenario, config, []), [protocol, scenario, config]);
  const mine = runCosts(frames.slice(1, cursor + 1).map((f) => ({ choice: f.choice!, trace: f.trace })));
  const total = { messages: prefix.messages + mine.messages, forced: prefix.forcedWrites + mine.forcedWrites, lazy: prefix.lazyWrites + mine.lazyWrites };
  const blocked = frames.slice(1, cursor + 1).filter((f) => f.invariants.some((r) => r.kind === 'observation' && !r.holds)).length;
  const outcome = protocol.outcome?.(frames[cursor].world) ?? null;
  const plural = (n: number, one: string, many = one + 's') => `${n} ${n === 1 ? one : many}`;
  return (
    <div className="pl-meters" data-testid="meters">
      <dl>
        <div>
          <dt>Messages</dt>
          <dd>{total.messages}</dd>
        </div>
        <div>
          <dt>Forced writes</dt>
          <dd>{total.forced}</dd>
        </div>
        {total.lazy ? (
          <div>
            <dt>Lazy writes</dt>
            <dd>{total.lazy}</dd>
          </div>
        ) : null}
        <div>
          <dt>Steps blocked</dt>
          <dd>{blocked}</dd>
        </div>
      </dl>
      {outcome ? (
        <p className="pl-outcome" data-testid="outcome">
          <strong>{outcome}</strong> in {plural(cursor, 'step')}.
        </p>
      ) : null}
    </div>
  );
}

export function GoalList(props: { protocol: Protocol; scenario: Scenario; config: Config; frames: Frame[]; timeline: Timeline; cursor: number }) {
  const { protocol, scenario, config, frames, timeline, cursor } = props;
  const met = goalsMet(protocol, scenario, config, frames[cursor].world, timeline.steps.slice(0, cursor));
  const [said, setSaid] = useState('');
  const seen = useRef<boolean[]>(met);
  useEffect(() => {
    const fresh = met.findIndex((m, i) => m && !seen.current[i]);
    seen.current = met;
    if (fresh >= 0) setSaid(`Goal reached: ${scenario.tryThis[fresh]}`);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [met.join()]);
  return (
    <>
      <ul className="pl-goals" data-testid="goals">
        {scenario.tryThis.map((t, i) => (
          <li key={i} className={met[i] ? 'pl-goal pl-goal--met' : 'pl-goal'} data-testid={`goal-${i}`}>
            <span className="pl-goal__mark" aria-hidden="true">
              {met[i] ? '✓' : '○'}
            </span>{' '}
            {t} {met[i] ? <span className="pl-badge">done</span> : null}
          </li>
        ))}
      </ul>
      <p className="pl-sr" aria-live="polite">
        {said}
      </p>
    </>
  );
}

/** Says where a move other than a new step landed: "Back to step 4: c recorded p1's yes vote…". */
export function MoveAnnouncer(props: { moved: SessionState['moved']; frames: Frame[] }) {
  const { moved, frames } = props;
  let text = '';
  if (moved) {
    const f = frames[moved.cursor];
    const what = moved.cursor === 0 || !f ? 'the start of the scenario, before any step' : `step ${moved.cursor}: ${f.narration}`;
    if (moved.kind === 'back') text = `Back to ${what}`;
    else if (moved.kind === 'jump') text = `Jumped to ${what}`;
    else if (moved.kind === 'reset') text = 'Reset: back at the start of the scenario, with no steps taken.';
    else text = `Settings changed; now at ${what}`;
  }
  return (
    <p className="pl-sr" aria-live="polite" data-testid="move-announcer">
      {text}
    </p>
  );
}

/**
 * What the last step did, in the protocol's words, right under the canvas: "Step 3 of 7: c
 * recorded p1's yes vote…". A new step is announced here (politely); moves back, jumps and resets
 * are announced by MoveAnnouncer instead, so this region stays quiet for them.
 */
export function StepNow(props: { frames: Frame[]; cursor: number; total: number; moved: SessionState['moved']; playing: boolean }) {
  const { frames, cursor, total } = props;
  const f = frames[cursor];
  const where = cursor === 0 ? 'Start' : cursor < total ? `Step ${cursor} of ${total}` : `Step ${cursor}`;
  return (
    <div className="pl-now" data-testid="narration" role="log" aria-live={props.moved ? 'off' : 'polite'} aria-label="Last step">
      <p key={cursor}>
        <strong className="pl-now__where">{where}:</strong> {cursor === 0 ? 'nothing has happened yet. Take a step: deliver a message, fire a timer, or inject a fault.' : f?.narration}
      </p>
    </div>
  );
}

/** One line on the invariants at the cursor: all hold, or which broke and where first; what is observed now. */
export function InvariantSummary(props: { frame: Frame; firstBroken: Record<string, number | null>; onOpen: () => void }) {
  const results = props.frame.invariants;
  const checked = results.filter((r) => r.kind !== 'observation');
  const broken = checked.filter((r) => !r.holds);
  const seen = results.filter((r) => r.kind === 'observation' && !r.holds);
  return (
    <p className={`pl-invline${broken.length ? ' pl-invline--bad' : ''}`} data-testid="invariant-summary">
      {broken.length ? (
        <>
          <span aria-hidden="true">✗ </span>
          <strong>{broken.map((r) => (r.promised === false ? `${r.title} (not promised by this design)` : r.title)).join(', ')}</strong> broken
          {broken.map((r) => props.firstBroken[r.name]).some((k) => k != null) ? ` (first at step ${Math.min(...broken.map((r) => props.firstBroken[r.name] ?? Infinity))})` : ''}.{' '}
        </>
      ) : (
        <>
          <span aria-hidden="true">✓ </span>All {checked.length} invariants hold.{' '}
        </>
      )}
      {seen.length ? (
        <>
          <span aria-hidden="true">ℹ </span>
          {seen.map((r) => `${r.title}: ${r.message ?? 'now'}`).join('; ')}.{' '}
        </>
      ) : null}
      <button type="button" className="pl-linkbtn" onClick={props.onOpen} data-testid="open-invariants">
        Details
      </button>
    </p>
  );
}

/**
 * The explorer's state in one line on the stage, so pressing F shows (and announces) what it
 * finds without leaving the canvas: searching, the invariants it broke with a replay button each,
 * or that nothing broke. Counts change many times a second: shown, never announced.
 */
export function ExplorerLine(props: { explorer: ExplorerState; only?: string; onReplay: (invariant: string) => void; onOpen: () => void; hidden?: boolean }) {
  const ex = props.explorer;
  if (ex.status === 'idle' || props.hidden) return null;
  const found = (ex.status === 'done' ? ex.result.violations : ex.status === 'running' ? (ex.progress.violations ?? []) : []).filter((v) => !props.only || v.invariant === props.only);
  const said =
    ex.status === 'running'
      ? 'Explorer searching.'
      : ex.status === 'error'
        ? `Explorer stopped: ${ex.message}`
        : found.length
          ? `Explorer found: ${found.map((v) => `${v.title} broken in ${v.choices.length} steps`).join('; ')}.`
          : 'Explorer: no invariant broke.';
  return (
    <div className="pl-exline" data-testid="explorer-line">
      <span className="pl-sr" role="status">
        {said}
      </span>
      <strong>Explorer:</strong>
      {ex.status === 'running' ? <span aria-hidden="true">searching, {ex.progress.worlds.toLocaleString('en')} worlds… </span> : null}
      {ex.status === 'error' ? <span>{said} </span> : null}
      {ex.status === 'done' && !found.length ? <span aria-hidden="true">No invariant broke{ex.result.complete ? ' anywhere' : ' in the part explored'}. </span> : null}
      {found.map((v) => (
        <span key={v.invariant} className="pl-exline__hit">
          {v.title} broken in {v.choices.length} steps{' '}
          <button type="button" className="pl-btn pl-btn--sm" onClick={() => props.onReplay(v.invariant)} data-testid={`stage-replay-${v.invariant}`}>
            Replay
          </button>{' '}
        </span>
      ))}
      <button type="button" className="pl-linkbtn" onClick={props.onOpen}>
        Details
      </button>
    </div>
  );
}
