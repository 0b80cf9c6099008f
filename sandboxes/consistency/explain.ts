/**
 * Why a history is not linearizable, in words a learner reads.
 *
 * Real time alone proves some histories wrong, and says so best. An operation cannot be placed
 * when:
 * - it returned a value no operation wrote, or only failed ones did;
 * - it returned a value before any write of that value began;
 * - it returned a stale value: it began after some write Y had completed, and every write of the
 *   value it returned had completed before Y began ("read by client 2 returned 2, but it began
 *   after write 3 by client 1 completed and no later write of 2 exists");
 * - a cas failed although, by real time, the register must have held what it expected.
 * `firstProof` finds the earliest-completing such operation before any search runs. When there is
 * none, the search's dead end is described: the values the register could hold where the
 * blocked operation had to take effect. Either way with the longest linearizable prefix found.
 * Pure.
 */
import type { CasOp, History, Operation, Value, WriteOp } from './history.ts';
import { showValue } from './history.ts';
import { named, namedWithOutcome, opName } from './describe.ts';
import { precedes } from './steps.ts';

export type Reason = { op: Operation; text: string; ops: number[] };

/** What the reasons look up: writes by value, once per history. */
export class Facts {
  readonly history: History;
  /** Writes and cas that did not fail, by value written. */
  private readonly writers = new Map<Value, (WriteOp | CasOp)[]>();
  private readonly failed = new Map<Value, (WriteOp | CasOp)[]>();
  /** Writes and cas that did not fail. */
  readonly writes: (WriteOp | CasOp)[] = [];

  constructor(history: History) {
    this.history = history;
    for (const o of history.ops) {
      if (o.f === 'read') continue;
      const into = o.outcome === 'fail' ? this.failed : this.writers;
      into.set(o.value, [...(into.get(o.value) ?? []), o]);
      if (o.outcome !== 'fail') this.writes.push(o);
    }
  }

  writersOf(v: Value): (WriteOp | CasOp)[] {
    return this.writers.get(v) ?? [];
  }

  failedWritersOf(v: Value): (WriteOp | CasOp)[] {
    return this.failed.get(v) ?? [];
  }
}

/** The value an operation needs the register to hold when it takes effect, if any. */
function needed(op: Operation): Value | undefined {
  if (op.outcome !== 'ok') return undefined;
  if (op.f === 'read') return op.result ?? null;
  if (op.f === 'cas') return op.expected;
  return undefined;
}

function subject(facts: Facts, op: Operation, v: Value): string {
  const h = facts.history;
  const init = v === h.initial && facts.writersOf(v).length === 0 ? ' (the initial value)' : '';
  if (op.f === 'cas') return `${named(h, op)} succeeded, so the register held ${showValue(v)}${init}`;
  return `${named(h, op)} returned ${showValue(v)}${init}`;
}

/** A reason from real time for an operation that needs value `v`, or null. */
function valueReason(facts: Facts, op: Operation, v: Value): Reason | null {
  const h = facts.history;
  const writers = facts.writersOf(v);
  const s = subject(facts, op, v);
  const shown = showValue(v);
  if (v !== h.initial && writers.length === 0) {
    const failed = facts.failedWritersOf(v);
    if (failed.length === 1) return { op, text: `${s}, but the only write of ${shown} (${opName(failed[0])}) failed, so it never took effect`, ops: [op.id, failed[0].id] };
    if (failed.length > 1) return { op, text: `${s}, but every write of ${shown} failed`, ops: [op.id, ...failed.map((o) => o.id)] };
    return { op, text: `${s}, but no operation wrote ${shown}`, ops: [op.id] };
  }
  if (v !== h.initial && writers.every((w) => precedes(op, w))) {
    const which = writers.length === 1 ? `the only write of ${shown} (${opName(writers[0])})` : `any write of ${shown}`;
    return { op, text: `${s}, but it completed before ${which} began`, ops: [op.id, ...writers.map((w) => w.id)] };
  }
  const y = lastOverwrite(facts, op, v, writers);
  if (!y) return null;
  const tail = v === h.initial && writers.length === 0 ? '' : ` and no later write of ${shown} exists`;
  return { op, text: `${s}, but it began after ${opName(y)} completed${tail}`, ops: [op.id, y.id, ...writers.map((w) => w.id)] };
}

