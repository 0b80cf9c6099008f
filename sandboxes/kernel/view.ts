/**
 * What the player draws: node views from a world, and state diagrams read off the machine itself.
 *
 * The diagram walks the machine definition (state nodes, their `on` transitions and `always`), so
 * it can never drift from the code that runs. Must not import any UI.
 */
import { and, not, or, type AnyStateMachine } from 'xstate';
import { contextOf, stateIdOf } from './node.ts';
import type { NodeView, Protocol, StateDiagram, StateDiagramOptions, StateTransition, World } from './types.ts';

/** One view per node, in world order. */
export function viewNodes(protocol: Protocol, world: World): NodeView[] {
  return Object.keys(world.nodes).map((id) => {
    const rec = world.nodes[id];
    const ctx = rec.up ? contextOf(rec.snapshot) : null;
    return {
      id,
      role: rec.role,
      up: rec.up,
      state: rec.up ? stateIdOf(rec.snapshot) : null,
      store: rec.store,
      memory: ctx === null ? null : protocol.memory ? protocol.memory(rec.role, ctx) : ctx,
    };
  });
}

type GuardLike = string | { type: string } | ((...args: never[]) => unknown) | undefined;

type TransitionLike = { target?: StateNodeLike[] | undefined; guard?: GuardLike; actions?: unknown[] };

type StateNodeLike = {
  key: string;
  path: string[];
  type: string;
  description?: string;
  meta?: { label?: string };
  states: Record<string, StateNodeLike>;
  transitions: Map<string, TransitionLike[]>;
  always?: TransitionLike[];
  config: { initial?: unknown };
};

function idOf(n: StateNodeLike): string {
  return n.path.join('.');
}

/** `camelCase` or `kebab-case` in words: `lastYes` → "last yes". */
function words(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/-/g, ' ').toLowerCase();
}

function labelOf(n: StateNodeLike): string {
  return n.meta?.label ?? words(n.key);
}

/**
 * The machine's states and transitions.
 *
 * Without options (or with only a recovery state id, the old signature): the machine as written,
 * for tests and tools: every candidate that has a target, raw event names, the transient start
 * state included.
 *
 * With options: what a reader should see under one configuration.
 * - Guards the protocol declares in `flagGuards` take their flag's value (inside `and`/`or`/`not`
 *   too); every other guard may be true. A candidate whose guard is surely false is dropped, and
 *   so is every later candidate for the same event once one is surely true (XState takes the first
 *   enabled one).
 * - A targetless candidate with actions is a self-loop (`from === to`); one without actions only
 *   swallows the event and is not drawn.
 * - A transient initial state that only routes (`always`) is dropped: its targets become `initial`
 *   (fresh start) and `recovery` (restart after a crash).
 * - Each transition gets a reader's `label` (see `StateTransition.label`) and each state its
 *   textbook name from `Protocol.stateNames`.
 */
export function stateDiagram(machine: AnyStateMachine, options?: StateDiagramOptions | string): StateDiagram {
  if (options === undefined || typeof options === 'string') return asWritten(machine, options);
  return forReaders(machine, options);
}

function asWritten(machine: AnyStateMachine, recoveryStateId?: string): StateDiagram {
  const states: StateDiagram['states'] = [];
  const transitions: StateDiagram['transitions'] = [];
  const seen = new Set<string>();
  const add = (from: string, to: string, event: string) => {
    const key = `${from}|${to}|${event}`;
    if (!seen.has(key)) {
      seen.add(key);
      transitions.push({ from, to, event });
    }
  };
  const walk = (n: StateNodeLike) => {
    for (const child of Object.values(n.states)) {
      const from = idOf(child);
      states.push({ id: from, label: labelOf(child), final: child.type === 'final' });
      for (const [event, defs] of child.transitions) for (const d of defs) for (const t of d.target ?? []) add(from, idOf(t), event);
      for (const d of child.always ?? []) for (const t of d.target ?? []) add(from, idOf(t), '(always)');
      walk(child);
    }
  };
  const root = machine.root as unknown as StateNodeLike;
  walk(root);
  const initial = typeof root.config.initial === 'string' ? root.config.initial : (states[0]?.id ?? '');
  const recovery = recoveryStateId ?? (states.some((s) => s.id === 'recovering') ? 'recovering' : null);
  return { states, transitions, initial, recovery };
}

