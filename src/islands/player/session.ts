/**
 * The player's controller: UI-agnostic state and one pure reducer over typed events.
 *
 * React keeps a `SessionState` in `useReducer(createReducer(kernel), …)`; the views only read it
 * (and the frames `replayFrames` derives from it) and dispatch `SessionEvent`s. Nothing here
 * touches the DOM, a clock or `Math.random`: the auto-play scheduler is seeded, so a seed and a
 * scenario always play the same run.
 */
import type {
  Choice,
  Config,
  ExploreProgress,
  ExploreResult,
  InvariantResult,
  PlayerKernel,
  Protocol,
  Run,
  Scenario,
  StepTrace,
  Timeline,
  World,
} from './model.ts';

/** Auto-play speeds, in steps per second. */
export const SPEEDS = [0.5, 1, 2, 4, 8] as const;

export type ExplorerState =
  | { status: 'idle' }
  | { status: 'running'; progress: ExploreProgress }
  | { status: 'done'; result: ExploreResult }
  | { status: 'error'; message: string };

export interface SessionState {
  protocol: Protocol;
  scenarioId: string;
  config: Config;
  /** Most faults (of all kinds together) the reader may spend; null for the scenario's own budget. */
  maxFaults: number | null;
  /** Null when the scenario could not start (startError says why). */
  timeline: Timeline | null;
  startError: string | null;
  playing: boolean;
  /** While replaying a loaded run: stop at its end instead of letting the scheduler go on. */
  stopAtEnd: boolean;
  /** Steps per second while playing. */
  speed: number;
  /** Seed of the auto-play scheduler. */
  seed: number;
  /** Node the reader last focused, or null. */
  selected: string | null;
  explorer: ExplorerState;
  /** One message for the reader (a bad link, a refused step); null when there is none. */
  notice: { tone: 'info' | 'error'; text: string } | null;
  /**
   * What the last configuration change (scenario, size or variant) replaced, when it could not keep
   * the whole run: `config.undo` puts it back. Null when there is nothing to undo.
   */
  undo: { scenarioId: string; config: Config; timeline: Timeline } | null;
  /**
   * How the cursor last moved, for the narration's live region: a step taken is announced by its
   * own narration; moves back, jumps and resets say where they landed. Null after a plain step.
   */
  moved: { kind: 'back' | 'jump' | 'reset' | 'reconfigured'; cursor: number } | null;
}

export type SessionEvent =
  | { type: 'step.forward' }
  | { type: 'step.back' }
  | { type: 'step.first' }
  | { type: 'step.last' }
  | { type: 'play.toggle' }
  | { type: 'play.stop' }
  | { type: 'play.tick' }
  | { type: 'speed.set'; speed: number }
  | { type: 'speed.up' }
  | { type: 'speed.down' }
  | { type: 'choice.take'; choice: Choice }
  | { type: 'timeline.seek'; index: number }
  | { type: 'branch.restore'; index: number }
  | { type: 'scenario.select'; id: string }
  | { type: 'flag.set'; name: string; value: boolean }
  | { type: 'size.set'; size: number }
  | { type: 'param.set'; name: string; value: number }
  | { type: 'sim.reset' }
  | { type: 'config.undo' }
  | { type: 'run.load'; run: Run; notice?: string; play?: boolean; shared?: boolean }
  | { type: 'node.select'; id: string | null }
  | { type: 'notice.dismiss' }
  | { type: 'explore.start' }
  | { type: 'explore.progress'; progress: ExploreProgress }
  | { type: 'explore.done'; result: ExploreResult }
  | { type: 'explore.error'; message: string }
  | { type: 'explore.cancel' }
  | { type: 'explore.replay'; invariant: string };

export interface SessionInit {
  protocol: Protocol;
  scenarioId: string;
  /** Flag overrides on top of the scenario's configuration. */
  flags?: Record<string, boolean>;
  size?: number;
  maxFaults?: number | null;
  seed?: number;
}

const FAULT_KINDS = new Set(['crash', 'drop', 'duplicate', 'partition']);

