/**
 * Building worlds and carrying out node effects on a draft world.
 *
 * A "draft" is a shallow copy made by the step function (`draftOf`): its node map and in-flight
 * list are fresh, so they may be mutated here; everything else (node records, stores, timers,
 * `used`, pending requests) is shared with the previous world and is replaced, never mutated.
 * Network rule (one, everywhere): a message is lost at send time when its receiver is down or
 * across the partition, and messages already queued are lost when their receiver crashes or is
 * cut off. So the network never holds a message that cannot be delivered.
 * Logs: a forced append is on disk at once; a lazy one waits in memory (`store.unflushed` counts
 * the log's tail still there) until the node's next forced append, and a crash truncates it.
 * Ghost records (`Protocol.ghost`) go to `store.audit`, a sorted set no machine is shown.
 * The network also keeps at most one queued copy of identical messages (same sender, receiver, type
 * and payload): a retransmission while a copy is still queued merges into it, as over one TCP
 * connection. Only the `duplicate` fault makes a second copy. This keeps retry loops finite.
 */
import type { AnyStateMachine } from 'xstate';
import { canonicalJson, canonicalKey } from './canonical.ts';
import { bootNode, stateIdOf } from './node.ts';
import type { Config, Effect, FaultBudget, Json, Message, NodeId, NodeRecord, Protocol, StepTrace, World } from './types.ts';

/** Derives ghost records from effects; `Protocol.ghost` bound to nothing else, or null. */
export type Ghost = Protocol['ghost'] | null;

/** A node to create: id, role and initial durable store. */
export type NodeSpec = { id: NodeId; role: string; store: Json };

/** True when a and b can exchange messages under the current partition. */
export function reachable(world: World, a: NodeId, b: NodeId): boolean {
  if (!world.partition) return true;
  for (const g of world.partition) if (g.includes(a)) return g.includes(b);
  return false;
}

const messageKeys = new WeakMap<Message, string>();
const payloadKeys = new WeakMap<object, string>();

// Payload objects come from memoized node results and are shared, so cache their text by identity.
function payloadKey(p: Message['payload']): string {
  let k = payloadKeys.get(p);
  if (k === undefined) {
    k = canonicalJson(p);
    payloadKeys.set(p, k);
  }
  return k;
}

/** A message's identity for merging and hashing: everything but the id. Cached per message object. */
export function messageKey(m: Message): string {
  let k = messageKeys.get(m);
  if (k === undefined) {
    k = m.from + '>' + m.to + ':' + m.type + payloadKey(m.payload);
    messageKeys.set(m, k);
  }
  return k;
}

// Appending the same record to the same store object always gives the same new object, so equal
// stores in different worlds stay one object (cheap to hash) and memory is shared.
const appended = new WeakMap<object, Map<string, Json>>();

type StoreObject = { [k: string]: Json };

function cached(base: StoreObject, key: string, make: () => Json): Json {
  let byKey = appended.get(base);
  if (!byKey) {
    byKey = new Map();
    appended.set(base, byKey);
  }
  let next = byKey.get(key);
  if (next === undefined) {
    next = Object.freeze(make()) as Json;
    byKey.set(key, next);
  }
  return next;
}

function withRecord(store: Json, record: Json, lazy: boolean): Json {
  const base = (store ?? {}) as StoreObject;
  const key = (lazy ? 'L' : 'F') + (record !== null && typeof record === 'object' ? canonicalKey(record) : canonicalJson(record));
  return cached(base, key, () => {
    const log = Array.isArray(base.log) ? base.log : [];
    const next: StoreObject = { ...base, log: Object.freeze([...log, record]) as Json[] };
    // A forced write flushes every lazy record before it: the log is written in order.
    if (lazy) next.unflushed = unflushedOf(base) + 1;
    else delete next.unflushed;
    return next;
  });
}

function unflushedOf(store: Json): number {
  const n = store && typeof store === 'object' && !Array.isArray(store) ? store.unflushed : 0;
  return typeof n === 'number' ? n : 0;
}

/** Adds a ghost record to the store's sorted audit set (the same store when already there). */
function withAudit(store: Json, record: string): Json {
  const base = (store ?? {}) as StoreObject;
  const audit = Array.isArray(base.audit) ? (base.audit as string[]) : [];
  if (audit.includes(record)) return store;
  return cached(base, 'A' + record, () => ({ ...base, audit: Object.freeze([...audit, record].sort()) as Json[] }));
}