/* ---------- guards, three-valued ---------- */

type Truth = true | false | 'maybe';

// The combinators XState's `and`, `or` and `not` return carry their operands in `.guards` and are
// told apart by their `.check` function (names do not survive minification).
const CHECK = {
  and: (and([]) as unknown as { check: unknown }).check,
  or: (or([]) as unknown as { check: unknown }).check,
  not: (not('x') as unknown as { check: unknown }).check,
};

type Combinator = { check?: unknown; guards?: GuardLike[] };

function guardName(g: GuardLike): string | null {
  if (typeof g === 'string') return g;
  if (g && typeof g === 'object' && typeof g.type === 'string') return g.type;
  return null;
}

interface GuardContext {
  flagGuards: Record<string, string>;
  /** This role's guards that are surely false while their flag is on (`Protocol.guardsOffWhen`). */
  offWhen: Record<string, string>;
  guardLabels: Record<string, string>;
  flags: Record<string, boolean>;
}

function truth(g: GuardLike, cx: GuardContext): Truth {
  if (g === undefined) return true;
  const name = guardName(g);
  if (name !== null) {
    const off = cx.offWhen[name];
    if (off !== undefined && cx.flags[off] === true) return false;
    const flag = cx.flagGuards[name];
    return flag !== undefined && flag in cx.flags ? cx.flags[flag] === true : 'maybe';
  }
  const c = g as Combinator;
  const parts = (c.guards ?? []).map((x) => truth(x, cx));
  if (c.check === CHECK.not && parts.length === 1) return parts[0] === 'maybe' ? 'maybe' : !parts[0];
  if (c.check === CHECK.and) return parts.includes(false) ? false : parts.every((x) => x === true) ? true : 'maybe';
  if (c.check === CHECK.or) return parts.includes(true) ? true : parts.every((x) => x === false) ? false : 'maybe';
  return 'maybe';
}

/** The open part of a guard in words ("last yes vote"); parts the configuration settles are left out. */
function condition(g: GuardLike, cx: GuardContext): string {
  const name = guardName(g);
  if (name !== null) return cx.guardLabels[name] ?? words(name);
  const c = g as Combinator;
  const open = (c.guards ?? []).filter((x) => truth(x, cx) === 'maybe');
  if (c.check === CHECK.not && open.length === 1) return `not ${condition(open[0], cx)}`;
  if (c.check === CHECK.and && open.length) return open.map((x) => condition(x, cx)).join(' and ');
  if (c.check === CHECK.or && open.length) return open.map((x) => condition(x, cx)).join(' or ');
  return 'a condition';
}

/** An event type in words: `timer.vote-timeout` → "vote-timeout fires", `request.begin` → "client: begin". */
export function eventLabel(event: string): string {
  if (event.startsWith('timer.')) return `${event.slice('timer.'.length)} fires`;
  if (event.startsWith('request.')) return `client: ${event.slice('request.'.length)}`;
  return event;
}

/** The candidates of one event, in XState's order, that this configuration leaves possible, with their condition. */
function possible(defs: TransitionLike[], cx: GuardContext): { def: TransitionLike; cond: string | null }[] {
  const out: { def: TransitionLike; cond: string | null }[] = [];
  let open = false; // an earlier candidate may or may not have been taken
  for (const def of defs) {
    const t = truth(def.guard, cx);
    if (t === false) continue;
    const cond = t === 'maybe' ? condition(def.guard, cx) : open ? 'otherwise' : null;
    out.push({ def, cond });
    if (t === true) break;
    open = true;
  }
  return out;
}