/** True for choices that spend fault budget. */
export function isFault(choice: Choice): boolean {
  return FAULT_KINDS.has(choice.kind);
}

/** Faults spent so far, all kinds together. */
export function faultsUsed(world: World): number {
  const u = world.used;
  return u.crash + u.drop + u.duplicate + u.partition;
}

export function findScenario(protocol: Protocol, id: string): Scenario | undefined {
  return protocol.scenarios.find((s) => s.id === id);
}

/**
 * The configuration a scenario runs with, plus overrides, with the size clamped to the protocol's
 * range. The scenario's numeric parameters come along: they are part of its design (W = R = 1 is
 * what makes `lww` every-replica-accepts-writes rather than a quorum).
 */
export function configFor(protocol: Protocol, scenario: Scenario, flags: Record<string, boolean> = {}, size?: number, params: Record<string, number> = {}): Config {
  const wanted = size ?? scenario.config.size;
  const clamped = Math.min(protocol.sizes.max, Math.max(protocol.sizes.min, wanted));
  const numbers = { ...scenario.config.params, ...params };
  return { size: clamped, flags: { ...scenario.config.flags, ...flags }, ...(Object.keys(numbers).length ? { params: numbers } : {}) };
}

/**
 * The start world with its budget capped for break-it questions: at most `maxFaults` more of any
 * kind than the scenario's prefix already spent (the total is capped in `allowedChoices`).
 */
export function capRoot(root: World, maxFaults: number | null): World {
  if (maxFaults == null) return root;
  const b = root.budget;
  const u = root.used;
  const cap = (k: keyof World['budget']) => Math.min(b[k], u[k] + maxFaults);
  return { ...root, budget: { crash: cap('crash'), drop: cap('drop'), duplicate: cap('duplicate'), partition: cap('partition') } };
}

