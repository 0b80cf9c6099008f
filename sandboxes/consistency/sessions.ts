/**
 * Session guarantees (Terry, Demers, Petersen, Spreitzer, Theimer & Welch 1994, "Session
 * Guarantees for Weakly Consistent Replicated Data"), for one register whose writes all write
 * distinct values, so every value read names the write it came from.
 *
 * Terry et al. define them over the set of writes each server holds and a global WriteOrder. For
 * a register a server answers a read with the latest write it holds in that order, so "the
 * server holds write W" shows as "the read returned W's value or a later one". With ⪯ the
 * version order (the initial value first) and obs(R) the write a read R returned (an ok cas reads
 * its `expected` and then writes its `value`), for every client and its operations in the order
 * it issued them:
 *
 * - read-your-writes: W before R ⇒ W ⪯ obs(R) (a read sees the client's own earlier writes);
 * - monotonic reads: R1 before R2 ⇒ obs(R1) ⪯ obs(R2) (reads never go back in time);
 * - monotonic writes: W1 before W2 ⇒ W1 ≺ W2 (the system orders the client's writes as issued);
 * - writes-follow-reads: R1 before W2 ⇒ obs(R1) ≺ W2 (a write is ordered after what the client
 *   had read).
 *
 * The version order is the system's: pass `versionOrder` (a leader's log, last-writer-wins
 * timestamps). Without it the check asks whether *some* order works in which writes that do not
 * overlap in time keep their real-time order; then monotonic writes and writes-follow-reads can
 * only fail on histories that contradict real time, since a client's own operations never overlap.
 * A read of a value no write produced (or only a failed one) breaks every read guarantee.
 *
 * Distinct written values are required: a RangeError says which value repeats. Pure.
 */
import type { History, Operation, Process, Value } from './history.ts';
import { showValue } from './history.ts';
import { named, opName } from './describe.ts';
import { precedes } from './steps.ts';
import type { Verdict } from './verdict.ts';

export interface SessionOptions {
  /** The system's order of the writes that took effect, as their values, oldest first. */
  versionOrder?: Value[];
}

/** A version: the initial value (op null) or a write or cas that took effect. */
interface Version {
  value: Value;
  op: Operation | null;
}

/** What a guarantee demands: `from` ⪯ `to` (or ≺ when strict), because of `observed`. */
interface Demand {
  from: Version;
  to: Version;
  strict: boolean;
  observed: string;
  ops: number[];
}

type SessionItem = { read: boolean; op: Operation; version: Version };

interface Context {
  history: History;
  versions: Map<string, Version>;
  initial: Version;
  rank: Map<Version, number> | null;
}

const key = (v: Value) => (v === null ? 'null' : `${typeof v}:${String(v)}`);

function context(history: History, options: SessionOptions): Context {
  const initial: Version = { value: history.initial, op: null };
  const versions = new Map<string, Version>([[key(history.initial), initial]]);
  for (const op of history.ops) {
    if (op.f === 'read') continue;
    const k = key(op.value);
    const clash = versions.get(k);
    if (clash) {
      const first = clash.op ? opName(clash.op) : 'the initial value';
      throw new RangeError(`session guarantees need distinct written values: ${opName(op)} repeats ${first}`);
    }
    versions.set(k, { value: op.value, op });
  }
  return { history, versions, initial, rank: options.versionOrder ? ranks(versions, initial, history, options.versionOrder) : null };
}

function ranks(versions: Map<string, Version>, initial: Version, history: History, order: Value[]): Map<Version, number> {
  const rank = new Map<Version, number>([[initial, -1]]);
  order.forEach((v, i) => {
    const ver = versions.get(key(v));
    if (!ver || !ver.op) throw new RangeError(`versionOrder names ${showValue(v)}, which no write wrote`);
    rank.set(ver, i);
  });
  for (const op of history.ops) {
    if (op.f !== 'read' && op.outcome === 'ok' && !rank.has(versions.get(key(op.value)) as Version)) {
      throw new RangeError(`versionOrder lacks ${showValue(op.value)}, written by ${opName(op)}`);
    }
  }
  return rank;
}