/** The store after a crash: lazy records not yet flushed are gone. */
export function afterCrash(store: Json, trace: StepTrace | null, node: NodeId): Json {
  const n = unflushedOf(store);
  if (!n) return store;
  const base = store as StoreObject;
  const log = base.log as Json[];
  trace?.push({ kind: 'store.lost', node, records: log.slice(log.length - n) });
  const next: StoreObject = { ...base, log: log.slice(0, log.length - n) };
  delete next.unflushed;
  return next;
}

// What a machine is shown of its store at boot: no audit (ghost state is for invariants only) and
// no flush bookkeeping. Cached by store object so boot memo keys stay cheap.
const machineViews = new WeakMap<object, Json>();

function machineView(store: Json): Json {
  if (!store || typeof store !== 'object' || Array.isArray(store) || (!('audit' in store) && !('unflushed' in store))) return store;
  let v = machineViews.get(store);
  if (v === undefined) {
    const copy: StoreObject = { ...store };
    delete copy.audit;
    delete copy.unflushed;
    v = Object.freeze(copy);
    machineViews.set(store, v);
  }
  return v;
}

// The peer list is the same for every boot in a run; reusing one object keeps boot memo keys cheap.
const peersByConfig = new WeakMap<Config, { id: NodeId; role: string }[]>();

function peersOf(world: World, config: Config): { id: NodeId; role: string }[] {
  const ids = Object.keys(world.nodes);
  const cached = peersByConfig.get(config);
  if (cached && cached.length === ids.length && cached.every((p, i) => p.id === ids[i] && p.role === world.nodes[ids[i]].role)) return cached;
  const peers = ids.map((n) => ({ id: n, role: world.nodes[n].role }));
  peersByConfig.set(config, peers);
  return peers;
}

/** The input a node's machine boots with. */
export function nodeInput(world: World, config: Config, id: NodeId, recovering: boolean) {
  const peers = peersOf(world, config);
  return { id, role: world.nodes[id].role, peers, config, store: machineView(world.nodes[id].store), recovering };
}

/** Boot (or recover) a node on the draft and carry out its start-up effects. */
export function bootOnDraft(
  draft: World,
  machines: Record<string, AnyStateMachine>,
  config: Config,
  id: NodeId,
  recovering: boolean,
  trace: StepTrace | null,
  ghost: Ghost = null,
): void {
  const rec = draft.nodes[id];
  const machine = machines[rec.role];
  if (!machine) throw new Error(`No machine for role ${rec.role}`);
  const r = bootNode(machine, nodeInput(draft, config, id, recovering));
  draft.nodes[id] = { ...rec, up: true, snapshot: r.snapshot };
  trace?.push({ kind: 'state', node: id, from: null, to: stateIdOf(r.snapshot) });
  applyEffects(draft, id, r.effects, trace, ghost);
}

/** Records a ghost record for `node` on the draft, if the protocol derives one from `cause`. */
export function recordGhost(draft: World, node: NodeId, ghost: Ghost, cause: Parameters<NonNullable<Ghost>>[2]): void {
  if (!ghost) return;
  const rec = draft.nodes[node];
  const g = ghost(node, rec.role, cause);
  if (g === null) return;
  const store = withAudit(rec.store, g);
  if (store !== rec.store) draft.nodes[node] = { ...rec, store };
}

