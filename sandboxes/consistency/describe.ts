/**
 * Operations in words, for the checkers' explanations: "write 3 by client 1", "read by client 2
 * (events 14–17)". A learner reads these; keep them short and concrete. Pure.
 */
import { showValue } from './history.ts';
import type { History, Operation } from './history.ts';

/** "write 3 by client 1", "read by client 2", "cas 2→4 by client 4". */
export function opName(op: Operation): string {
  const who = `by client ${op.process}`;
  if (op.f === 'write') return `write ${showValue(op.value)} ${who}`;
  if (op.f === 'cas') return `cas ${showValue(op.expected)}→${showValue(op.value)} ${who}`;
  return `read ${who}`;
}

/** " (events 3–7)" or " (event 3, no response)" when the history names its clock, else "". */
export function when(history: History, op: Operation): string {
  const c = history.clock;
  if (!c) return '';
  return op.response === null ? ` (${c} ${op.invoke}, no response)` : ` (${c}s ${op.invoke}–${op.response})`;
}

/** The operation's name and, if the history has a clock, its times. */
export function named(history: History, op: Operation): string {
  return opName(op) + when(history, op);
}

/** What the operation reported: "returned 2", "succeeded", "failed", "got no answer". */
export function outcome(op: Operation): string {
  if (op.outcome === 'info') return 'got no answer';
  if (op.f === 'read') return op.outcome === 'ok' ? `returned ${showValue(op.result ?? null)}` : 'failed';
  return op.outcome === 'ok' ? 'succeeded' : 'failed';
}

/** "read by client 2 (events 4–9) returned 2". */
export function namedWithOutcome(history: History, op: Operation): string {
  return `${named(history, op)} ${outcome(op)}`;
}