/** The version an ok read or ok cas observed, or null when no write that happened produced it. */
function observed(ctx: Context, op: Operation): Version | null {
  const v = op.f === 'cas' ? op.expected : op.f === 'read' ? (op.result ?? null) : null;
  const ver = ctx.versions.get(key(v));
  return ver && (!ver.op || ver.op.outcome !== 'fail') ? ver : null;
}

/**
 * Each client's reads and writes in issue order; an ok cas is a read and then a write. An `info`
 * write or cas counts as a write when it shows in `versionOrder` or some read returned its value.
 */
function sessionItems(ctx: Context, thinAir: Operation[]): Map<Process, SessionItem[]> {
  const out = new Map<Process, SessionItem[]>();
  const seen = new Set<Version>();
  for (const op of ctx.history.ops) if (op.outcome === 'ok' && op.f !== 'write') {
    const ver = observed(ctx, op);
    if (ver) seen.add(ver);
  }
  const ops = [...ctx.history.ops].sort((a, b) => a.invoke - b.invoke);
  for (const op of ops) {
    const items = out.get(op.process) ?? [];
    out.set(op.process, items);
    if (op.outcome === 'ok' && op.f !== 'write') {
      const ver = observed(ctx, op);
      if (ver) items.push({ read: true, op, version: ver });
      else thinAir.push(op);
    }
    if (op.f === 'read' || op.outcome === 'fail') continue;
    const ver = ctx.versions.get(key(op.value)) as Version;
    if (op.outcome === 'ok' || seen.has(ver) || ctx.rank?.has(ver)) items.push({ read: false, op, version: ver });
  }
  return out;
}

const show = (v: Version) => showValue(v.value);

type Rule = (client: Process, earlier: SessionItem, later: SessionItem) => Demand | null;

const RULES: Record<SessionGuarantee, Rule> = {
  'read-your-writes': (c, e, l) =>
    !e.read && l.read ? { from: e.version, to: l.version, strict: false, observed: `client ${c} wrote ${show(e.version)} and later read ${show(l.version)}`, ops: [e.op.id, l.op.id] } : null,
  'monotonic-reads': (c, e, l) =>
    e.read && l.read ? { from: e.version, to: l.version, strict: false, observed: `client ${c} read ${show(e.version)} and later read ${show(l.version)}`, ops: [e.op.id, l.op.id] } : null,
  'monotonic-writes': (c, e, l) =>
    !e.read && !l.read ? { from: e.version, to: l.version, strict: true, observed: `client ${c} wrote ${show(e.version)} and then ${show(l.version)}`, ops: [e.op.id, l.op.id] } : null,
  'writes-follow-reads': (c, e, l) =>
    e.read && !l.read ? { from: e.version, to: l.version, strict: true, observed: `client ${c} read ${show(e.version)} and then wrote ${show(l.version)}`, ops: [e.op.id, l.op.id] } : null,
};

export type SessionGuarantee = 'read-your-writes' | 'monotonic-reads' | 'monotonic-writes' | 'writes-follow-reads';

/** Checks one session guarantee over every client of the history. */
export function checkSession(guarantee: SessionGuarantee, history: History, options: SessionOptions = {}): Verdict {
  const ctx = context(history, options);
  const thinAir: Operation[] = [];
  const sessions = sessionItems(ctx, thinAir);
  if (guarantee !== 'monotonic-writes' && thinAir.length > 0) {
    const op = thinAir[0];
    return { holds: false, explanation: `${named(history, op)} read a value that no write produced`, ops: [op.id] };
  }
  const demands: Demand[] = [];
  for (const [client, items] of sessions) {
    items.forEach((e, i) => items.slice(i + 1).forEach((l) => {
      const d = RULES[guarantee](client, e, l);
      if (d) demands.push(d);
    }));
  }
  return ctx.rank ? againstOrder(ctx.rank, demands) : againstRealTime(ctx, demands);
}

