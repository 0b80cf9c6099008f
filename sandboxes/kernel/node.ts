/**
 * Runs one node's XState machine for one event, purely, with memoization.
 *
 * The kernel never keeps live actors: it resolves the stored snapshot, takes the machine's pure
 * transition (XState's `initialTransition()` to boot; `machine.transition` with one reused inert
 * scope per machine for events) and turns the machine's `emit`ted events into Effects.
 * Results are memoized per machine (key: snapshot, numbered by canonical content, and event),
 * because the explorer meets the same node state and event again and again in different worlds.
 * Must not touch the world.
 */
import { createActor, initialTransition } from 'xstate';
import type { AnyActorScope, AnyStateMachine } from 'xstate';
import { canonicalJson, canonicalKey, deepFreeze } from './canonical.ts';
import type { Effect, Json, KernelEvent, NodeInput } from './types.ts';

/** A node's next persisted snapshot and what it asked the kernel to do, in order. */
export type NodeResult = { snapshot: Json; effects: Effect[] };

const EFFECT_TYPES = new Set(['send', 'timer.set', 'timer.clear', 'store.append', 'store.set']);
// Enough for the 2PC spaces we explore; cleared wholesale beyond it so memory stays bounded.
const MEMO_LIMIT = 400_000;
// Per machine: results by snapshot id and event kind, then by event key (two levels, so the hot
// path builds no combined key string and hashes only the event key, usually a string it has
// hashed before); boot results; and snapshot ids (identity first, then content), so memo keys use
// a short id instead of the snapshot's long canonical text.
type Memo = {
  bySnapshot: (Map<string, NodeResult> | undefined)[];
  boot: Map<string, NodeResult>;
  size: number;
  snapshotId: (snapshot: object) => number;
};

/**
 * Numbers objects by content: by identity first (most lookups), then by canonical text, so equal
 * contents share a number. Numbers are never reused, so they stay valid when results are cleared.
 */
function contentNumbers(): (v: object) => number {
  const ids = new WeakMap<object, number>();
  const texts = new Map<string, number>();
  return (v) => {
    let id = ids.get(v);
    if (id === undefined) {
      const k = canonicalKey(v as Json);
      id = texts.get(k);
      if (id === undefined) texts.set(k, (id = texts.size));
      ids.set(v, id);
    }
    return id;
  };
}
const memos = new WeakMap<AnyStateMachine, Memo>();
// The last two machines asked for (a protocol has a role or two): skips the WeakMap on the hot path.
let lastMachine: AnyStateMachine | null = null;
let lastMemo: Memo | null = null;
let prevMachine: AnyStateMachine | null = null;
let prevMemo: Memo | null = null;

function memoFor(machine: AnyStateMachine): Memo {
  let m: Memo | null | undefined;
  if (machine === lastMachine) m = lastMemo!;
  else {
    m = machine === prevMachine ? prevMemo : memos.get(machine);
    if (!m) {
      m = { bySnapshot: [], boot: new Map(), size: 0, snapshotId: contentNumbers() };
      memos.set(machine, m);
    }
    prevMachine = lastMachine;
    prevMemo = lastMemo;
    lastMachine = machine;
    lastMemo = m;
  }
  // Safe to clear: snapshot ids stay valid, only cached results are recomputed.
  if (m.size > MEMO_LIMIT) {
    m.bySnapshot = [];
    m.boot.clear();
    m.size = 0;
  }
  return m;
}

// Boot inputs' config, store and peer list numbered by content: short memo keys.
const valueNumber = contentNumbers();

function valueId(v: Json): string | number {
  return v === null || typeof v !== 'object' ? 'j' + canonicalJson(v) : valueNumber(v);
}

// XState's `transition()` builds a throwaway actor (which boots the machine once, without input)
// on every call, and that dominated the cost of a memo miss. Node machines may only emit (toResult
// rejects spawning, sendTo and delays), so nothing registers in the scope's system and one inert
// scope per machine can be reused; `actionExecutor` collects the actions, as `transition()` does.
const scopes = new WeakMap<AnyStateMachine, { scope: AnyActorScope; actions: unknown[] }>();

function pureTransition(machine: AnyStateMachine, snapshot: unknown, event: KernelEvent): [unknown, unknown[]] {
  let s = scopes.get(machine);
  if (!s) {
    const self = createActor(machine);
    const noop = () => {};
    const state: { scope: AnyActorScope; actions: unknown[] } = {
      actions: [],
      scope: {
        self,
        id: '',
        sessionId: '',
        logger: noop,
        defer: noop,
        emit: noop,
        system: self.system,
        stopChild: noop,
        actionExecutor: (action) => {
          state.actions.push(action);
        },
      },
    };
    s = state;
    scopes.set(machine, s);
  }
  const actions: unknown[] = [];
  s.actions = actions;
  const next = machine.transition(snapshot as never, event as never, s.scope);
  s.actions = [];
  return [next, actions];
}

