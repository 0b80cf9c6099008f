/**
 * Sequential consistency (Lamport 1979) of a register or cas-register history: is there one
 * total order of the operations, legal for the register, that keeps each client's operations in
 * the order the client issued them? Real time between clients is ignored, which is exactly what
 * separates it from linearizability (a read may miss a write that completed long before).
 *
 * Same operation semantics as the linearizability check (steps.ts): `info` writes and cas may be
 * placed or skipped. The search is depth-first over (position in each client's sequence,
 * register value) with each pair explored once; that is exponential in the number of clients, so
 * it is meant for small histories (a simulation's clients, a quiz). `maxStates` bounds it. Pure.
 */
import type { History, Operation, Process } from './history.ts';
import { namedWithOutcome, opName } from './describe.ts';
import { apply, prepare, stateLabel } from './steps.ts';
import type { Step } from './steps.ts';
import type { Verdict } from './verdict.ts';

export interface SequentialOptions {
  /** Give up (throw a RangeError) after exploring this many states. Default 1,000,000. */
  maxStates?: number;
}

interface Deepest {
  placed: number;
  order: number[];
  state: number;
  next: Operation[];
}

/** Each client's steps in the order it issued them. */
function sessions(steps: Step[]): Step[][] {
  const by = new Map<Process, Step[]>();
  for (const s of steps) {
    const list = by.get(s.op.process);
    if (list) list.push(s);
    else by.set(s.op.process, [s]);
  }
  for (const list of by.values()) list.sort((a, b) => a.op.invoke - b.op.invoke);
  return [...by.values()];
}

export function checkSequential(history: History, options: SequentialOptions = {}): Verdict {
  const maxStates = options.maxStates ?? 1_000_000;
  const prepared = prepare(history);
  const { steps, initial } = prepared;
  const procs = sessions(steps);
  const pos = procs.map(() => 0);
  const seen = new Set<string>();
  const order: Step[] = [];
  let state = initial;
  let placedRequired = 0;
  let deepest: Deepest = { placed: -1, order: [], state: initial, next: [] };

  const tryStep = (p: number, s: Step, next: number): boolean => {
    const was = state;
    pos[p]++;
    if (next >= 0) {
      order.push(s);
      state = next;
      if (s.required) placedRequired++;
    }
    if (dfs()) return true;
    if (next >= 0) {
      order.pop();
      state = was;
      if (s.required) placedRequired--;
    }
    pos[p]--;
    return false;
  };

  const dfs = (): boolean => {
    if (procs.every((list, p) => pos[p] === list.length)) return true;
    const key = `${pos.join(',')}|${state}`;
    if (seen.has(key)) return false;
    seen.add(key);
    if (seen.size > maxStates) throw new RangeError(`sequential consistency: gave up after ${maxStates} states`);
    for (let p = 0; p < procs.length; p++) {
      if (pos[p] === procs[p].length) continue;
      const s = procs[p][pos[p]];
      const next = apply(state, s);
      if (next >= 0 && tryStep(p, s, next)) return true;
      if (!s.required && tryStep(p, s, -1)) return true;
    }
    if (placedRequired > deepest.placed) {
      const next = procs.flatMap((list, p) => (pos[p] < list.length && list[pos[p]].required ? [list[pos[p]].op] : []));
      deepest = { placed: placedRequired, order: order.map((s) => s.op.id), state, next };
    }
    return false;
  };

  if (dfs()) return { holds: true };
  const total = steps.filter((s) => s.required).length;
  return { holds: false, explanation: explain(history, deepest, total, stateLabel(prepared, deepest.state)), ops: deepest.next.map((o) => o.id) };
}

function explain(history: History, d: Deepest, total: number, value: string): string {
  const placed = d.order.map((id) => history.ops[id]);
  const shown = placed.length === 0 ? '' : placed.length <= 6 ? ` (${placed.map(opName).join(', ')})` : ` (ending with ${placed.slice(-3).map(opName).join(', ')})`;
  const blocked = d.next.map((o) => namedWithOutcome(history, o)).join('; ');
  return (
    `No single order of all operations keeps every client's own order. The longest one found places ` +
    `${d.placed} of ${total} completed operations${shown}, leaving the register at ${value}, ` +
    `and then no client can go on: ${blocked}`
  );
}
