/**
 * The player's views. Each one only reads data the session and the kernel computed, and reports
 * what the reader does through `dispatch` (or a callback). No kernel logic lives here.
 */
import { useEffect, useId, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Choice, ExploreResult, InvariantResult, NodeView, StateDiagram, Timeline, World } from './model.ts';
import type { Frame, SessionEvent, ExplorerState } from './session.ts';
import { entries } from './format.ts';
import { layoutSequence, SEQ, type SeqFrame } from './sequence.ts';
import { clampActive, rovingMove } from './roving.ts';
import { StateDiagramView } from './StateDiagramView.tsx';
import { useWidth } from './use-width.ts';
import { ActionButton } from './ActionButton.tsx';
import { SHORTCUTS } from './shortcuts.ts';

type Dispatch = (e: SessionEvent) => void;


/* ---------- node card ---------- */

type EntryValue = Parameters<typeof entries>[0];

function EntryList({ list, empty }: { list: ReturnType<typeof entries>; empty: string }) {
  if (!list.length) return <p className="pl-muted pl-small">{empty}</p>;
  return (
    <dl className="pl-kv">
      {list.map((e) => (
        <div key={e.key || '_'}>
          {e.key ? <dt>{e.key}</dt> : null}
          <dd>
            {e.items ? (
              e.items.length ? (
                <ol className="pl-log">
                  {e.items.map((it, i) => (
                    <li key={i}>{it}</li>
                  ))}
                </ol>
              ) : (
                <span className="pl-muted">(empty)</span>
              )
            ) : (
              <code>{e.text}</code>
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** The durable log(s) of a store, always shown: one record per line. */
function DurableLog({ store, down }: { store: EntryValue; down: boolean }) {
  const logs = entries(store).filter((e) => e.items);
  return (
    <div className="pl-node__log">
      <h5 className="pl-sub">
        Durable log <span className="pl-muted">({down ? 'kept through the crash' : 'survives crashes'})</span>
      </h5>
      {logs.length === 0 || logs.every((l) => !l.items?.length) ? (
        <p className="pl-log pl-log--empty pl-muted">(empty)</p>
      ) : (
        logs.map((l) => (
          <ol key={l.key || '_'} className="pl-log" aria-label={l.key ? `${l.key} records` : 'log records'}>
            {l.items!.map((it, i) => (
              <li key={i}>{it}</li>
            ))}
          </ol>
        ))
      )}
    </div>
  );
}

export function NodeCard(props: { node: NodeView; diagram: StateDiagram | null; world: World }) {
  const { node, world } = props;
  const isolated = !!world.partition && world.partition.some((g) => g.length === 1 && g[0] === node.id);
  const headingId = useId();
  const storeFields = entries(node.store).filter((e) => !e.items);
  const memory = node.up ? entries(node.memory) : [];
  return (
    <article className={`pl-node${node.up ? '' : ' pl-node--down'}${isolated ? ' pl-node--isolated' : ''}`} aria-labelledby={headingId} data-testid={`node-${node.id}`}>
      <header className="pl-node__head">
        <h4 id={headingId} className="pl-node__title">
          {node.id} <span className="pl-muted">({node.role})</span>
        </h4>
        <span className={`pl-badge ${node.up ? 'pl-badge--ok' : 'pl-badge--bad'}`}>
          <span aria-hidden="true">{node.up ? '● ' : '✖ '}</span>
          {node.up ? 'up' : 'down'}
        </span>
        {isolated ? (
          <span className="pl-badge pl-badge--warn">
            <span aria-hidden="true">✂ </span>isolated
          </span>
        ) : null}
        <p className="pl-node__state">
          State: <strong>{node.state ?? '— (crashed: memory lost)'}</strong>
        </p>
      </header>
      {props.diagram ? <StateDiagramView diagram={props.diagram} current={node.state} nodeId={node.id} /> : null}
      <DurableLog store={node.store} down={!node.up} />
      <details className="pl-node__data">
        <summary>
          Memory{storeFields.length ? ' and store fields' : ''} <span className="pl-muted">({node.up ? memory.length + storeFields.length : 'lost in the crash'})</span>
        </summary>
        {storeFields.length ? (
          <>
            <h5 className="pl-sub">
              Store fields <span className="pl-muted">(durable)</span>
            </h5>
            <EntryList list={storeFields} empty="(empty)" />
          </>
        ) : null}
        <h5 className="pl-sub">
          Memory <span className="pl-muted">(lost on crash)</span>
        </h5>
        {node.up ? <EntryList list={memory} empty="(nothing)" /> : <p className="pl-muted pl-small">Lost in the crash.</p>}
      </details>
    </article>
  );
}

/* ---------- network: messages, timers, partition ---------- */

/**
 * The network at a glance: messages in flight (with payloads), armed timers, the partition and the
 * fault budget. Read only: the canvas and its selection bar, and the choice list, act on them.
 */
export function NetworkPanel(props: { world: World; maxFaults: number | null; spent: number }) {
  const hid = useId();
  const { world } = props;
  const up = (id: string) => world.nodes[id]?.up !== false;
  return (
    <div role="group" className="pl-panel pl-network" aria-labelledby={hid}>
      <h4 id={hid} className="pl-h">
        In-flight messages <span className="pl-muted">({world.inFlight.length})</span>
      </h4>
      {world.inFlight.length === 0 ? <p className="pl-muted pl-small">No messages in the network.</p> : null}
      <ul className="pl-msgs" data-testid="messages">
        {world.inFlight.map((m) => {
          const payload = Object.keys(m.payload).length ? ' ' + Object.entries(m.payload).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(' ') : '';
          return (
            <li key={m.id} className="pl-msg" data-testid={`message-${m.id}`}>
              <span className="pl-msg__label">
                <span className="pl-muted">#{m.id}</span> <strong>{m.type}</strong>{' '}
                <span className="pl-nowrap">
                  {m.from} <span aria-hidden="true">→</span>
                  <span className="pl-sr"> to </span> {m.to}
                </span>
                {payload ? <span className="pl-muted pl-msg__payload">{payload}</span> : null}
                {!up(m.to) ? (
                  <span className="pl-badge pl-badge--bad">
                    <span aria-hidden="true">✖ </span>receiver down: will be lost
                  </span>
                ) : null}
              </span>
            </li>
          );
        })}
      </ul>
      <h4 className="pl-h">
        Timers <span className="pl-muted">({world.timers.length})</span>
      </h4>
      {world.timers.length === 0 ? <p className="pl-muted pl-small">No timers armed.</p> : null}
      <ul className="pl-msgs">
        {world.timers.map((t) => (
          <li key={`${t.node}.${t.name}`} className="pl-msg">
            <span className="pl-msg__label">
              <span aria-hidden="true">◷ </span>
              {t.name} at {t.node}
            </span>
          </li>
        ))}
      </ul>
      <h4 className="pl-h">Network</h4>
      <p className="pl-netline">
        {world.partition ? (
          <>
            <span className="pl-badge pl-badge--warn">
              <span aria-hidden="true">✂ </span>cut
            </span>{' '}
            Groups: {world.partition.map((g) => `{${g.join(', ')}}`).join(' | ')}
          </>
        ) : (
          <span className="pl-badge pl-badge--ok">
            <span aria-hidden="true">● </span>whole
          </span>
        )}
      </p>
      <p className="pl-budget" data-testid="budget">
        <span className="pl-budget__label">Fault budget used:</span> crash {world.used.crash}/{world.budget.crash}, drop {world.used.drop}/{world.budget.drop}, duplicate {world.used.duplicate}/{world.budget.duplicate}, partition {world.used.partition}/
        {world.budget.partition}
        {props.maxFaults != null ? `; you may spend at most ${props.maxFaults} fault${props.maxFaults === 1 ? '' : 's'} in total (${props.spent} spent)` : ''}
      </p>
      <p className="pl-muted pl-small">Pick a node, an envelope or a clock on the canvas to act on it.</p>
    </div>
  );
}

/* ---------- panel ---------- */

/** A titled group of controls; its heading names it for assistive technology. */
export function Panel(props: { title: ReactNode; children: ReactNode; id?: string; testId?: string; className?: string }) {
  const auto = useId();
  const hid = props.id ?? auto;
  return (
    <div role="group" className={`pl-panel ${props.className ?? ''}`} aria-labelledby={hid} data-testid={props.testId}>
      <h4 id={hid} className="pl-h">
        {props.title}
      </h4>
      {props.children}
    </div>
  );
}

/* ---------- what can happen next ---------- */

export function ChoiceList(props: { allowed: Choice[]; describe: (c: Choice) => string; dispatch: Dispatch }) {
  // One tab stop for the whole list; Up and Down move within it (roving.ts).
  const [active, setActive] = useState(0);
  const list = useRef<HTMLOListElement>(null);
  const at = clampActive(active, props.allowed.length);
  const onKeyDown = (e: React.KeyboardEvent) => {
    const next = rovingMove(e.key, at, props.allowed.length);
    if (next === null) return;
    e.preventDefault();
    e.stopPropagation();
    setActive(next);
    list.current?.querySelectorAll<HTMLButtonElement>('button')[next]?.focus();
  };
  return (
    <Panel title={<>What can happen next <span className="pl-muted">(keys 1–9; ↑ ↓ to move)</span></>} className="pl-next">
      {props.allowed.length === 0 ? <p className="pl-muted">Nothing: the run is over.</p> : null}
      <ol className="pl-choices" data-testid="choices" data-focus-group="choices" ref={list} onKeyDown={onKeyDown}>
        {props.allowed.map((c, i) => (
          <li key={JSON.stringify(c)}>
            <button
              type="button"
              tabIndex={i === at ? 0 : -1}
              onFocus={() => setActive(i)}
              data-testid={`choice-${i + 1}`}
              className={`pl-btn pl-btn--choice${['crash', 'drop', 'duplicate', 'partition'].includes(c.kind) ? ' pl-btn--fault' : ''}`}
              onClick={() => props.dispatch({ type: 'choice.take', choice: c })}
            >
              <span className="pl-sr">Choice {i + 1}: </span>
              {i < 9 ? <kbd aria-hidden="true">{i + 1}</kbd> : null} {props.describe(c)}
              {['crash', 'drop', 'duplicate', 'partition'].includes(c.kind) ? <span className="pl-muted"> (fault)</span> : null}
            </button>
          </li>
        ))}
      </ol>
    </Panel>
  );
}

/* ---------- invariants ---------- */

export function InvariantPanel(props: { results: InvariantResult[]; descriptions: Record<string, string>; firstBroken: Record<string, number | null>; cursor: number; target?: string; dispatch: Dispatch }) {
  return (
    <Panel title="Invariants">
      <ul className="pl-invs" data-testid="invariants">
        {props.results.map((r) => {
          const k = props.firstBroken[r.name];
          const obs = r.kind === 'observation';
          const state = obs ? 'info' : r.holds ? 'ok' : 'bad';
          return (
            <li key={r.name} className={`pl-inv pl-inv--${state}`} data-testid={`invariant-${r.name}`} data-holds={obs ? undefined : String(r.holds)}>
              <div className="pl-inv__head">
                <span className="pl-inv__icon" aria-hidden="true">
                  {obs ? 'ℹ' : r.holds ? '✓' : '✗'}
                </span>
                <strong>{r.title}</strong>
                {props.target === r.name ? <span className="pl-muted"> (your target)</span> : null}
                <span className="pl-inv__status">{obs ? (r.holds ? 'not now' : 'now') : r.holds ? 'holds' : 'broken'}</span>
                <span className="pl-muted pl-inv__kind">
                  {r.kind}
                  {r.promised === false ? ', not promised by this design' : r.promised ? ', promised' : ''}
                </span>
              </div>
              {obs && !r.holds && r.message ? <p className="pl-inv__msg">now: {r.message}</p> : null}
              {!obs && !r.holds && r.message ? <p className="pl-inv__msg">{r.message}</p> : null}
              {obs || r.holds ? <p className="pl-inv__desc pl-muted">{props.descriptions[r.name]}</p> : null}
              {!obs && k != null ? (
                <ActionButton className="pl-btn" off={props.cursor === k} why="you are at that step now" onAct={() => props.dispatch({ type: 'timeline.seek', index: k })} data-testid={`goto-broken-${r.name}`}>
                  Go to step {k} (first broke)
                </ActionButton>
              ) : null}
            </li>
          );
        })}
      </ul>
    </Panel>
  );
}

/* ---------- sequence chart ---------- */

export function SequenceChart(props: { nodeIds: string[]; frames: Frame[]; cursor: number; compact?: boolean }) {
  const hid = useId();
  const { nodeIds, frames, cursor } = props;
  const [box, width] = useWidth<HTMLDivElement>(SEQ.defaultWidth, 240);
  const layout = useMemo(() => {
    const seq: SeqFrame[] = [];
    for (let i = 1; i <= cursor && i < frames.length; i++) seq.push({ choice: frames[i].choice!, before: frames[i - 1].world, after: frames[i].world, trace: frames[i].trace });
    return layoutSequence(nodeIds, frames[0].world, seq, width);
  }, [nodeIds, frames, cursor, width]);
  useEffect(() => {
    if (box.current) box.current.scrollTop = box.current.scrollHeight;
  }, [layout]);
  const markerId = useId().replace(/:/g, '');
  const delivered = layout.arrows.filter((a) => a.status === 'delivered').length;
  const lost = layout.arrows.filter((a) => a.status === 'dropped' || a.status === 'lost').length;
  const flying = layout.arrows.filter((a) => a.status === 'inflight').length;
  const laneBottom = layout.height - SEQ.bottom / 2;
  return (
    <div role="group" className="pl-panel pl-seq" aria-labelledby={hid}>
      <div className="pl-panel__head">
        <h4 id={hid} className="pl-h">
          Message sequence chart
        </h4>
        <p className="pl-muted pl-small">
          Step {cursor}: {delivered} delivered (→), {lost} dropped or lost (✕), {flying} in flight (dashed)
        </p>
      </div>
      <div className="pl-seq__scroll" ref={box} tabIndex={0} role="group" aria-label="Sequence chart, scrollable">
        <svg className="pl-seq__svg" width={layout.width} height={layout.height} viewBox={`0 0 ${layout.width} ${layout.height}`} role="img" aria-label={`Message sequence chart: ${nodeIds.length} lanes, ${cursor} steps, one row per message`} data-testid="sequence-chart">
          <defs>
            <marker id={`arr${markerId}`} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
              <path d="M 0 0 L 10 5 L 0 10 z" className="pl-seq__head" />
            </marker>
          </defs>
          {layout.bands.map((b, i) => (
            <g key={b.step}>
              {b.step === cursor ? <rect x={0} y={b.top} width={layout.width} height={b.bottom - b.top} className="pl-seq__now" /> : i % 2 ? <rect x={0} y={b.top} width={layout.width} height={b.bottom - b.top} className="pl-seq__band" /> : null}
              <text x={6} y={b.top + SEQ.rowHeight / 2 + 4} className={`pl-seq__step${b.step === cursor ? ' pl-seq__step--now' : ''}`}>
                {b.step === cursor ? '▶' : ''}
                {b.step}
              </text>
            </g>
          ))}
          {layout.lanes.map((l) => (
            <g key={l.id}>
              <line x1={l.x} x2={l.x} y1={SEQ.top - 6} y2={laneBottom} className="pl-seq__lane" />
              <text x={l.x} y={16} textAnchor="middle" className="pl-seq__laneLabel">
                {l.id}
              </text>
            </g>
          ))}
          {layout.rows.length === 0 ? (
            <text x={layout.width / 2} y={SEQ.top + SEQ.rowHeight / 2 + 4} textAnchor="middle" className="pl-seq__empty">
              No messages yet: take a step.
            </text>
          ) : null}
          {layout.arrows.map((a) => {
            const cut = a.status === 'dropped' || a.status === 'lost';
            const right = a.x2 >= a.x1;
            return (
              <g key={`${a.id}-${a.row}`} className={`pl-seq__arrow pl-seq__arrow--${a.status}`}>
                <title>{`#${a.id} ${a.label}${a.duplicate ? ' (duplicate)' : ''} ${a.from} → ${a.to}: ${a.status === 'inflight' ? 'in flight' : a.status} (sent step ${a.sentRow}${a.status === 'inflight' ? '' : `, ended step ${a.endRow}`})`}</title>
                <line x1={a.x1} y1={a.y1} x2={a.x2} y2={a.y2} markerEnd={a.status === 'delivered' ? `url(#arr${markerId})` : undefined} strokeDasharray={a.status === 'inflight' ? '5 4' : undefined} />
                <circle cx={a.x1} cy={a.y1} r={2.5} className="pl-seq__dot" />
                <text x={a.labelX} y={a.labelY} textAnchor="middle" className="pl-seq__msg">
                  {a.label}
                  {a.duplicate ? ' (dup)' : ''}
                </text>
                {cut ? (
                  <>
                    <text x={a.x2} y={a.y2 + 5} textAnchor="middle" className="pl-seq__x">
                      ✕
                    </text>
                    <text x={a.x2 + (right ? 9 : -9)} y={a.y2 + 4} textAnchor={right ? 'start' : 'end'} className="pl-seq__lost">
                      lost
                    </text>
                  </>
                ) : null}
              </g>
            );
          })}
          {layout.notes.map((n, i) => {
            const flip = n.x > layout.width - 96;
            return (
              <text key={i} x={flip ? n.x - 7 : n.x + 7} y={n.y + 4} textAnchor={flip ? 'end' : 'start'} className={`pl-seq__note pl-seq__note--${n.kind}`}>
                {n.text}
              </text>
            );
          })}
        </svg>
      </div>
    </div>
  );
}

/* ---------- timeline ---------- */

export function TimelinePanel(props: { timeline: Timeline; frames: Frame[]; dispatch: Dispatch; describeBranch: (steps: Timeline['steps'], at: number) => string }) {
  const { timeline: tl, frames, dispatch } = props;
  const list = useRef<HTMLOListElement>(null);
  useEffect(() => {
    const el = list.current?.querySelector('[aria-current="step"]');
    if (el && list.current) list.current.scrollTop = Math.max(0, (el as HTMLElement).offsetTop - list.current.offsetTop - 60);
  }, [tl.cursor]);
  const sliderId = useId();
  return (
    <Panel title="Timeline">
      <label htmlFor={sliderId} className="pl-small">
        Step {tl.cursor} of {tl.steps.length}
      </label>
      <input
        id={sliderId}
        type="range"
        className="pl-range"
        min={0}
        max={tl.steps.length}
        step={1}
        value={tl.cursor}
        onChange={(e) => dispatch({ type: 'timeline.seek', index: Number(e.currentTarget.value) })}
        aria-valuetext={`Step ${tl.cursor} of ${tl.steps.length}`}
        data-testid="scrubber"
      />
      <ol className="pl-steps" ref={list} start={0} data-testid="steps">
        {frames.map((f, i) => (
          <li key={i} aria-current={i === tl.cursor ? 'step' : undefined} className={i > tl.cursor ? 'pl-step--future' : undefined}>
            <button type="button" className="pl-linkbtn" onClick={() => dispatch({ type: 'timeline.seek', index: i })}>
              {i === 0 ? 'Start' : f.label}
              {i === tl.cursor ? <span className="pl-muted"> (now)</span> : i > tl.cursor ? <span className="pl-muted"> (ahead)</span> : null}
            </button>
          </li>
        ))}
      </ol>
      {tl.branches.length ? (
        <div className="pl-branches">
          <h5 className="pl-sub">Other branches (kept when you changed the past)</h5>
          <ul>
            {tl.branches.map((b, i) => (
              <li key={i}>
                {props.describeBranch(b, i)}{' '}
                <button type="button" className="pl-btn" onClick={() => dispatch({ type: 'branch.restore', index: i })} data-testid={`restore-branch-${i}`}>
                  Restore
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </Panel>
  );
}

/* ---------- narration ---------- */

export function NarrationLog({ frames, cursor }: { frames: Frame[]; cursor: number }) {
  const hid = useId();
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (box.current) box.current.scrollTop = box.current.scrollHeight;
  }, [cursor, frames]);
  const shown = frames.slice(1, cursor + 1);
  return (
    <Panel id={hid} title="What happened">
      <div className="pl-narration" ref={box} role="region" aria-labelledby={hid} data-testid="narration-log" tabIndex={0}>
        {shown.length === 0 ? <p className="pl-muted">Nothing yet: take a step.</p> : null}
        <ol>
          {shown.map((f, i) => (
            <li key={i} value={i + 1}>
              {f.narration}
            </li>
          ))}
        </ol>
      </div>
    </Panel>
  );
}

/* ---------- explorer ---------- */

/** A way to rerun the same schedule with an unsafe variant off, to see that the variant was the cause. */
export interface CompareSafe {
  /** The unsafe variant's label. */
  label: string;
  onRun: () => void;
}

export function ExplorerPanel(props: { explorer: ExplorerState; onStart: (() => void) | null; onCancel: () => void; onReplay: (invariant: string) => void; startLabel?: string; only?: string; compare?: CompareSafe[] }) {
  const ex = props.explorer;
  const fmt = (n: number) => n.toLocaleString('en');
  const summary = (r: ExploreResult) =>
    `Explored ${fmt(r.worlds)} worlds and ${fmt(r.transitions)} transitions to depth ${r.depth} in ${fmt(Math.round(r.ms))} ms` +
    (r.complete ? ' (the whole space).' : `; stopped early (${r.stoppedBy === 'cancel' ? 'cancelled' : `limit: ${r.stoppedBy}`}).`);
  const found = ex.status === 'done' ? ex.result.violations : ex.status === 'running' ? (ex.progress.violations ?? []) : [];
  const violations = found.filter((v) => !props.only || v.invariant === props.only);
  return (
    <Panel title="Find a violation" testId="explorer">
      <p className="pl-muted pl-small">The explorer tries every reachable run of this scenario (within its fault budget) and reports the shortest run that breaks each invariant.</p>
      <div className="pl-row">
        {props.onStart ? (
          <ActionButton className="pl-btn pl-btn--primary" off={ex.status === 'running'} why="the explorer is already searching" onAct={props.onStart} data-testid="find-violation" aria-keyshortcuts="f">
            {props.startLabel ?? 'Find a violation'}
          </ActionButton>
        ) : null}
        {ex.status === 'running' ? (
          <button type="button" className="pl-btn" onClick={props.onCancel} data-testid="cancel-explore">
            Cancel
          </button>
        ) : null}
      </div>
      {/* Announced by the stage's explorer line (ExplorerLine), which is always there. */}
      <div data-testid="explore-result" className="pl-explore-out">
        {ex.status === 'running' ? (
          <p>
            Searching…{' '}
            {/* The counts change many times a second: shown, not announced (start and result are). */}
            <span aria-live="off">
              {fmt(ex.progress.worlds)} worlds, {fmt(ex.progress.transitions)} transitions, depth {ex.progress.depth}.
            </span>
          </p>
        ) : null}
        {ex.status === 'running' && violations.length ? (
          <>
            <p>Found so far (each is already the shortest run for its invariant; the search goes on for the rest):</p>
            <ViolationList violations={violations} onReplay={props.onReplay} />
          </>
        ) : null}
        {ex.status === 'error' ? <p className="pl-error">The explorer stopped with an error: {ex.message}</p> : null}
        {ex.status === 'done' ? (
          <>
            <p>{summary(ex.result)}</p>
            {violations.length === 0 ? (
              <p>
                <span aria-hidden="true">✓ </span>
                {props.only ? `No run breaks "${props.only}"` : 'No invariant broke'} {ex.result.complete ? 'anywhere in the explored space.' : 'in the part explored.'}
              </p>
            ) : (
              <ViolationList violations={violations} onReplay={props.onReplay} />
            )}
          </>
        ) : null}
      </div>
      {props.compare?.length ? (
        <div className="pl-compare">
          <p className="pl-small">Was it the unsafe variant? Keep this exact schedule and turn the variant off: the run replays as far as the safe protocol allows, and says where it parts ways.</p>
          <div className="pl-row">
            {props.compare.map((c) => (
              <button key={c.label} type="button" className="pl-btn pl-btn--sm" onClick={c.onRun} data-testid="compare-safe">
                Same schedule with “{c.label}” off
              </button>
            ))}
          </div>
        </div>
      ) : null}
    </Panel>
  );
}

function ViolationList(props: { violations: ExploreResult['violations']; onReplay: (invariant: string) => void }) {
  return (
    <ul className="pl-violations">
      {props.violations.map((v) => (
        <li key={v.invariant} data-testid={`violation-${v.invariant}`}>
          <span aria-hidden="true">✗ </span>
          <strong>{v.title}</strong> broken in {v.choices.length} step{v.choices.length === 1 ? '' : 's'}
          {v.promised === false ? ' (this design does not promise it: a finding, not a bug)' : v.promised ? ' (this design promises it: a bug)' : ''}: {v.message}{' '}
          {v.loop ? <LoopNote steps={v.choices.length} loop={v.loop.length} /> : null}
          <button type="button" className="pl-btn" onClick={() => props.onReplay(v.invariant)} data-testid={`replay-${v.invariant}`}>
            Replay shortest run
          </button>
        </li>
      ))}
    </ul>
  );
}

/** How a liveness counterexample ends: in a loop that comes back to the same world, or at a dead end. */
function LoopNote(props: { steps: number; loop: number }) {
  if (props.loop === 0) return <span className="pl-loop">After step {props.steps} only faults can happen, and none helps. </span>;
  const from = props.steps + 1;
  const to = props.steps + props.loop;
  return (
    <span className="pl-loop">
      <span aria-hidden="true">↻ </span>
      The replay then plays step{props.loop === 1 ? ` ${from}` : `s ${from}–${to}`} once: {props.loop === 1 ? 'it leads' : 'they lead'} back to the world after step {props.steps}, and
      the run can go round forever without getting anywhere.{' '}
    </span>
  );
}

/* ---------- help ---------- */

export function HelpList() {
  return (
    <table className="pl-keys">
      <thead>
        <tr>
          <th scope="col">Key</th>
          <th scope="col">Does</th>
        </tr>
      </thead>
      <tbody>
        {SHORTCUTS.map((s) => (
          <tr key={s.label}>
            <td>
              <kbd>{s.label}</kbd>
            </td>
            <td>{s.description}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/* ---------- share and export ---------- */

export function SharePanel(props: {
  share: { url: string; copied: boolean } | null;
  mermaid: string | null;
  copyNote: string;
  onShare: () => void;
  onJSON: () => void;
  onMermaid: () => void;
  onCopyMermaid: () => void;
  onDownloadMermaid: () => void;
}) {
  const { share, mermaid } = props;
  return (
    <Panel title="Share and export">
      <p className="pl-muted pl-small">Send this exact run to someone, or take it into your notes.</p>
      <div className="pl-row">
        <button type="button" className="pl-btn pl-btn--sm" onClick={props.onShare} data-testid="share" aria-keyshortcuts="s">
          Share link
        </button>
        <button type="button" className="pl-btn pl-btn--sm" onClick={props.onJSON} data-testid="export-json">
          Export JSON
        </button>
        <button type="button" className="pl-btn pl-btn--sm" onClick={props.onMermaid} data-testid="export-mermaid">
          Export Mermaid
        </button>
      </div>
      {share ? (
        <p>
          <label className="pl-field pl-field--wide">
            <span>Share link {share.copied ? '(copied to the clipboard)' : '(copy it from here)'}</span>
            <input type="text" readOnly value={share.url} onFocus={(e) => e.currentTarget.select()} data-testid="share-link" />
          </label>
        </p>
      ) : null}
      {mermaid != null ? (
        <div>
          <label className="pl-field pl-field--wide">
            <span>Mermaid sequenceDiagram</span>
            <textarea readOnly rows={6} value={mermaid} data-testid="mermaid-text" />
          </label>
          <div className="pl-row">
            <button type="button" className="pl-btn pl-btn--sm" onClick={props.onCopyMermaid}>
              Copy
            </button>
            <button type="button" className="pl-btn pl-btn--sm" onClick={props.onDownloadMermaid}>
              Download .mmd
            </button>
            <span role="status">{props.copyNote}</span>
          </div>
        </div>
      ) : null}
    </Panel>
  );
}
