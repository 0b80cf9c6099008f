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
import type { Frame, SessionState } from './session.ts';

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
          <strong>{outcome}</strong> in {plural(cursor, 'step')}: {plural(total.forced, 'forced write')}, {plural(total.messages, 'message')} (the scenario's opening steps included).
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