/** The latest completed write of another value that began after every write of `v` completed. */
function lastOverwrite(facts: Facts, op: Operation, v: Value, writers: Operation[]): Operation | null {
  let best: Operation | null = null;
  for (const y of facts.writes) {
    if (y.outcome !== 'ok' || y.value === v || !precedes(y, op)) continue;
    if (best && (y.response as number) <= (best.response as number)) continue;
    if (writers.every((w) => precedes(w, y))) best = y;
  }
  return best;
}

/** A failed cas whose expected value the register must have held, by real time alone. */
function failedCasReason(facts: Facts, op: Operation): Reason | null {
  if (op.f !== 'cas' || op.outcome !== 'fail') return null;
  const h = facts.history;
  const a = op.expected;
  const s = `${named(h, op)} failed, so the register did not hold ${showValue(a)}`;
  if (a === h.initial && facts.writes.every((w) => precedes(op, w))) {
    return { op, text: `${s}, but no write began before it completed, so the register still held its initial value ${showValue(a)}`, ops: [op.id] };
  }
  for (const y of facts.writersOf(a)) {
    if (y.outcome !== 'ok' || !precedes(y, op)) continue;
    if (facts.writes.every((w) => w === y || precedes(w, y) || precedes(op, w))) {
      return { op, text: `${s}, but it began after ${opName(y)} completed and no other write could come in between`, ops: [op.id, y.id] };
    }
  }
  return null;
}

/** A real-time reason why `op` cannot be linearized, or null. */
export function realTimeReason(facts: Facts, op: Operation): Reason | null {
  const v = needed(op);
  return v === undefined ? failedCasReason(facts, op) : valueReason(facts, op, v);
}

/** The earliest-completing operation that real time alone proves cannot be linearized, if any. */
export function firstProof(history: History): Reason | null {
  const facts = new Facts(history);
  const done = history.ops.filter((o) => o.response !== null && o.outcome !== 'info');
  done.sort((a, b) => (a.response as number) - (b.response as number));
  for (const op of done) {
    const r = realTimeReason(facts, op);
    if (r) return { ...r, ops: [...new Set(r.ops)] };
  }
  return null;
}

/** "The longest linearizable prefix found places 5 of 9 completed operations: …". */
export function prefixSummary(history: History, prefix: number[], depth: number, total: number): string {
  const ops = prefix.map((id) => history.ops[id]);
  const of = `${total} completed operation${total === 1 ? '' : 's'}`;
  if (ops.length === 0) return `The longest linearizable prefix found is empty (of ${of})`;
  const head = `The longest linearizable prefix found places ${depth} of ${of}`;
  if (ops.length <= 6) return `${head}: ${ops.map(opName).join(', ')}`;
  return `${head}, ending with ${ops.slice(-3).map(opName).join(', ')}`;
}

/** One or several values in words: "3", "0, 4 or 1". */
export function alternatives(shown: string[]): string {
  return shown.length === 1 ? shown[0] : `${shown.slice(0, -1).join(', ')} or ${shown[shown.length - 1]}`;
}

/** What the search saw at its deepest dead end, for an operation with no real-time reason. */
export function searchReason(history: History, x: Operation, states: string[]): string {
  const where = `the register holds ${alternatives(states)} wherever it could take effect`;
  if (needed(x) !== undefined) return `${namedWithOutcome(history, x)}, but ${where}`;
  if (x.f === 'cas' && x.outcome === 'fail') return `${named(history, x)} failed, so the register did not hold ${showValue(x.expected)}, but ${where}`;
  return `${named(history, x)} must take effect before it completes, and every place for it leads to a dead end`;
}
