/**
 * Reading the clients' histories off a world: each client's stamped log (client.ts) becomes the
 * operations `Protocol.history` shows, and the `History` the consistency checkers judge
 * (sandboxes/consistency). This is the adapter between the two: the checkers know nothing of
 * worlds, and the protocol keeps no second checker.
 *
 * A client whose operation ended unknown (or that restarted) continues as a new process (`a2`),
 * as Jepsen does: an operation with an unknown outcome may take effect at any later time, so its
 * process cannot be said to have issued anything after it. Pure; results are cached per world.
 */
import type { ClientOperation, Json, World } from '../kernel/types.ts';
import type { History, Operation } from '../consistency/index.ts';
import { registerOf } from './logic.ts';
import { cmp, isVersion, type Version } from './version.ts';

type LogRecord = { t: string; n?: number; f?: 'read' | 'write'; value?: Json; at?: number; version?: Json };

function logOf(store: Json): LogRecord[] {
  const log = store && typeof store === 'object' && !Array.isArray(store) ? (store as { log?: LogRecord[] }).log : undefined;
  return Array.isArray(log) ? log : [];
}

export const clientIds = (world: World): string[] => Object.keys(world.nodes).filter((id) => world.nodes[id].role === 'client');
export const replicaIds = (world: World): string[] => Object.keys(world.nodes).filter((id) => world.nodes[id].role === 'replica');

/** Every client operation so far, in invoke order. */
function readOperations(world: World): ClientOperation[] {
  const ops: ClientOperation[] = [];
  for (const id of clientIds(world)) {
    let incarnation = 1;
    const open = new Map<number, ClientOperation>();
    const name = () => (incarnation === 1 ? id : `${id}${incarnation}`);
    for (const r of logOf(world.nodes[id].store)) {
      if (r.t === 'restart') {
        incarnation++;
        open.clear();
        continue;
      }
      if (r.t === 'invoke') {
        const op: ClientOperation = {
          client: name(),
          op: r.f === 'write' ? 'write' : 'read',
          value: r.f === 'write' ? (r.value ?? null) : null,
          invokedAt: r.at ?? 0,
          completedAt: null,
          outcome: 'unknown',
        };
        ops.push(op);
        open.set(r.n ?? 0, op);
        continue;
      }
      const op = open.get(r.n ?? 0);
      if (!op) continue;
      open.delete(r.n ?? 0);
      op.completedAt = r.at ?? null;
      if (r.t === 'ok') {
        op.outcome = 'ok';
        if (op.op === 'read') op.value = r.value ?? null;
      } else if (r.t === 'fail') op.outcome = 'fail';
      else {
        op.outcome = 'unknown';
        incarnation++;
      }
    }
  }
  return ops.sort((x, y) => x.invokedAt - y.invokedAt);
}

/** The operations as the consistency checkers' history (same order, so ids are positions). */
export function toHistory(ops: ClientOperation[]): History {
  const out: Operation[] = ops.map((o, id) => {
    const outcome = o.outcome === 'ok' ? 'ok' : o.outcome === 'fail' ? 'fail' : 'info';
    const common = { id, process: o.client, invoke: o.invokedAt, response: outcome === 'info' ? null : o.completedAt, outcome } as const;
    return o.op === 'write'
      ? { ...common, f: 'write' as const, value: o.value as number | null }
      : outcome === 'ok'
        ? { ...common, f: 'read' as const, result: o.value as number | null }
        : { ...common, f: 'read' as const };
  });
  return { model: 'register', initial: null, ops: out };
}

const cache = new WeakMap<World, { ops: ClientOperation[]; history: History; key: string }>();

/** The world's client operations, its checker history, and a key naming that history's content. */
export function historyOf(world: World): { ops: ClientOperation[]; history: History; key: string } {
  let h = cache.get(world);
  if (!h) {
    const ops = readOperations(world);
    const key = ops.map((o) => `${o.client}:${o.op}:${String(o.value)}:${o.invokedAt}:${o.completedAt}:${o.outcome}`).join('|');
    h = { ops, history: toHistory(ops), key };
    cache.set(world, h);
  }
  return h;
}

export const operations = (world: World): ClientOperation[] => historyOf(world).ops;

/**
 * The system's order of the writes, as their values, oldest first: the order of the versions the
 * replicas stamped them with ((term, index) with a leader, the Lamport timestamp (counter,
 * replica) leaderless; version.ts). That is the order last-writer-wins and the leader's log settle
 * values by, Terry et al.'s WriteOrder. A write's version is read off what the world still shows:
 * the WRITE_OK its client logged, the version a read logged with the value it returned, and the
 * replicas' registers (crashed ones' durable copies too). A value seen under several versions
 * (a new leader re-stamps the copy it takes over as (term, 0)) is placed by the lowest, the stamp
 * the write itself got. A write none of these shows (never acknowledged, read or held) is left
 * out; the checkers then ignore it unless a read returned it, and a read logs a version. Pure;
 * cached per world.
 */
const orders = new WeakMap<World, number[]>();

export function versionOrderOf(world: World): number[] {
  const cached = orders.get(world);
  if (cached) return cached;
  const lowest = new Map<number, Version>();
  const note = (value: Json | undefined, version: Json | undefined) => {
    if (typeof value !== 'number' || !isVersion(version)) return;
    const held = lowest.get(value);
    if (!held || cmp(version, held) < 0) lowest.set(value, version);
  };
  for (const id of clientIds(world)) {
    const written = new Map<number, Json | undefined>();
    for (const r of logOf(world.nodes[id].store)) {
      if (r.t === 'invoke' && r.f === 'write') written.set(r.n ?? 0, r.value);
      else if (r.t === 'ok') note(written.has(r.n ?? 0) ? written.get(r.n ?? 0) : r.value, r.version);
    }
  }
  for (const id of replicaIds(world)) {
    const reg = registerOf(world.nodes[id].store);
    note(reg.value, reg.version);
  }
  const order = [...lowest].sort(([x, a], [y, b]) => cmp(a, b) || x - y).map(([value]) => value);
  orders.set(world, order);
  return order;
}

/** The values the replicas hold, durable copies of crashed ones included, deduplicated. */
export function heldValues(world: World): (number | null)[] {
  const out: (number | null)[] = [];
  for (const id of replicaIds(world)) {
    const v = registerOf(world.nodes[id].store).value as number | null;
    if (!out.includes(v)) out.push(v);
  }
  return out;
}