/** Carry out one node's effects, in order, on a draft world. */
export function applyEffects(draft: World, node: NodeId, effects: Effect[], trace: StepTrace | null, ghost: Ghost = null): void {
  // Indexed loops: effects are frozen arrays, which for-of iterates through a slow builtin.
  for (let i = 0; i < effects.length; i++) {
    const e = effects[i];
    switch (e.type) {
      case 'send': {
        const to = draft.nodes[e.to];
        if (!to) throw new Error(`${node} sent ${e.message.type} to unknown node ${e.to}`);
        const candidate: Message = { id: draft.nextMessageId, from: node, to: e.to, type: e.message.type, payload: e.message.payload ?? {} };
        // What was sent is what happened, whether or not the network delivers it.
        if (ghost) recordGhost(draft, node, ghost, { kind: 'send', type: candidate.type, to: e.to, payload: candidate.payload });
        if (!to.up || !reachable(draft, node, e.to)) {
          draft.nextMessageId++;
          trace?.push({ kind: 'lost', message: candidate, reason: !to.up ? `${e.to} is down` : `${e.to} is cut off from ${node}`, atSend: true });
          break;
        }
        // Same fields as messageKey, compared directly (cheaper than building keys per send).
        const payload = candidate.payload;
        let queued: Message | undefined;
        for (let j = 0; j < draft.inFlight.length; j++) {
          const m = draft.inFlight[j];
          if (m.from === node && m.to === e.to && m.type === candidate.type && (m.payload === payload || payloadKey(m.payload) === payloadKey(payload))) {
            queued = m;
            break;
          }
        }
        if (queued) {
          trace?.push({ kind: 'merged', message: queued });
          break;
        }
        draft.nextMessageId++;
        draft.inFlight.push(candidate);
        trace?.push({ kind: 'send', message: candidate });
        break;
      }
      case 'timer.set': {
        // filter makes a fresh array (the draft shares the previous world's), so pushing is safe.
        draft.timers = draft.timers.filter((t) => !(t.node === node && t.name === e.name));
        draft.timers.push({ node, name: e.name });
        trace?.push({ kind: 'timer.set', node, name: e.name });
        break;
      }
      case 'timer.clear': {
        // Clearing a timer that is not armed is common and changes nothing: keep the same array.
        if (draft.timers.some((t) => t.node === node && t.name === e.name)) {
          draft.timers = draft.timers.filter((t) => !(t.node === node && t.name === e.name));
          trace?.push({ kind: 'timer.clear', node, name: e.name });
        }
        break;
      }
      case 'store.append': {
        const rec = draft.nodes[node];
        // A stamped record is forced and carries the logical clock, which it advances.
        const stamped = e.stamp === true && e.record !== null && typeof e.record === 'object' && !Array.isArray(e.record);
        const lazy = e.lazy === true && !stamped;
        const record: Json = stamped ? { ...(e.record as { [k: string]: Json }), at: draft.clock ?? 0 } : e.record;
        if (stamped) draft.clock = (draft.clock ?? 0) + 1;
        draft.nodes[node] = { ...rec, store: withRecord(rec.store, record, lazy) };
        trace?.push(lazy ? { kind: 'store', node, record, lazy } : { kind: 'store', node, record });
        if (ghost) recordGhost(draft, node, ghost, { kind: 'append', record, lazy });
        break;
      }
      case 'store.set': {
        const rec = draft.nodes[node];
        const store = (rec.store ?? {}) as { [k: string]: Json };
        draft.nodes[node] = { ...rec, store: { ...store, [e.key]: e.value } };
        trace?.push({ kind: 'store', node, record: { [e.key]: e.value }, set: true });
        break;
      }
      default:
        throw new Error(`Unknown effect ${(e as { type: string }).type}`);
    }
  }
}

/**
 * A shallow working copy of a world: `nodes` and `inFlight` are fresh and may be mutated; `timers`,
 * `used` and `pendingRequests` are still the input's and are replaced, never mutated (most steps
 * leave them alone, so copying them every step would only make garbage).
 */
export function draftOf(world: World): World {
  return {
    nodes: { ...world.nodes },
    inFlight: world.inFlight.slice(),
    timers: world.timers,
    partition: world.partition,
    budget: world.budget,
    used: world.used,
    pendingRequests: world.pendingRequests,
    nextMessageId: world.nextMessageId,
    rng: world.rng,
    timing: world.timing,
    ...(world.clock === undefined ? {} : { clock: world.clock }),
  };
}

/**
 * A fresh world: every node booted (not recovering) with its start-up effects carried out.
 * Protocols call this from their `init`.
 */
export function createWorld(
  machines: Record<string, AnyStateMachine>,
  config: Config,
  budget: FaultBudget,
  nodes: NodeSpec[],
  requests: string[],
  ghost: Ghost = null,
): World {
  const records: Record<NodeId, NodeRecord> = {};
  for (const n of nodes) records[n.id] = { role: n.role, up: true, snapshot: null, store: n.store };
  const draft: World = {
    nodes: records,
    inFlight: [],
    timers: [],
    partition: null,
    budget: { ...budget },
    used: { crash: 0, drop: 0, duplicate: 0, partition: 0 },
    pendingRequests: requests.slice(),
    nextMessageId: 1,
    rng: 1,
  };
  for (const n of nodes) bootOnDraft(draft, machines, config, n.id, false, null, ghost);
  return draft;
}

// Obsolete messages (Protocol.obsolete; why merging them away is sound: obsolete.ts).

/** True when the protocol declares `m` obsolete in `world`. */
export function isObsolete(protocol: Protocol, m: Message, world: World): boolean {
  return protocol.obsolete ? protocol.obsolete(m, world) : false;
}

/** The world without its obsolete messages (the same object when there are none). */
export function withoutObsolete(protocol: Protocol, world: World): World {
  if (!protocol.obsolete) return world;
  let kept: Message[] | null = null;
  const all = world.inFlight;
  for (let i = 0; i < all.length; i++) {
    const dead = protocol.obsolete(all[i], world);
    if (dead && !kept) kept = all.slice(0, i);
    else if (!dead && kept) kept.push(all[i]);
  }
  return kept ? { ...world, inFlight: kept } : world;
}