function toResult(machine: AnyStateMachine, snap: unknown, actions: unknown[]): NodeResult {
  const effects: Effect[] = [];
  for (const a of actions as { type: string; params?: { event?: { type: string } } }[]) {
    if (a.type !== 'xstate.emit') {
      // Anything else (sendTo, delayed raise from `after`, spawned actors) would escape the world.
      if (a.type.startsWith('xstate.')) throw new Error(`Node machine used ${a.type}; nodes may only emit effects`);
      continue;
    }
    const ev = a.params?.event;
    if (!ev || !EFFECT_TYPES.has(ev.type)) throw new Error(`Node machine emitted unknown effect ${ev?.type}`);
    effects.push(JSON.parse(JSON.stringify(ev)) as Effect);
  }
  const persisted = machine.getPersistedSnapshot(snap as never) as unknown as Record<string, unknown>;
  // Keep only what recovery of the machine needs; JSON round trip drops class instances and undefined.
  const snapshot = JSON.parse(JSON.stringify({ status: persisted.status, value: persisted.value, context: persisted.context })) as Json;
  return deepFreeze({ snapshot, effects });
}

/** Start a node (first boot or recovery after a crash). */
export function bootNode(machine: AnyStateMachine, input: NodeInput): NodeResult {
  const memo = memoFor(machine);
  // Ids and roles are JSON-quoted so the key splits one way only; numbers stand for whole values.
  const key = `${JSON.stringify(input.id)}|${JSON.stringify(input.role)}|${input.recovering}|${valueId(input.config as unknown as Json)}|${valueId(input.store)}|${valueId(input.peers as unknown as Json)}`;
  let r = memo.boot.get(key);
  if (!r) {
    const [snap, actions] = initialTransition(machine, input as never);
    r = toResult(machine, snap, actions as unknown[]);
    memo.boot.set(key, r);
    memo.size++;
  }
  return r;
}

/**
 * Feed one event to a running node. `eventKey`, when given, must identify the event exactly
 * (e.g. its canonical JSON), saving a canonical serialisation per call.
 */
export function runNode(machine: AnyStateMachine, snapshot: Json, event: KernelEvent, eventKey?: string): NodeResult {
  return runNodeKeyed(machine, snapshot, EVENT_KINDS.other, eventKey ?? canonicalJson(event), identity, event);
}

const identity = (e: KernelEvent): KernelEvent => e;

/**
 * How the kernel names an event for the memo: a delivered message by its message key, a timer or
 * a request by its name, anything else by canonical JSON. Keys are only compared within a kind,
 * so the kernel can pass strings it already has (hashed once) instead of building prefixed ones.
 */
export const EVENT_KINDS = { other: 0, delivery: 1, timer: 2, request: 3 } as const;
const KIND_COUNT = 4;

/**
 * runNode for the kernel's hot path: `eventKey` must identify the event exactly among events of
 * its `kind`, and the event itself is only built (`makeEvent(arg)`) when the result is not
 * memoized yet.
 */
export function runNodeKeyed<A>(
  machine: AnyStateMachine,
  snapshot: Json,
  kind: number,
  eventKey: string,
  makeEvent: (arg: A) => KernelEvent,
  arg: A,
): NodeResult {
  const memo = memoFor(machine);
  const slot = memo.snapshotId(snapshot as object) * KIND_COUNT + kind;
  let byEvent = memo.bySnapshot[slot];
  if (byEvent === undefined) {
    byEvent = new Map();
    memo.bySnapshot[slot] = byEvent;
  }
  let r = byEvent.get(eventKey);
  if (!r) {
    const s = snapshot as { value: never; context: never };
    const resolved = machine.resolveState({ value: s.value, context: s.context });
    const [snap, actions] = pureTransition(machine, resolved, makeEvent(arg));
    r = toResult(machine, snap, actions as unknown[]);
    byEvent.set(eventKey, r);
    memo.size++;
  }
  return r;
}

/** A snapshot's state as a dot-separated id (`prepared`, `a.b`); parallel regions joined with `,`. */
export function stateIdOf(snapshot: Json | null): string | null {
  if (snapshot === null || typeof snapshot !== 'object' || Array.isArray(snapshot)) return null;
  return valueToId(snapshot.value ?? null);
}

function valueToId(value: Json): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    return Object.keys(value)
      .map((k) => {
        const sub = value[k];
        return sub && (typeof sub === 'string' || Object.keys(sub).length) ? `${k}.${valueToId(sub)}` : k;
      })
      .join(',');
  }
  return String(value);
}

/** A snapshot's context, or null. */
export function contextOf(snapshot: Json | null): Json | null {
  if (snapshot === null || typeof snapshot !== 'object' || Array.isArray(snapshot)) return null;
  return snapshot.context ?? null;
}
