/**
 * Operations as the searches see them: each one a step on the register's state, values replaced
 * by small integers so states compare cheaply.
 *
 * Which operations count: an ok read checks the value; a write sets it; an ok cas checks
 * `expected` and sets `value`; a failed cas checks that the register did *not* hold `expected`.
 * A failed read or write did not happen, and a read with unknown outcome constrains nothing, so
 * both are dropped. An `info` write or cas is optional: it may take effect once, at any point
 * after its invoke, or never.
 *
 * Pure.
 */
import { showValue } from './history.ts';
import type { History, Operation, Value } from './history.ts';

export type StepKind = 'read' | 'write' | 'cas' | 'cas-fail';

export interface Step {
  op: Operation;
  /** Completed operations must take effect; `info` ones may or may not. */
  required: boolean;
  kind: StepKind;
  /** read: the value needed; write: the value written; cas and cas-fail: the expected value. */
  a: number;
  /** cas: the new value. */
  b: number;
}

export interface Prepared {
  steps: Step[];
  /** Id of the initial value. */
  initial: number;
  /** Value of each id; the entry at `junk` stands for every value no operation tests. */
  values: Value[];
  /** Id shared by all values no operation tests (reads, cas compares), or -1 if there are none. */
  junk: number;
}

function valueKey(v: Value): string {
  return v === null ? 'null' : `${typeof v}:${String(v)}`;
}

/** Values some operation compares the register with: ok reads, and the expected value of a cas. */
function testedValues(history: History): Set<string> {
  const tested = new Set<string>();
  for (const op of history.ops) {
    if (op.f === 'read' && op.outcome === 'ok') tested.add(valueKey(op.result ?? null));
    if (op.f === 'cas') tested.add(valueKey(op.expected));
  }
  return tested;
}

/**
 * The steps of a history, in `ops` order, without the operations that constrain nothing. Values
 * that no operation ever compares the register with are indistinguishable to every check, so they
 * share one id: a write nobody reads leaves the register in "some unread value", and two
 * configurations that differ only in which unread value it holds are searched once.
 */
export function prepare(history: History): Prepared {
  const tested = testedValues(history);
  const ids = new Map<string, number>();
  const values: Value[] = [];
  let junk = -1;
  const id = (v: Value): number => {
    const k = valueKey(v);
    if (!tested.has(k)) {
      if (junk < 0) {
        junk = values.length;
        values.push(v);
      }
      return junk;
    }
    let n = ids.get(k);
    if (n === undefined) {
      n = values.length;
      ids.set(k, n);
      values.push(v);
    }
    return n;
  };
  const initial = id(history.initial);
  const steps: Step[] = [];
  for (const op of history.ops) {
    const required = op.outcome !== 'info';
    if (op.f === 'read') {
      if (op.outcome === 'ok') steps.push({ op, required, kind: 'read', a: id(op.result ?? null), b: -1 });
    } else if (op.f === 'write') {
      if (op.outcome !== 'fail') steps.push({ op, required, kind: 'write', a: id(op.value), b: -1 });
    } else {
      const kind = op.outcome === 'fail' ? 'cas-fail' : 'cas';
      steps.push({ op, required, kind, a: id(op.expected), b: id(op.value) });
    }
  }
  return { steps, initial, values, junk };
}

/** A state id in words: the value, or "a value no operation reads" for the shared id. */
export function stateLabel(p: Prepared, id: number): string {
  return id === p.junk ? 'a value no operation reads' : showValue(p.values[id]);
}

/**
 * The state after `step` takes effect in `state`, or -1 when it cannot. An optional step that
 * would change nothing also returns -1: taking effect that way is the same as never taking effect.
 */
export function apply(state: number, step: Step): number {
  switch (step.kind) {
    case 'read':
      return state === step.a ? state : -1;
    case 'write':
      return step.required || state !== step.a ? step.a : -1;
    case 'cas':
      return state === step.a && (step.required || step.a !== step.b) ? step.b : -1;
    case 'cas-fail':
      return state !== step.a ? state : -1;
  }
}

/** Whether `a` completed before `b` was invoked, so every legal order puts `a` first. */
export function precedes(a: Operation, b: Operation): boolean {
  return a.response !== null && a.response < b.invoke;
}
