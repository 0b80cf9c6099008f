/**
 * The player: wires the modes statechart (around the session reducer), the kernel, the explorer worker, the play timer, the
 * keyboard and the share link to the views. Used full-size by <Simulation> and compact by
 * break-it quiz questions.
 */
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useActorRef, useSelector } from '@xstate/react';
import './player.css';
import { downloadText } from '../../browser/download.ts';
import { goalsMet, historySteps, kernel, protocols, stateDiagram, decodeRun, encodeRun, runToJSON, toSequenceDiagram } from './kernel.ts';
import type { Choice, Protocol, StateDiagram } from './model.ts';
import { allowedChoices, faultsSpent, createReducer, currentRun, findScenario, firstBroken, initSession, replayFrames, SPEEDS, type SessionEvent } from './session.ts';
import { hashAction, linkTarget, pickSlot, shareUrl } from './hash.ts';
import { shortcutFor } from './shortcuts.ts';
import { useExplorer } from './useExplorer.ts';
import { playerMachine } from './player-machine.ts';
import { ExplorerLine, GoalList, InvariantSummary, MoveAnnouncer, RunMeters, StepNow } from './RunStatus.tsx';
import { TopologyView } from './TopologyView.tsx';
import { SelectionBar } from './SelectionBar.tsx';
import { ActionButton } from './ActionButton.tsx';
import { ClampedText } from './ClampedText.tsx';
import { HistoryView } from './HistoryView.tsx';
import { Tabs, type TabSpec } from './Tabs.tsx';
import { liveSelection, type CanvasItem } from './canvas-selection.ts';
import { ChoiceList, ExplorerPanel, HelpList, InvariantPanel, NarrationLog, NetworkPanel, NodeCard, SequenceChart, SharePanel, TimelinePanel, type CompareSafe } from './views.tsx';

export interface BreakItMode {
  /** Invariant the reader must break. */
  invariant: string;
  /** Most faults the reader may spend, all kinds together. */
  maxFaults: number;
  /** Called once, the first time the invariant breaks by the reader's own steps. */
  onBroken: (steps: number) => void;
  /** Called when the reader gives up (the player then replays `solution`, or the explorer's shortest counterexample). */
  onGiveUp: () => void;
  /**
   * The run the question's explanation walks through (choices after the opening ones). When given,
   * giving up replays exactly it, so what the reader watches is what the explanation says.
   */
  solution?: Choice[];
  /** Called once after giving up, when the counterexample has finished replaying (or none was found). */
  onShown?: () => void;
}

export interface PlayerCoreProps {
  protocolId: string;
  scenarioId: string;
  flags?: Record<string, boolean>;
  title: string;
  /** The page already shows the title next to the player: keep the heading for screen readers only. */
  titleHidden?: boolean;
  /** Break-it quiz mode: compact layout, capped faults, a target invariant. */
  breakIt?: BreakItMode;
  /** Read and answer `#sim=` share links (the full player only). */
  useHash?: boolean;
  /** Choices (after the scenario prefix) to open with; the cursor starts at their end. */
  initialChoices?: Choice[];
  /** Open on the scenario's size instead of its default (a run found at another size replays only there). */
  size?: number;
  /** With `initialChoices`, put the cursor at the start so Step walks the run from its first choice. */
  startAtBeginning?: boolean;
}

const reduce = createReducer(kernel);
const diagramCache = new Map<string, StateDiagram | null>();

function diagramFor(protocol: Protocol, role: string, flags: Record<string, boolean>): StateDiagram | null {
  const key = `${protocol.id}/${role}/${JSON.stringify(flags)}`;
  if (!diagramCache.has(key)) {
    const machine = protocol.machines[role];
    let d: StateDiagram | null = null;
    try {
      d = machine ? stateDiagram(machine, { protocol, role, flags }) : null;
    } catch {
      d = null;
    }
    diagramCache.set(key, d);
  }
  return diagramCache.get(key) ?? null;
}

function download(name: string, text: string, type: string) {
  downloadText(document, name, text, type);
}

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