function forReaders(machine: AnyStateMachine, options: StateDiagramOptions): StateDiagram {
  const protocol = options.protocol;
  const role = options.role ?? (protocol ? Object.keys(protocol.machines).find((r) => protocol.machines[r] === machine) : undefined);
  const defaults = Object.fromEntries((protocol?.flags ?? []).map((f) => [f.name, f.default]));
  const cx: GuardContext = {
    flagGuards: protocol?.flagGuards ?? {},
    offWhen: (role && protocol?.guardsOffWhen?.[role]) || {},
    guardLabels: protocol?.guardLabels ?? {},
    flags: { ...defaults, ...(options.flags ?? {}) },
  };
  const names = (role && protocol?.stateNames?.[role]) || {};
  const root = machine.root as unknown as StateNodeLike;
  const all: StateNodeLike[] = [];
  const collect = (n: StateNodeLike) => {
    for (const child of Object.values(n.states)) {
      all.push(child);
      collect(child);
    }
  };
  collect(root);
  const ids = new Set(all.map(idOf));
  const recovery = options.recoveryStateId ?? (ids.has('recovering') ? 'recovering' : null);

  // The transient start: the root's initial state when all it does is route with `always`.
  const initialKey = typeof root.config.initial === 'string' ? root.config.initial : null;
  const startNode = initialKey ? root.states[initialKey] : undefined;
  const transient =
    startNode && startNode.transitions.size === 0 && (startNode.always?.length ?? 0) > 0 && Object.keys(startNode.states).length === 0 ? startNode : null;
  let initial = initialKey ?? (all[0] ? idOf(all[0]) : '');
  if (transient) {
    const targets = possible(transient.always ?? [], cx).flatMap((c) => (c.def.target ?? []).map(idOf));
    initial = targets.find((t) => t !== recovery) ?? targets[0] ?? initial;
  }

  const states: StateDiagram['states'] = [];
  const transitions: StateTransition[] = [];
  const seen = new Set<string>();
  const add = (t: Required<StateTransition>) => {
    const key = `${t.from}|${t.to}|${t.label}`;
    if (seen.has(key)) return;
    seen.add(key);
    transitions.push(t);
  };
  for (const node of all) {
    if (node === transient) continue;
    const from = idOf(node);
    const textbook = names[from];
    states.push({ id: from, label: labelOf(node), final: node.type === 'final', ...(textbook ? { textbook } : {}) });
    for (const [event, defs] of node.transitions) {
      if (event.startsWith('xstate.')) continue;
      for (const { def, cond } of possible(defs, cx)) {
        const label = cond ? `${eventLabel(event)} [${cond}]` : eventLabel(event);
        const targets = (def.target ?? []).map(idOf);
        if (targets.length) for (const to of targets) add({ from, to, event, label });
        else if (def.actions?.length) add({ from, to: from, event, label });
      }
    }
    for (const { def, cond } of possible(node.always ?? [], cx)) {
      const label = cond ?? (from === recovery ? 'after reading its log' : 'at once');
      for (const to of (def.target ?? []).map(idOf)) add({ from, to, event: '(always)', label });
    }
  }
  const kept = reachable(states.map((s) => s.id), transitions, [initial, recovery]);
  return { states: states.filter((s) => kept.has(s.id)), transitions: transitions.filter((t) => kept.has(t.from) && kept.has(t.to)), initial, recovery };
}

/**
 * The states some allowed edge reaches from the entry states (a fresh start, a restart). Reaching a
 * state also reaches its ancestors and descendants (dot-separated ids), so nested machines keep
 * their parents' edges. A state the configuration makes unreachable is not drawn.
 */
function reachable(ids: string[], transitions: StateTransition[], entries: (string | null)[]): Set<string> {
  const related = (a: string, b: string) => a === b || a.startsWith(`${b}.`) || b.startsWith(`${a}.`);
  const seen = new Set<string>();
  const queue = entries.filter((e): e is string => !!e);
  while (queue.length) {
    const at = queue.pop()!;
    for (const id of ids) {
      if (seen.has(id) || !related(id, at)) continue;
      seen.add(id);
      for (const t of transitions) if (t.from === id && !seen.has(t.to)) queue.push(t.to);
    }
  }
  return seen;
}
