/**
 * What a replicated register may promise, as named invariants over a world. The consistency
 * models are judged by the shared checkers in sandboxes/consistency on the clients' history
 * (history.ts), never re-implemented here: linearizability (Herlihy & Wing 1990), sequential
 * consistency (Lamport 1979), the session guarantees read-your-writes, monotonic reads and
 * monotonic writes (Terry et al. 1994; monotonic writes against the order of the versions the
 * replicas stamped, the system's write order), and no acknowledged write lost. Each sentence is the
 * checker's own explanation. Convergence (replicas end equal once the network heals and messages
 * drain) and availability as CAP defines it (Gilbert & Lynch 2002: every request received by a
 * non-failed node must result in a response; an error is not one) are liveness checks.
 *
 * Which of these a configuration promises is `promises` in design.ts; the explorer checks all.
 * Pure functions of the world; verdicts are cached by history content.
 */
import type { Choice, Config, Invariant, World } from '../kernel/types.ts';
import { isFaultChoice } from '../kernel/step.ts';
import { checkLinearizable, checkMonotonicReads, checkMonotonicWrites, checkNoLostWrites, checkReadYourWrites, checkSequential } from '../consistency/index.ts';
import type { History, Verdict } from '../consistency/index.ts';
import { heldValues, historyOf, replicaIds, versionOrderOf } from './history.ts';
import { refused } from './ghost.ts';
import type { ReplicaContext } from './logic.ts';
import { registerOf } from './logic.ts';
import { showVersion } from './version.ts';

const verdicts = new Map<string, Verdict>();

function judged(name: string, world: World, key: string, run: (h: History) => Verdict): Verdict {
  const h = historyOf(world);
  const k = `${name}#${h.key}#${key}`;
  let v = verdicts.get(k);
  if (!v) {
    if (verdicts.size > 50_000) verdicts.clear();
    v = run(h.history);
    verdicts.set(k, v);
  }
  return v;
}

const message = (v: Verdict): string | null => (v.holds ? null : v.explanation);
const culprits = (v: Verdict): number[] => (v.holds ? [] : v.ops);

/**
 * Every safety verdict here is a function of the nodes' stores alone (the clients' logs and the
 * replicas' registers), and most steps change no store: a delivery only moves messages along. So
 * verdicts are also cached by the stores' identities (the kernel shares an unchanged store between
 * worlds), one nested weak map level per node, which spares rebuilding the history on every world.
 */
type Verdicts = Map<string, Verdict>;
type Level = WeakMap<object, Level | Verdicts>;
const byWorld = new WeakMap<World, Verdicts>();
const byStoreTuple: Level = new WeakMap();
// The verdicts hang off this key below the last store, so every level is the same kind of map.
const LEAF = {};

function verdictsFor(world: World): Verdicts | null {
  let v = byWorld.get(world);
  if (v) return v;
  let level = byStoreTuple;
  for (const id in world.nodes) {
    const store = world.nodes[id].store;
    if (store === null || typeof store !== 'object') return null;
    let next = level.get(store) as Level | undefined;
    if (!next) level.set(store, (next = new WeakMap()));
    level = next;
  }
  v = level.get(LEAF) as Verdicts | undefined;
  if (!v) level.set(LEAF, (v = new Map()));
  byWorld.set(world, v);
  return v;
}

function byStores(name: string, world: World, verdict: (w: World) => Verdict): Verdict {
  const cache = verdictsFor(world);
  if (!cache) return verdict(world);
  let v = cache.get(name);
  if (!v) cache.set(name, (v = verdict(world)));
  return v;
}

function model(name: string, title: string, description: string, run: (h: History) => Verdict): Invariant {
  const verdict = (world: World) => byStores(name, world, (w) => judged(name, w, '', run));
  return {
    name,
    title,
    description,
    kind: 'safety',
    check: (world) => message(verdict(world)),
    ops: (world) => culprits(verdict(world)),
  };
}

const linearizable = model(
  'linearizable',
  'Linearizable',
  'Every operation appears to take effect at one instant between its invoke and its response: a read returns the latest write that completed before it began, or one that overlaps it.',
  (h) => checkLinearizable(h),
);

const sequential = model(
  'sequential',
  'Sequentially consistent',
  'There is one order of all operations, keeping each client’s own order, in which every read returns the latest write; real time between clients does not count.',
  (h) => checkSequential(h),
);

const readYourWrites = model(
  'read-your-writes',
  'Read your writes',
  'A client that wrote a value reads it, or something newer, from then on.',
  (h) => checkReadYourWrites(h),
);

const monotonicReads = model(
  'monotonic-reads',
  'Monotonic reads',
  'Once a client has read a value, it never reads an older one.',
  (h) => checkMonotonicReads(h),
);