export default function PlayerCore(props: PlayerCoreProps) {
  const protocol = protocols[props.protocolId];
  if (!protocol) return <p className="pl-error">Unknown protocol "{props.protocolId}".</p>;
  return <PlayerInner {...props} protocol={protocol} />;
}

function PlayerInner(props: PlayerCoreProps & { protocol: Protocol }) {
  const { protocol, breakIt } = props;
  const compact = !!breakIt;
  // The player's modes are a statechart (player-machine.ts) around the pure session reducer.
  const [initial] = useState(() => {
    const first = initSession(kernel, { protocol, scenarioId: props.scenarioId, flags: props.flags, size: props.size, maxFaults: breakIt?.maxFaults ?? null });
    if (!props.initialChoices?.length) return first;
    const loaded = reduce(first, { type: 'run.load', run: { protocol: protocol.id, scenario: first.scenarioId, config: first.config, choices: props.initialChoices } });
    return props.startAtBeginning ? reduce(loaded, { type: 'step.first' }) : loaded;
  });
  const actor = useActorRef(playerMachine, { input: { kernel, initial } });
  const s = useSelector(actor, (snap) => snap.context);
  const playing = useSelector(actor, (snap) => snap.matches({ run: 'playing' }) || snap.matches({ run: 'replaying' }));
  const dispatch = useCallback((e: SessionEvent) => actor.send(e), [actor]);
  const uid = useId();
  const helpRef = useRef<HTMLDialogElement>(null);
  const [share, setShare] = useState<{ url: string; copied: boolean } | null>(null);
  const [mermaid, setMermaid] = useState<string | null>(null);
  const [copyNote, setCopyNote] = useState('');
  // Variants start closed: the summary names every variant that is switched on, so an embed that
  // opens with one on says so in one line instead of pushing the canvas below the fold.
  const [variantsOpen, setVariantsOpen] = useState(false);
  /** What the reader picked on the canvas; the node whose details the Node tab shows; the open tab. */
  const [selection, setSelection] = useState<CanvasItem | null>(null);
  const [detailId, setDetailId] = useState<string | null>(null);
  /** The explorer's stage line goes once the reader replays what it found (until the next search). */
  const [replayedFound, setReplayedFound] = useState(false);
  const [tab, setTab] = useState<string>(() => (breakIt ? 'explore' : findScenario(protocol, props.scenarioId)?.tryThis.length ? 'goals' : 'invariants'));
  const explorer = useExplorer(dispatch);
  const autoReplay = useRef<string | null>(null);
  const reported = useRef(false);

  const scenario = findScenario(protocol, s.scenarioId);
  const tl = s.timeline;
  const replay = useMemo(() => (tl ? replayFrames(kernel, protocol, s.config, { ...tl, cursor: tl.steps.length }) : null), [protocol, s.config, tl?.root, tl?.steps]);
  const frames = replay?.frames ?? [];
  const cursor = tl ? Math.min(tl.cursor, frames.length - 1) : 0;
  const frame = frames[cursor];
  const world = frame?.world ?? null;
  const allowed = useMemo(() => (world ? allowedChoices(kernel, s, world) : []), [world, s.config, s.maxFaults, s.timeline?.root, protocol]);
  const spent = world ? faultsSpent(s, world) : 0;
  const nodes = useMemo(() => (world ? kernel.viewNodes(protocol, world) : []), [world, protocol]);
  const nodeIds = useMemo(() => (frames[0] ? Object.keys(frames[0].world.nodes) : []), [frames]);
  const broken = useMemo(() => firstBroken(frames), [frames]);
  const describe = useCallback((c: Choice) => (world ? kernel.describeChoice(world, c, protocol) : c.kind), [world, protocol]);
  const descriptions = useMemo(() => Object.fromEntries(protocol.invariants.map((i) => [i.name, i.description])), [protocol]);

  // A new run (reset, replay, a loaded link) starts with nothing picked on the canvas.
  useEffect(() => setSelection(null), [tl?.root]);

  // Play / pause: the timer lives here; the reducer picks the step (seeded, never a fault).
  useEffect(() => {
    if (!playing) return;
    const t = setInterval(() => dispatch({ type: 'play.tick' }), 1000 / s.speed);
    return () => clearInterval(t);
  }, [playing, s.speed, dispatch]);

  // Share links: load `#sim=` on arrival and when the hash changes. Of a page's players, only the
  // one `pickSlot` names answers (the one opening on the link's scenario, if any).
  const rootRef = useRef<HTMLDivElement>(null);
  // Keyboard focus must never fall to the page: when the control that took a step goes away (a
  // delivered message's row, a fired timer), put focus on a control that is always there.
  const focusInside = useRef(false);
  const lastGroup = useRef<string | null>(null);
  useEffect(() => {
    const root = rootRef.current;
    if (!root || !focusInside.current) return;
    const active = document.activeElement;
    if (active && active !== document.body && active.isConnected) return;
    // Back to the same group (the choice list, the canvas) when the reader was working in it, else to Step.
    const inList = lastGroup.current ? root.querySelector<HTMLElement>(`[data-focus-group="${lastGroup.current}"] [tabindex="0"]`) : null;
    const stable = inList ?? root.querySelector<HTMLElement>('[data-testid=step-forward]') ?? root;
    stable.focus({ preventScroll: true });
  });
  useEffect(() => {
    if (!props.useHash) return;
    const apply = () => {
      const hash = window.location.hash;
      if (!hash.includes('sim=')) return;
      const sections = Array.from(document.querySelectorAll<HTMLElement>('.cl-simulation[data-protocol]'));
      const mine = rootRef.current?.closest<HTMLElement>('.cl-simulation[data-protocol]');
      if (mine) {
        const slots = sections.map((el) => ({ protocol: el.dataset.protocol ?? '', scenario: el.dataset.scenario ?? '' }));
        if (sections[pickSlot(slots, linkTarget(hash))] !== mine) return;
      }
      const act = hashAction(hash, protocol.id, (text) => decodeRun(text, protocols));
      if (act.kind === 'load') {
        dispatch({ type: 'run.load', run: act.run, notice: act.notice, shared: true });
        sharedRun.current = encodeRun(act.run, protocol);
      }
      else if (act.kind === 'error') dispatch({ type: 'run.load', run: { protocol: protocol.id, scenario: props.scenarioId, config: s.config, choices: [] }, notice: act.message });
      if (act.kind !== 'none') rootRef.current?.scrollIntoView({ block: 'start' });
    };
    apply();
    window.addEventListener('hashchange', apply);
    return () => window.removeEventListener('hashchange', apply);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [props.useHash, protocol.id]);

  // A shared run stays in the address only while the reader is looking at it: once they step on
  // or change it, the address drops it (replaced, not pushed), so a reload shows their own page.
  const sharedRun = useRef<string | null>(null);
  const sharedShown = useRef(false);
  useEffect(() => {
    if (!sharedRun.current || !props.useHash) return;
    const run = currentRun(s);
    if (run && encodeRun(run, protocol) === sharedRun.current) {
      sharedShown.current = true;
      return;
    }
    if (!sharedShown.current) return; // the shared run has not been loaded yet
    sharedRun.current = null;
    sharedShown.current = false;
    if (window.location.hash.includes('sim=')) history.replaceState(history.state, '', window.location.pathname + window.location.search);
  }, [s, protocol, props.useHash]);

  // Break-it: report the first time the target invariant breaks at the cursor.
  useEffect(() => {
    if (!breakIt || reported.current || !frame) return;
    const r = frame.invariants.find((x) => x.name === breakIt.invariant);
    if (r && !r.holds && r.kind !== 'observation') {
      reported.current = true;
      breakIt.onBroken(cursor);
    }
  }, [frame, breakIt, cursor]);

  // After "give up", replay the counterexample as soon as the explorer finds it, and say when the
  // replay is over (a quiz may close the question then).
  const awaitingShown = useRef(false);
  useEffect(() => {
    if (s.explorer.status === 'done' && autoReplay.current) {
      const inv = autoReplay.current;
      autoReplay.current = null;
      if (s.explorer.result.violations.some((v) => v.invariant === inv)) dispatch({ type: 'explore.replay', invariant: inv });
      else if (awaitingShown.current) {
        awaitingShown.current = false;
        breakIt?.onShown?.();
      }
      return;
    }
    if (s.explorer.status === 'error' && awaitingShown.current) {
      awaitingShown.current = false;
      breakIt?.onShown?.();
      return;
    }
    if (awaitingShown.current && !autoReplay.current && (s.explorer.status === 'done' || replayingSolution.current) && !playing && tl && tl.cursor === tl.steps.length && tl.steps.length > 0) {
      awaitingShown.current = false;
      breakIt?.onShown?.();
    }
  }, [s.explorer, playing, tl, breakIt]);

  const replayFound = useCallback(
    (invariant: string) => {
      setReplayedFound(true);
      dispatch({ type: 'explore.replay', invariant });
    },
    [dispatch],
  );

  const startExplore = useCallback(() => {
    if (!scenario || s.explorer.status === 'running') return;
    setReplayedFound(false);
    const budget = s.timeline?.root.budget;
    explorer.start({ protocolId: protocol.id, scenarioId: scenario.id, config: s.config, budget, maxFaults: s.maxFaults ?? undefined });
  }, [explorer, protocol.id, scenario, s.config, s.explorer.status, s.timeline, s.maxFaults]);

  const replayingSolution = useRef(false);
  const giveUp = useCallback(() => {
    if (!breakIt) return;
    reported.current = true;
    awaitingShown.current = true;
    breakIt.onGiveUp();
    if (breakIt.solution?.length) {
      replayingSolution.current = true;
      const choices = [...(props.initialChoices ?? []), ...breakIt.solution];
      dispatch({ type: 'run.load', run: { protocol: protocol.id, scenario: s.scenarioId, config: s.config, choices }, play: true });
      return;
    }
    autoReplay.current = breakIt.invariant;
    startExplore();
  }, [breakIt, startExplore, dispatch, protocol.id, props.initialChoices, s.scenarioId, s.config]);

  const makeShare = useCallback(async () => {
    const run = currentRun(s);
    if (!run) return;
    const url = shareUrl(window.location.href, encodeRun(run, protocol));
    try {
      history.replaceState(history.state, '', url);
    } catch {
      /* some embeds forbid it; the link is still shown */
    }
    setShare({ url, copied: await copyText(url) });
  }, [s, protocol]);

  const exportJSON = useCallback(() => {
    const run = currentRun(s, false);
    if (run) download(`${run.protocol}-${run.scenario}-run.json`, runToJSON(run), 'application/json');
  }, [s]);

  const exportMermaid = useCallback(() => {
    const run = currentRun(s);
    if (run) setMermaid(toSequenceDiagram(protocol, run));
  }, [s, protocol]);

  const onKeyDown = useCallback(
    (e: React.KeyboardEvent<HTMLElement>) => {
      if (helpRef.current?.open) return;
      const t = e.target as HTMLElement;
      const action = shortcutFor({
        key: e.key,
        ctrlKey: e.ctrlKey,
        metaKey: e.metaKey,
        altKey: e.altKey,
        targetTag: t.tagName,
        targetType: (t as HTMLInputElement).type,
        targetEditable: t.isContentEditable,
        targetRole: t.getAttribute('role') ?? undefined,
      });
      if (!action || (compact && action.type === 'share')) return;
      e.preventDefault();
      switch (action.type) {
        case 'choice.nth': {
          const c = allowed[action.index];
          if (c) dispatch({ type: 'choice.take', choice: c });
          return;
        }
        case 'explore.start':
          if (compact) giveUp();
          else startExplore();
          return;
        case 'explore.cancel':
          explorer.cancel();
          return;
        case 'share':
          setTab('share');
          void makeShare();
          return;
        case 'help':
          helpRef.current?.showModal();
          return;
        default:
          dispatch(action as SessionEvent);
      }
    },
    [allowed, compact, explorer, giveUp, makeShare, startExplore],
  );

  const descId = `${uid}-desc`;
  const compareSafe: CompareSafe[] = protocol.flags
    .filter((f) => f.unsafe && (s.config.flags[f.name] ?? f.default))
    .map((f) => ({ label: f.label, onRun: () => dispatch({ type: 'flag.set', name: f.name, value: false }) }));
  const unsafeOn = protocol.flags.filter((f) => f.unsafe && (s.config.flags[f.name] ?? f.default));
  const changed = protocol.flags.filter((f) => (s.config.flags[f.name] ?? f.default) !== f.default);
  const flagsOn = changed.length;
  const safeChanged = changed.filter((f) => !f.unsafe);
  const selected = world ? liveSelection(selection, world) : null;
  const detailNode = nodes.find((n) => n.id === (detailId ?? (selected?.kind === 'node' ? selected.id : null))) ?? nodes[0];
  const goalCount = scenario?.tryThis.length ?? 0;
  const met = tl && frame && scenario && goalCount ? goalsMet(protocol, scenario, s.config, frame.world, tl.steps.slice(0, cursor)).filter(Boolean).length : 0;
  const brokenNow = frame ? frame.invariants.filter((r) => r.kind !== 'observation' && !r.holds).length : 0;
  const tabs: TabSpec[] = [
    ...(goalCount ? [{ id: 'goals', label: `Goals ${met}/${goalCount}` }] : []),
    { id: 'node', label: `Node ${detailNode?.id ?? ''}` },
    {
      id: 'invariants',
      label: (
        <>
          Invariants <span aria-hidden="true">{brokenNow ? `✗${brokenNow}` : '✓'}</span>
          <span className="pl-sr">{brokenNow ? `, ${brokenNow} broken` : ', all hold'}</span>
        </>
      ),
    },
    { id: 'network', label: `Network (${world?.inFlight.length ?? 0})` },
    { id: 'history', label: 'History' },
    ...(protocol.history ? [{ id: 'clients', label: 'Clients' }] : []),
    { id: 'explore', label: compact ? 'Show me' : 'Find a violation' },
    ...(!compact ? [{ id: 'share', label: 'Share' }] : []),
  ];
  const openTab = (id: string) => {
    setTab(id);
    requestAnimationFrame(() => rootRef.current?.querySelector('.pl-tabs')?.scrollIntoView({ block: 'nearest' }));
  };
  const previous = tl && cursor > 0 && !s.moved && frames[cursor - 1] && frame?.choice ? { world: frames[cursor - 1].world, choice: frame.choice, step: cursor } : null;

  return (
    <div
      ref={rootRef}
      className={`pl-root${compact ? ' pl-root--compact' : ''}`}
      onKeyDown={onKeyDown}
      onFocus={(e) => {
        focusInside.current = true;
        lastGroup.current = (e.target as Element).closest('[data-focus-group]')?.getAttribute('data-focus-group') ?? null;
      }}
      // Focus that leaves for somewhere else (another control, the page's text) ends the guard. A
      // control removed from the page also blurs, but is no longer connected: that keeps it.
      onBlur={(e) => {
        const left = e.target;
        const to = e.relatedTarget as Node | null;
        const root = e.currentTarget;
        queueMicrotask(() => {
          if (left.isConnected && !(to && root.contains(to))) focusInside.current = false;
        });
      }}
      tabIndex={-1}
      data-testid="player"
      data-protocol={protocol.id}
    >
      {!compact ? (
        <header className="pl-top">
          {/* The scenario menu shows the title already; the heading names the player for screen readers. */}
          <h3 className="pl-sr">{props.title}</h3>
          <div className="pl-config">
            <label className="pl-field pl-field--inline pl-field--grow">
              <span>Scenario</span>
              <select value={s.scenarioId} onChange={(e) => dispatch({ type: 'scenario.select', id: e.currentTarget.value })} data-testid="scenario-select" aria-describedby={descId}>
                {protocol.scenarios.map((sc) => (
                  <option key={sc.id} value={sc.id}>
                    {sc.title}
                  </option>
                ))}
              </select>
            </label>
            {protocol.sizes.max > protocol.sizes.min && <label className="pl-field pl-field--inline">
              <span>{protocol.sizeLabel ?? 'Participants'}</span>
              <select value={s.config.size} onChange={(e) => dispatch({ type: 'size.set', size: Number(e.currentTarget.value) })} data-testid="size-select">
                {Array.from({ length: protocol.sizes.max - protocol.sizes.min + 1 }, (_, i) => protocol.sizes.min + i).map((n) => (
                  <option key={n} value={n}>
                    {n}
                  </option>
                ))}
              </select>
            </label>}
            {(protocol.params ?? []).filter((spec) => !spec.onlyWith || (s.config.flags[spec.onlyWith] ?? protocol.flags.find((f) => f.name === spec.onlyWith)?.default)).map((spec) => (
              <label key={spec.name} className="pl-field pl-field--inline" title={spec.description}>
                <span>{spec.label}</span>
                <select value={s.config.params?.[spec.name] ?? spec.default} onChange={(e) => dispatch({ type: 'param.set', name: spec.name, value: Number(e.currentTarget.value) })} data-testid={`param-${spec.name}`}>
                  {Array.from({ length: spec.max - spec.min + 1 }, (_, i) => spec.min + i).map((n) => (
                    <option key={n} value={n}>
                      {n}
                    </option>
                  ))}
                </select>
              </label>
            ))}
          </div>
          {scenario ? <ClampedText id={descId} text={scenario.description} className="pl-scenario" /> : null}
          {protocol.flags.length ? (
            <details className="pl-disclosure pl-variants" open={variantsOpen} onToggle={(e) => setVariantsOpen(e.currentTarget.open)}>
              <summary>
                Variants <span className="pl-muted">({protocol.flags.length}{flagsOn ? `, ${flagsOn} on` : ''})</span>
                {safeChanged.length ? (
                  <span className="pl-muted pl-safe-on">
                    {' '}
                    {safeChanged.map((f) => `${f.label}${(s.config.flags[f.name] ?? f.default) ? '' : ' (off)'}`).join(', ')}
                  </span>
                ) : null}
                {unsafeOn.length ? (
                  <span className="pl-badge pl-badge--warn pl-unsafe-on">
                    <span aria-hidden="true">⚠ </span>unsafe on: {unsafeOn.map((f) => f.label).join(', ')}
                  </span>
                ) : null}
              </summary>
              <fieldset className="pl-flags">
                <legend className="pl-sr">Variants</legend>
                {protocol.flags.map((f) => (
                  <label key={f.name} className="pl-check" title={f.description}>
                    <input type="checkbox" checked={s.config.flags[f.name] ?? f.default} onChange={(e) => dispatch({ type: 'flag.set', name: f.name, value: e.currentTarget.checked })} data-testid={`flag-${f.name}`} />
                    <span>
                      {f.label}
                      {f.unsafe ? (
                        <span className="pl-badge pl-badge--warn">
                          <span aria-hidden="true">⚠ </span>unsafe
                        </span>
                      ) : null}
                      <span className="pl-muted pl-small pl-block">{f.description}</span>
                    </span>
                  </label>
                ))}
              </fieldset>
            </details>
          ) : null}
        </header>
      ) : (
        <p className="pl-small">
          Break <strong>{protocol.invariants.find((i) => i.name === breakIt!.invariant)?.title ?? breakIt!.invariant}</strong> using at most {breakIt!.maxFaults} fault{breakIt!.maxFaults === 1 ? '' : 's'}.
        </p>
      )}

      {s.notice ? (
        <div className={`pl-notice pl-notice--${s.notice.tone}`} role={s.notice.tone === 'error' ? 'alert' : 'status'} data-testid="notice">
          <span aria-hidden="true">{s.notice.tone === 'error' ? '⚠ ' : 'ℹ '}</span>
          {s.notice.text}{' '}
          {s.undo ? (
            <button type="button" className="pl-linkbtn" onClick={() => dispatch({ type: 'config.undo' })} data-testid="undo">
              Undo
            </button>
          ) : null}{' '}
          <button type="button" className="pl-linkbtn" onClick={() => dispatch({ type: 'notice.dismiss' })}>
            Dismiss
          </button>
        </div>
      ) : null}
      {s.startError ? (
        <p className="pl-error" role="alert">
          {s.startError}
        </p>
      ) : null}
      {replay?.error ? (
        <p className="pl-error" role="alert">
          {replay.error}
        </p>
      ) : null}

      {tl && world && frame ? (
        <>
          <div className="pl-controls" role="toolbar" aria-label="Simulation controls">
            <ActionButton className="pl-btn" off={cursor === 0} why="already at the start of the scenario" onAct={() => dispatch({ type: 'step.back' })} aria-label="Step back" data-testid="step-back" aria-keyshortcuts="ArrowLeft">
              <span aria-hidden="true">◀</span>
              <span className="pl-wide-only"> Back</span>
            </ActionButton>
            <button type="button" className="pl-btn pl-btn--primary" onClick={() => dispatch({ type: 'step.forward' })} aria-label="Step forward" data-testid="step-forward" aria-keyshortcuts="ArrowRight">
              Step<span aria-hidden="true"> ▶</span>
            </button>
            <button type="button" className="pl-btn" onClick={() => dispatch({ type: 'play.toggle' })} aria-pressed={playing} data-testid="play" aria-label={playing ? 'Pause' : 'Play'} aria-keyshortcuts="Space" title="Play a random schedule, one step at a time">
              <span aria-hidden="true">{playing ? '❚❚ ' : '▶▶ '}</span>
              {playing ? 'Pause' : 'Play'}
            </button>
            <label className="pl-field pl-field--inline">
              <span className="pl-sr">Speed</span>
              <select value={s.speed} onChange={(e) => dispatch({ type: 'speed.set', speed: Number(e.currentTarget.value) })} data-testid="speed" aria-label="Speed">
                {SPEEDS.map((v) => (
                  <option key={v} value={v}>
                    {v}/s
                  </option>
                ))}
              </select>
            </label>
            <button type="button" className="pl-btn" onClick={() => dispatch({ type: 'sim.reset' })} data-testid="reset" aria-label="Reset">
              <span aria-hidden="true">↺</span>
              <span className="pl-wide-only"> Reset</span>
            </button>
            <button type="button" className="pl-btn" onClick={() => helpRef.current?.showModal()} data-testid="help" aria-keyshortcuts="?" aria-label="Keys: keyboard shortcuts">
              <span aria-hidden="true">⌨</span>
              <span className="pl-wide-only"> Keys</span>
            </button>
          </div>
          <MoveAnnouncer moved={s.moved} frames={frames} />
          <p className="pl-sr" role="status">
            {share ? (share.copied ? 'Share link copied to the clipboard.' : 'Share link ready: copy it from the text field in the Share tab.') : ''}
          </p>

          <div className="pl-stage">
            <TopologyView protocol={protocol} world={world} nodes={nodes} trace={frame.trace} allowed={allowed} dispatch={dispatch} selection={selected} onSelect={setSelection} previous={previous} />
            <SelectionBar
              protocol={protocol}
              world={world}
              nodes={nodes}
              allowed={allowed}
              maxFaults={s.maxFaults}
              spent={spent}
              selection={selected}
              hint={cursor === 0}
              dispatch={dispatch}
              onDetails={(id) => {
                setDetailId(id);
                openTab('node');
              }}
            />
            <StepNow frames={frames} cursor={cursor} total={tl.steps.length} moved={s.moved} playing={playing} />
            <div className="pl-status">
              <InvariantSummary frame={frame} firstBroken={broken} onOpen={() => openTab('invariants')} />
              {scenario && !compact ? <RunMeters protocol={protocol} scenario={scenario} config={s.config} frames={frames} cursor={cursor} /> : null}
            </div>
            {/* Once a found run is replayed, the notice and the invariants line speak for it. */}
            <ExplorerLine explorer={s.explorer} only={breakIt?.invariant} onReplay={replayFound} onOpen={() => openTab('explore')} hidden={replayedFound} />
            <ChoiceList allowed={allowed} describe={describe} dispatch={dispatch} />
          </div>

          <Tabs label="Details" tabs={tabs} current={tabs.some((t) => t.id === tab) ? tab : tabs[0].id} onChange={setTab}>
            {tab === 'goals' && scenario && goalCount ? <GoalList protocol={protocol} scenario={scenario} config={s.config} frames={frames} timeline={tl} cursor={cursor} /> : null}
            {tab === 'node' && detailNode ? (
              <>
                <div className="pl-row" role="group" aria-label="Show the details of">
                  {nodes.map((n) => (
                    <button key={n.id} type="button" className="pl-btn pl-btn--sm" aria-pressed={n.id === detailNode.id} onClick={() => setDetailId(n.id)} data-testid={`show-node-${n.id}`}>
                      {n.id}
                    </button>
                  ))}
                </div>
                <NodeCard node={detailNode} diagram={diagramFor(protocol, detailNode.role, s.config.flags)} world={world} />
              </>
            ) : null}
            {tab === 'invariants' ? <InvariantPanel results={frame.invariants} descriptions={descriptions} firstBroken={broken} cursor={cursor} target={breakIt?.invariant} dispatch={dispatch} /> : null}
            {tab === 'network' ? <NetworkPanel world={world} maxFaults={s.maxFaults} spent={spent} /> : null}
            {tab === 'history' ? (
              <>
                <NarrationLog frames={frames} cursor={cursor} />
                <SequenceChart nodeIds={nodeIds} frames={frames} cursor={cursor} compact={compact} />
                <TimelinePanel
                  timeline={{ ...tl, cursor }}
                  frames={frames}
                  dispatch={dispatch}
                  describeBranch={(steps) => {
                    let common = 0;
                    while (common < steps.length && common < tl.steps.length && JSON.stringify(steps[common]) === JSON.stringify(tl.steps[common])) common++;
                    return `${steps.length} steps, leaves this line after step ${common}`;
                  }}
                />
              </>
            ) : null}
            {tab === 'clients' && protocol.history ? (
              <HistoryView
                ops={historySteps(protocol, s.config, tl.root, tl.steps.slice(0, cursor)).map((o) => ({ client: o.client, op: o.op, value: o.value as number | string | null, invokedAt: o.invokedStep, completedAt: o.completedStep, outcome: o.outcome }))}
                cursor={cursor}
                problems={frame.invariants.filter((r) => !r.holds && r.ops?.length).map((r) => ({ title: r.title, message: r.message ?? '', ops: r.ops ?? [] }))}
              />
            ) : null}
            {tab === 'explore' ? (
              compact ? (
                <ExplorerPanel explorer={s.explorer} onStart={giveUp} startLabel="Give up / show me" onCancel={explorer.cancel} onReplay={replayFound} only={breakIt!.invariant} />
              ) : (
                <ExplorerPanel explorer={s.explorer} onStart={startExplore} onCancel={explorer.cancel} onReplay={replayFound} compare={compareSafe} />
              )
            ) : null}
            {tab === 'share' && !compact ? (
              <SharePanel share={share} mermaid={mermaid} copyNote={copyNote} onShare={() => void makeShare()} onJSON={exportJSON} onMermaid={exportMermaid} onCopyMermaid={async () => setCopyNote((await copyText(mermaid ?? '')) ? 'Copied.' : 'Copy failed: select the text above.')} onDownloadMermaid={() => mermaid != null && download(`${protocol.id}-${s.scenarioId}.mmd`, mermaid, 'text/plain')} />
            ) : null}
          </Tabs>
        </>
      ) : null}

      <dialog ref={helpRef} className="pl-dialog" aria-labelledby={`${uid}-help`}>
        <h4 id={`${uid}-help`}>Keyboard shortcuts</h4>
        <p className="pl-small">They work while focus is anywhere inside the player, except when typing in a field.</p>
        <HelpList />
        <form method="dialog">
          <button type="submit" className="pl-btn" autoFocus>
            Close
          </button>
        </form>
      </dialog>
    </div>
  );
}