function againstOrder(rank: Map<Version, number>, demands: Demand[]): Verdict {
  for (const d of demands) {
    const a = rankOf(rank, d.from), b = rankOf(rank, d.to);
    if (a < b || (!d.strict && a === b)) continue;
    const why = a === b ? `${show(d.from)} cannot come before itself` : `the version order puts ${show(d.to)} before ${show(d.from)}`;
    return { holds: false, explanation: `${d.observed}, but ${why}`, ops: withWriters(d.ops, d.from, d.to) };
  }
  return { holds: true };
}

function rankOf(rank: Map<Version, number>, v: Version): number {
  const r = rank.get(v);
  if (r === undefined) throw new RangeError(`versionOrder lacks ${show(v)}, which ${opName(v.op as Operation)} wrote and a read returned`);
  return r;
}

/** Whether every order that respects real time puts `a` before `b`. */
function forcedBefore(a: Version, b: Version): boolean {
  if (a === b) return false;
  if (!a.op) return true;
  return b.op !== null && precedes(a.op, b.op);
}

function realTimeFact(a: Version, b: Version): string {
  if (!a.op) return `${show(a)} is the initial value, older than every write`;
  return `${opName(a.op)} completed before ${opName(b.op as Operation)} began`;
}

function againstRealTime(ctx: Context, demands: Demand[]): Verdict {
  for (const d of demands) {
    if (d.strict && d.from === d.to) return { holds: false, explanation: `${d.observed}: it read ${show(d.from)} before writing it`, ops: withWriters(d.ops, d.from, d.to) };
    if (forcedBefore(d.to, d.from)) {
      return { holds: false, explanation: `${d.observed}, but ${realTimeFact(d.to, d.from)}`, ops: withWriters(d.ops, d.from, d.to) };
    }
  }
  const cycle = demandCycle(ctx, demands);
  if (!cycle) return { holds: true };
  const text = cycle.map((d) => d.observed).join('; ');
  return { holds: false, explanation: `${text}: no order of the writes that respects real time allows all of this`, ops: [...new Set(cycle.flatMap((d) => withWriters(d.ops, d.from, d.to)))] };
}

function withWriters(ops: number[], a: Version, b: Version): number[] {
  const ids = [...new Set(ops)];
  for (const v of [a, b]) if (v.op && !ids.includes(v.op.id)) ids.push(v.op.id);
  return ids;
}

/**
 * A cycle of demands and real-time edges among versions, or null. Real-time edges alone never
 * form one, so a cycle found holds at least one demand; the demands on it are returned.
 */
function demandCycle(ctx: Context, demands: Demand[]): Demand[] | null {
  const nodes = [...new Set([ctx.initial, ...demands.flatMap((d) => [d.from, d.to])])];
  const edges = new Map<Version, { to: Version; demand: Demand | null }[]>();
  for (const n of nodes) edges.set(n, nodes.filter((m) => forcedBefore(n, m)).map((m) => ({ to: m, demand: null })));
  for (const d of demands) if (d.from !== d.to) edges.get(d.from)?.push({ to: d.to, demand: d });
  const color = new Map<Version, number>();
  const path: { node: Version; via: Demand | null }[] = [];
  const visit = (n: Version): Demand[] | null => {
    color.set(n, 1);
    for (const e of edges.get(n) ?? []) {
      path.push({ node: e.to, via: e.demand });
      if (color.get(e.to) === 1) {
        const start = path.findIndex((p) => p.node === e.to);
        return path.slice(start + 1).flatMap((p) => (p.via ? [p.via] : []));
      }
      if (!color.has(e.to)) {
        const found = visit(e.to);
        if (found) return found;
      }
      path.pop();
    }
    color.set(n, 2);
    return null;
  };
  for (const n of nodes) {
    if (color.has(n)) continue;
    path.length = 0;
    path.push({ node: n, via: null });
    const found = visit(n);
    if (found) return found;
  }
  return null;
}

export const checkReadYourWrites = (h: History, o?: SessionOptions) => checkSession('read-your-writes', h, o);
export const checkMonotonicReads = (h: History, o?: SessionOptions) => checkSession('monotonic-reads', h, o);
export const checkMonotonicWrites = (h: History, o?: SessionOptions) => checkSession('monotonic-writes', h, o);
export const checkWritesFollowReads = (h: History, o?: SessionOptions) => checkSession('writes-follow-reads', h, o);