/**
 * Monotonic writes (Terry, Demers, Petersen, Spreitzer, Theimer & Welch 1994, "Session Guarantees
 * for Weakly Consistent Replicated Data"): if a client issues W1 and later W2, then every server
 * that holds W2 holds W1 too, and the global WriteOrder puts W1 before W2. For this register the
 * WriteOrder is the order of the versions the replicas stamp writes with (`versionOrderOf`,
 * history.ts): the leader's (term, index) or the leaderless Lamport timestamp, by which
 * last-writer-wins and the leader's log decide what replaces what. So the invariant asks: did
 * every write a client issued after an acknowledged one of its own get a higher version? A client
 * whose second write is stamped below its first sees the first overwrite the second.
 *
 * It is judged against that order, not against real time: a client's own operations never
 * overlap, so against real time it could never fail. Writes-follow-reads would take the same
 * order; this protocol does not list it.
 */
function monotonicWritesVerdict(world: World): Verdict {
  return byStores('monotonic-writes', world, (w) => {
    const order = versionOrderOf(w);
    return judged('monotonic-writes', w, order.join(','), (h) => checkMonotonicWrites(h, { versionOrder: order }));
  });
}

const monotonicWrites: Invariant = {
  name: 'monotonic-writes',
  title: 'Monotonic writes',
  description: 'A client’s writes are ordered as it issued them: each write it makes after another gets a higher version, so its earlier write never overwrites its later one.',
  kind: 'safety',
  check: (world) => message(monotonicWritesVerdict(world)),
  ops: (world) => culprits(monotonicWritesVerdict(world)),
};

function lostVerdict(world: World): Verdict {
  return byStores('no-lost-acked-write', world, (w) => {
    const finals = heldValues(w);
    return judged('no-lost-acked-write', w, finals.map(String).join(','), (h) => checkNoLostWrites(h, finals));
  });
}

const noLostWrite: Invariant = {
  name: 'no-lost-acked-write',
  title: 'No acknowledged write lost',
  description: 'A write the client was told succeeded stays on the replicas until a later write replaces it.',
  kind: 'safety',
  check: (world) => message(lostVerdict(world)),
  ops: (world) => culprits(lostVerdict(world)),
};

const convergence: Invariant = {
  name: 'convergence',
  title: 'Convergence',
  description: 'Once the network heals, crashed replicas recover and messages drain, every replica holds the same value.',
  kind: 'liveness',
  check(world) {
    const ids = replicaIds(world);
    const down = ids.filter((id) => !world.nodes[id].up);
    if (down.length) return `${down.join(' and ')} ${down.length > 1 ? 'are' : 'is'} never back up to hold the value`;
    const regs = ids.map((id) => ({ id, reg: registerOf(world.nodes[id].store) }));
    const first = regs[0];
    const other = regs.find((r) => r.reg.version[0] !== first.reg.version[0] || r.reg.version[1] !== first.reg.version[1]);
    if (!other) return null;
    return `the replicas never agree: ${first.id} holds ${String(first.reg.value)} (${showVersion(first.reg.version)}) while ${other.id} holds ${String(other.reg.value)} (${showVersion(other.reg.version)})`;
  },
};

function audit(world: World, id: string): string[] {
  const a = (world.nodes[id].store as { audit?: string[] } | null)?.audit;
  return Array.isArray(a) ? a : [];
}

const availability: Invariant = {
  name: 'availability',
  title: 'Available (CAP)',
  description:
    'Every request a replica that has not failed receives gets a non-error answer, even while the network stays partitioned (Gilbert & Lynch 2002).',
  kind: 'liveness',
  // CAP's availability must hold during the partition: the path to an answer may not heal the
  // network or restart a node (a request held by a node that crashed is excused).
  via: (c: Choice) => !isFaultChoice(c) && c.kind !== 'heal' && c.kind !== 'recover',
  stuck: 'nothing but healing the network or restarting a node could change that',
  check(world) {
    for (const id of replicaIds(world)) {
      const who = audit(world, id).find((r) => r.startsWith('refused '));
      if (who) return `${id} answered ${who.slice('refused '.length)} with an error (not the leader) instead of serving the request`;
    }
    for (const id of replicaIds(world)) {
      const n = world.nodes[id];
      if (!n.up) continue;
      const ctx = (n.snapshot as { context?: ReplicaContext } | null)?.context;
      const held = (ctx?.ops ?? []).find((o) => o.client);
      if (held) return `${id} holds ${held.client}'s ${held.f} and never answers it`;
    }
    return null;
  },
};

export const invariants: Invariant[] = [linearizable, sequential, readYourWrites, monotonicReads, monotonicWrites, noLostWrite, convergence, availability];

/** Invariants judged on the client history (their `ops` name the operations to mark). */
export const HISTORY_INVARIANTS = ['linearizable', 'sequential', 'read-your-writes', 'monotonic-reads', 'monotonic-writes', 'no-lost-acked-write'];

export type { Config };