/** Faults spent since the timeline's start world (the reader's own, not the scenario prefix's). */
export function faultsSpent(s: Pick<SessionState, 'timeline'>, world: World): number {
  return faultsUsed(world) - (s.timeline ? faultsUsed(s.timeline.root) : 0);
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function start(kernel: PlayerKernel, s: SessionState, steps: Choice[] = []): SessionState {
  const scenario = findScenario(s.protocol, s.scenarioId);
  if (!scenario) {
    return { ...s, timeline: null, playing: false, startError: `This protocol has no scenario "${s.scenarioId}".` };
  }
  try {
    const root = capRoot(kernel.startWorld(s.protocol, scenario, s.config), s.maxFaults);
    let tl = kernel.timelineCreate(root);
    if (steps.length) tl = { ...tl, steps: [...steps], cursor: 0 };
    return { ...s, timeline: tl, startError: null, explorer: s.explorer.status === 'running' ? s.explorer : { status: 'idle' } };
  } catch (err) {
    return { ...s, timeline: null, playing: false, startError: `This scenario could not start with ${s.config.size} participants: ${message(err)}` };
  }
}

export function initSession(kernel: PlayerKernel, init: SessionInit): SessionState {
  const scenario = findScenario(init.protocol, init.scenarioId) ?? init.protocol.scenarios[0];
  const base: SessionState = {
    protocol: init.protocol,
    scenarioId: scenario?.id ?? init.scenarioId,
    config: scenario ? configFor(init.protocol, scenario, init.flags, init.size) : { size: init.protocol.sizes.default, flags: { ...init.flags } },
    maxFaults: init.maxFaults ?? null,
    timeline: null,
    startError: null,
    playing: false,
    stopAtEnd: false,
    speed: 2,
    seed: init.seed ?? 1,
    selected: null,
    explorer: { status: 'idle' },
    notice: null,
    undo: null,
    moved: null,
  };
  return start(kernel, base);
}

/**
 * Switch scenario, size or variants and keep the reader's run where it still replays: the longest
 * legal prefix of the current line is kept, with the cursor where it was (or at the cut). When
 * steps are lost, the notice says which and `config.undo` can put everything back.
 */
function reconfigure(kernel: PlayerKernel, s: SessionState, scenarioId: string, config: Config): SessionState {
  const before = s.timeline;
  const steps = before && scenarioId === s.scenarioId ? before.steps : [];
  const next = start(kernel, { ...s, scenarioId, config, playing: false, notice: null, explorer: { status: 'idle' } });
  if (!next.timeline || !before) return { ...next, undo: null, moved: null };
  let w = next.timeline.root;
  let kept = 0;
  let why = '';
  for (; kept < steps.length; kept++) {
    try {
      w = kernel.step(s.protocol, config, w, steps[kept]);
    } catch (err) {
      why = message(err);
      break;
    }
  }
  const timeline = { ...next.timeline, steps: steps.slice(0, kept), cursor: Math.min(before.cursor, kept) };
  const lost = before.steps.length - kept;
  if (lost === 0 && kept === 0) return { ...next, timeline, undo: null, moved: null };
  // The same schedule under other settings is how a reader tests a cause ("was it that variant?"):
  // say that the run replayed as it was, and keep the way back.
  const undo = { scenarioId: s.scenarioId, config: s.config, timeline: before };
  if (lost === 0) return { ...next, timeline, undo, notice: { tone: 'info', text: `Same ${kept}-step schedule, replayed under the new settings.` }, moved: { kind: 'reconfigured', cursor: timeline.cursor } };
  const text =
    scenarioId !== s.scenarioId
      ? `A new scenario starts a new run; your ${before.steps.length}-step run is set aside.`
      : `Under the new settings step ${kept + 1} no longer applies (${why}), so the run was cut to ${kept} step${kept === 1 ? '' : 's'}.`;
  return { ...next, timeline, undo, notice: { tone: 'info', text }, moved: { kind: 'reconfigured', cursor: timeline.cursor } };
}

/** Flags the reader has switched away from a scenario's own configuration: they survive a scenario switch. */
function readerFlags(protocol: Protocol, s: SessionState): Record<string, boolean> {
  const scenario = findScenario(protocol, s.scenarioId);
  const own = scenario?.config.flags ?? {};
  return Object.fromEntries(Object.entries(s.config.flags).filter(([k, v]) => (own[k] ?? false) !== v));
}

/** The world at index `i` of the timeline's current line (replayed from the root). */
export function worldAt(kernel: PlayerKernel, s: SessionState, i: number): World | null {
  const tl = s.timeline;
  if (!tl) return null;
  let w = tl.root;
  for (let k = 0; k < i && k < tl.steps.length; k++) w = kernel.step(s.protocol, s.config, w, tl.steps[k]);
  return w;
}

/** Choices the reader may take in `world`: the kernel's, minus faults once `maxFaults` is spent. */
export function allowedChoices(kernel: PlayerKernel, s: Pick<SessionState, 'protocol' | 'config' | 'maxFaults' | 'timeline'>, world: World): Choice[] {
  const all = kernel.choices(s.protocol, s.config, world);
  if (s.maxFaults == null || faultsSpent(s, world) < s.maxFaults) return all;
  return all.filter((c) => !isFault(c));
}

/** A small seeded PRNG (mulberry32) over a 32-bit state; returns a float in [0, 1). */
export function seededRandom(seed: number): number {
  let t = (seed + 0x6d2b79f5) | 0;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

/**
 * The auto-play scheduler: never a fault. Client requests and deliveries first (picked at random by
 * seed and step index), then recoveries, then timers, so a played run looks like a healthy system
 * until the reader intervenes. Null when nothing but faults remains.
 */
export function pickAuto(choices: Choice[], seed: number, stepIndex: number): Choice | null {
  const tiers: Choice['kind'][][] = [['request', 'deliver'], ['recover'], ['timer'], ['heal']];
  for (const kinds of tiers) {
    const pool = choices.filter((c) => kinds.includes(c.kind));
    if (pool.length) return pool[Math.floor(seededRandom(seed * 7919 + stepIndex) * pool.length)];
  }
  return null;
}

function sameChoice(a: Choice, b: Choice): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** True when `c` is among `list` (choices are plain data: compared by content). */
export function hasChoice(list: Choice[], c: Choice): boolean {
  return list.some((x) => sameChoice(x, c));
}

function push(kernel: PlayerKernel, s: SessionState, choice: Choice): SessionState {
  const tl = s.timeline;
  if (!tl) return s;
  const world = worldAt(kernel, s, tl.cursor);
  if (!world) return s;
  const allowed = allowedChoices(kernel, s, world);
  if (!allowed.some((c) => sameChoice(c, choice))) {
    const why = s.maxFaults != null && isFault(choice) && faultsSpent(s, world) >= s.maxFaults
      ? `all ${s.maxFaults} allowed fault${s.maxFaults === 1 ? '' : 's'} are spent`
      : 'it is not possible in this state';
    return { ...s, playing: false, notice: { tone: 'error', text: `Cannot ${kernel.describeChoice(world, choice, s.protocol)}: ${why}.` } };
  }
  // Taking the step that is already next just moves forward (no branch).
  if (tl.cursor < tl.steps.length && sameChoice(tl.steps[tl.cursor], choice)) {
    return { ...s, timeline: kernel.timelineSeek(tl, tl.cursor + 1), notice: null };
  }
  return { ...s, timeline: kernel.timelinePush(tl, choice), notice: null };
}

function forward(kernel: PlayerKernel, s: SessionState, fromTimer: boolean): SessionState {
  const tl = s.timeline;
  if (!tl) return { ...s, playing: false };
  if (tl.cursor < tl.steps.length) return { ...s, timeline: kernel.timelineSeek(tl, tl.cursor + 1) };
  if (fromTimer && s.stopAtEnd) {
    return { ...s, playing: false, stopAtEnd: false, notice: { tone: 'info', text: `Replayed to step ${tl.cursor}; step on from here.` } };
  }
  const world = worldAt(kernel, s, tl.cursor);
  const next = world ? pickAuto(allowedChoices(kernel, s, world), s.seed, tl.cursor) : null;
  if (!next) {
    return {
      ...s,
      playing: false,
      notice: fromTimer && s.playing ? { tone: 'info', text: 'Stopped: only faults are left to choose.' } : { tone: 'info', text: 'Nothing but faults can happen next: pick one, or step back.' },
    };
  }
  return push(kernel, s, next);
}

/** Move the cursor (clamped) and remember how, so the move can be announced. */
function seek(s: SessionState, tl: Timeline, index: number, kind: 'back' | 'jump'): SessionState {
  const cursor = Math.max(0, Math.min(tl.steps.length, index));
  return { ...s, playing: false, timeline: { ...tl, cursor }, moved: { kind, cursor } };
}

function nearestSpeed(speed: number, dir: 1 | -1): number {
  const i = SPEEDS.findIndex((v) => v >= speed);
  const at = i < 0 ? SPEEDS.length - 1 : i;
  return SPEEDS[Math.min(SPEEDS.length - 1, Math.max(0, at + dir))];
}

export function createReducer(kernel: PlayerKernel) {
  return function reduce(s: SessionState, e: SessionEvent): SessionState {
    const tl = s.timeline;
    switch (e.type) {
      case 'step.forward':
        return forward(kernel, { ...s, playing: false, stopAtEnd: false, moved: null }, false);
      case 'play.tick':
        return s.playing ? forward(kernel, { ...s, moved: null }, true) : s;
      case 'step.back':
        return tl ? seek(s, tl, tl.cursor - 1, 'back') : s;
      case 'step.first':
        return tl ? seek(s, tl, 0, 'jump') : s;
      case 'step.last':
        return tl ? seek(s, tl, tl.steps.length, 'jump') : s;
      case 'timeline.seek':
        return tl ? seek(s, tl, Math.round(e.index), 'jump') : s;
      case 'play.toggle':
        return tl ? { ...s, playing: !s.playing, stopAtEnd: s.playing ? false : s.stopAtEnd, notice: null } : s;
      case 'play.stop':
        return { ...s, playing: false };
      case 'speed.set':
        return { ...s, speed: e.speed > 0 && Number.isFinite(e.speed) ? e.speed : s.speed };
      case 'speed.up':
        return { ...s, speed: nearestSpeed(s.speed, 1) };
      case 'speed.down':
        return { ...s, speed: nearestSpeed(s.speed, -1) };
      case 'choice.take':
        return push(kernel, { ...s, playing: false, moved: null }, e.choice);
      case 'branch.restore': {
        if (!tl || e.index < 0 || e.index >= tl.branches.length) return s;
        const restored = tl.branches[e.index];
        const others = tl.branches.filter((_, i) => i !== e.index);
        let common = 0;
        while (common < restored.length && common < tl.steps.length && sameChoice(restored[common], tl.steps[common])) common++;
        const branches = tl.steps.length > common ? [...others, tl.steps] : others;
        return { ...s, playing: false, timeline: { ...tl, steps: restored, branches, cursor: Math.min(restored.length, common + 1) }, notice: null };
      }
      case 'scenario.select': {
        const scenario = findScenario(s.protocol, e.id);
        if (!scenario || e.id === s.scenarioId) return s;
        return reconfigure(kernel, s, e.id, configFor(s.protocol, scenario, readerFlags(s.protocol, s), s.config.size));
      }
      case 'flag.set':
        return reconfigure(kernel, s, s.scenarioId, { ...s.config, flags: { ...s.config.flags, [e.name]: e.value } });
      case 'param.set': {
        // A protocol's number (a quorum size): only a declared one, an integer within its range.
        const spec = s.protocol.params?.find((p) => p.name === e.name);
        if (!spec || !Number.isInteger(e.value) || e.value < spec.min || e.value > spec.max) return s;
        if ((s.config.params?.[e.name] ?? spec.default) === e.value) return s;
        return reconfigure(kernel, s, s.scenarioId, { ...s.config, params: { ...s.config.params, [e.name]: e.value } });
      }
      case 'size.set': {
        const { min, max } = s.protocol.sizes;
        if (!Number.isInteger(e.size) || e.size < min || e.size > max || e.size === s.config.size) return s;
        return reconfigure(kernel, s, s.scenarioId, { ...s.config, size: e.size });
      }
      case 'config.undo':
        return s.undo ? { ...s, scenarioId: s.undo.scenarioId, config: s.undo.config, timeline: s.undo.timeline, undo: null, notice: null, playing: false, explorer: { status: 'idle' }, moved: { kind: 'reconfigured', cursor: s.undo.timeline.cursor } } : s;
      case 'sim.reset':
        return { ...start(kernel, { ...s, playing: false, notice: null }), moved: { kind: 'reset', cursor: 0 } };
      case 'run.load': {
        const scenario = findScenario(s.protocol, e.run.scenario);
        if (e.run.protocol !== s.protocol.id || !scenario) {
          return { ...s, notice: { tone: 'error', text: `That run is for ${e.run.protocol}/${e.run.scenario}, which this player does not have.` } };
        }
        const next = start(kernel, { ...s, scenarioId: scenario.id, config: e.run.config, playing: !!e.play, stopAtEnd: !!e.play }, e.run.choices);
        if (!next.timeline) return next;
        const cursor = e.play ? 0 : next.timeline.steps.length;
        const n = next.timeline.steps.length;
        const notice: SessionState['notice'] = e.notice
          ? { tone: 'error', text: e.notice }
          : e.shared
            ? { tone: 'info', text: `Shared run: you are at step ${cursor} of its ${n}. Step on or change anything to continue on your own; the page address then drops the shared run.` }
            : null;
        return { ...next, timeline: { ...next.timeline, cursor }, notice };
      }
      case 'node.select':
        return { ...s, selected: e.id };
      case 'notice.dismiss':
        return { ...s, notice: null };
      case 'explore.start':
        return s.explorer.status === 'running' ? s : { ...s, playing: false, explorer: { status: 'running', progress: { worlds: 0, transitions: 0, depth: 0 } } };
      case 'explore.progress':
        return s.explorer.status === 'running' ? { ...s, explorer: { status: 'running', progress: e.progress } } : s;
      case 'explore.done':
        return { ...s, explorer: { status: 'done', result: e.result } };
      case 'explore.error':
        return { ...s, explorer: { status: 'error', message: e.message } };
      case 'explore.cancel':
        // The worker answers with explore.done (stoppedBy 'cancel'); until then, show nothing new.
        return s;
      case 'explore.replay': {
        // A violation found while the search still runs can be replayed at once.
        const found = s.explorer.status === 'done' ? s.explorer.result.violations : s.explorer.status === 'running' ? (s.explorer.progress.violations ?? []) : [];
        const v = found.find((x) => x.invariant === e.invariant);
        if (!v) return s;
        // A liveness counterexample also plays one turn of its loop, so the reader sees it come round.
        const next = start(kernel, { ...s, playing: true, stopAtEnd: true, notice: null }, [...v.choices, ...(v.loop ?? [])]);
        return next.timeline ? { ...next, explorer: s.explorer, timeline: { ...next.timeline, cursor: 0 } } : next;
      }
    }
  };
}

/** One world along the current line, with what led to it. */
export interface Frame {
  world: World;
  /** The choice that led here; null for the root. */
  choice: Choice | null;
  /** describeChoice of that choice (in the world before it); '' for the root. */
  label: string;
  /** The kernel's narration of that step; '' for the root. */
  narration: string;
  /** What happened inside the step (sends, losses…); empty for the root. */
  trace: StepTrace;
  invariants: InvariantResult[];
}

/** Replays the timeline's whole current line. Stops early (with `error`) if a step is refused. */
export function replayFrames(kernel: PlayerKernel, protocol: Protocol, config: Config, tl: Timeline): { frames: Frame[]; error: string | null } {
  const frames: Frame[] = [{ world: tl.root, choice: null, label: '', narration: '', trace: [], invariants: kernel.checkInvariants(protocol, config, tl.root, []) }];
  let w = tl.root;
  for (let i = 0; i < tl.steps.length; i++) {
    const c = tl.steps[i];
    try {
      const label = kernel.describeChoice(w, c, protocol);
      const { world: after, trace } = kernel.stepWithTrace(protocol, config, w, c);
      const invariants = kernel.checkInvariants(protocol, config, after, tl.steps.slice(0, i + 1));
      frames.push({ world: after, choice: c, label, trace, narration: kernel.narrate(protocol, w, c, after, config), invariants });
      w = after;
    } catch (err) {
      return { frames, error: `Step ${i + 1} could not be replayed: ${message(err)}` };
    }
  }
  return { frames, error: null };
}

/** For each invariant, the first frame index where it does not hold (observations excluded), or null. */
export function firstBroken(frames: Frame[]): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  frames.forEach((f, i) => {
    for (const r of f.invariants) {
      if (!(r.name in out)) out[r.name] = null;
      if (r.kind !== 'observation' && !r.holds && out[r.name] == null) out[r.name] = i;
    }
  });
  return out;
}

/** The run the reader is looking at (choices up to the cursor), for links and exports. */
export function currentRun(s: SessionState, upToCursor = true): Run | null {
  if (!s.timeline) return null;
  const steps = upToCursor ? s.timeline.steps.slice(0, s.timeline.cursor) : s.timeline.steps;
  return { protocol: s.protocol.id, scenario: s.scenarioId, config: s.config, choices: steps };
}

/** Why a fault button is off, or null when the fault is available. */
export function faultReason(world: World, kind: 'crash' | 'drop' | 'duplicate' | 'partition', maxFaults: number | null, spent = faultsUsed(world)): string | null {
  if (maxFaults != null && spent >= maxFaults) return maxFaults === 0 ? 'this question allows no faults' : `fault limit reached (${maxFaults} of ${maxFaults} used)`;
  if (world.used[kind] >= world.budget[kind]) {
    return world.budget[kind] === 0 ? `no ${kind} budget in this scenario` : `${kind} budget spent (${world.used[kind]} of ${world.budget[kind]} used)`;
  }
  return null;
}
