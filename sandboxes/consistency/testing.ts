/**
 * Test support: histories written by hand, one operation per line. Times are plain numbers on
 * one clock; `null` as the response makes the operation `info` (crashed or pending).
 *
 *   hist([write(1, 3, 0, 2), read(2, 3, 1, 4), cas(3, [3, 4], 5, null)])
 */
import type { CasOp, History, Model, Operation, Outcome, Process, ReadOp, Value, WriteOp } from './history.ts';

type Times = [invoke: number, response: number | null];

function base(process: Process, [invoke, response]: Times, outcome?: Outcome) {
  return { id: -1, process, invoke, response, outcome: response === null ? 'info' : (outcome ?? 'ok') } as const;
}

export function write(process: Process, value: Value, invoke: number, response: number | null, outcome?: Outcome): WriteOp {
  return { ...base(process, [invoke, response], outcome), f: 'write', value };
}

/** A read; `result` is what it returned (ignored unless it is ok). */
export function read(process: Process, result: Value, invoke: number, response: number | null, outcome?: Outcome): ReadOp {
  const op: ReadOp = { ...base(process, [invoke, response], outcome), f: 'read' };
  if (op.outcome === 'ok') op.result = result;
  return op;
}

export function cas(process: Process, [expected, value]: [Value, Value], invoke: number, response: number | null, outcome?: Outcome): CasOp {
  return { ...base(process, [invoke, response], outcome), f: 'cas', expected, value };
}

/** A history of these operations, sorted by invoke and numbered. */
export function hist(ops: Operation[], initial: Value = null, model: Model = 'cas-register'): History {
  const sorted = [...ops].sort((a, b) => a.invoke - b.invoke).map((op, id) => ({ ...op, id }));
  return { model, initial, ops: sorted };
}
