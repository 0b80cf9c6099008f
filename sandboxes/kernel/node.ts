/**
 * Runs one node's XState machine for one event, purely, with memoization.
 *
 * The kernel never keeps live actors: it resolves the stored snapshot, calls XState's pure
 * `transition()` / `initialTransition()`, and turns the machine's `emit`ted events into Effects.
 * Results are memoized per machine (key: canonical snapshot + event), because the explorer meets
 * the same node state and event again and again in different worlds. Must not touch the world.
 */
import { initialTransition, transition } from 'xstate';
import type { AnyStateMachine } from 'xstate';
import { canonicalJson, canonicalKey, deepFreeze } from './canonical.ts';
import type { Effect, Json, KernelEvent, NodeInput } from './types.ts';

/** A node's next persisted snapshot and what it asked the kernel to do, in order. */
export type NodeResult = { snapshot: Json; effects: Effect[] };

const EFFECT_TYPES = new Set(['send', 'timer.set', 'timer.clear', 'store.append', 'store.set']);
// Enough for the 2PC spaces we explore; cleared wholesale beyond it so memory stays bounded.
const MEMO_LIMIT = 400_000;
const memos = new WeakMap<AnyStateMachine, Map<string, NodeResult>>();

function memoFor(machine: AnyStateMachine): Map<string, NodeResult> {
  let m = memos.get(machine);
  if (!m) {
    m = new Map();
    memos.set(machine, m);
  }
  // Safe to clear: snapshot ids stay valid, only cached results are recomputed.
  if (m.size > MEMO_LIMIT) m.clear();
  return m;
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
  // Stores and configs are shared objects, so their canonical text is cached by identity.
  const key = `boot|${input.id}|${input.role}|${input.recovering}|${canonicalKey(input.config as unknown as Json)}|${canonicalKey(input.store)}|${canonicalKey(input.peers as unknown as Json)}`;
  let r = memo.get(key);
  if (!r) {
    const [snap, actions] = initialTransition(machine, input as never);
    r = toResult(machine, snap, actions as unknown[]);
    memo.set(key, r);
  }
  return r;
}

// Snapshot ids per machine: identity first, then content. Memo keys use the short id instead of
// the snapshot's (long) canonical text, which would be hashed on every call.
const snapIds = new WeakMap<AnyStateMachine, { byObject: WeakMap<object, number>; byKey: Map<string, number> }>();

function snapshotId(machine: AnyStateMachine, snapshot: Json): number {
  let t = snapIds.get(machine);
  if (!t) {
    t = { byObject: new WeakMap(), byKey: new Map() };
    snapIds.set(machine, t);
  }
  const o = snapshot as object;
  let id = t.byObject.get(o);
  if (id === undefined) {
    const k = canonicalKey(snapshot);
    id = t.byKey.get(k);
    if (id === undefined) {
      id = t.byKey.size;
      t.byKey.set(k, id);
    }
    t.byObject.set(o, id);
  }
  return id;
}

/**
 * Feed one event to a running node. `eventKey`, when given, must identify the event exactly
 * (the kernel passes the message key), saving a canonical serialisation per call.
 */
export function runNode(machine: AnyStateMachine, snapshot: Json, event: KernelEvent, eventKey?: string): NodeResult {
  const memo = memoFor(machine);
  const key = snapshotId(machine, snapshot) + '|' + (eventKey ?? canonicalJson(event));
  let r = memo.get(key);
  if (!r) {
    const s = snapshot as { value: never; context: never };
    const resolved = machine.resolveState({ value: s.value, context: s.context });
    const [snap, actions] = transition(machine, resolved as never, event as never);
    r = toResult(machine, snap, actions as unknown[]);
    memo.set(key, r);
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
