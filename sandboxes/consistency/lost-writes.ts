/**
 * "No acknowledged write lost", for a register whose writes all write distinct values, given the
 * value(s) the replicas hold once the network has healed and every message is delivered.
 *
 * Definition. An acknowledged write is an `ok` write or an `ok` cas (which wrote its new value).
 * The final value F was written by some write w(F), or is the initial value. In the system's
 * order of writes, w(F) must come last; an order that respects real time can put an acknowledged
 * write W before w(F) unless w(F) completed before W was invoked. So W is *lost* when
 *
 *   W's value is not final, and w(F) completed before W began (or F is the initial value).
 *
 * Equivalently: W is neither the final value nor overwritten by a chain of writes that ends in
 * the final value. Writes overwritten by concurrent or later writes are not lost; a write merely
 * concurrent with w(F) is not lost either (the system may have ordered it first; last-writer-wins
 * between concurrent writes is allowed here, and checked by linearizability instead). Two
 * acknowledged writes issued one after the other, both after w(F) completed, are both lost: the
 * register fell back past both of them (the classic asynchronous failover).
 *
 * With several final values (replicas that never converged), a write counts as kept if it is
 * kept with respect to any of them. Pure.
 */
import type { History, Operation, Value } from './history.ts';
import { showValue } from './history.ts';
import { named, opName } from './describe.ts';
import { precedes } from './steps.ts';
import type { Verdict } from './verdict.ts';

function writeOf(history: History, v: Value): Operation | null {
  const ws = history.ops.filter((o) => o.f !== 'read' && o.value === v);
  if (ws.length > 1) throw new RangeError(`lost-write check needs distinct written values: ${opName(ws[0])} and ${opName(ws[1])} both write ${showValue(v)}`);
  if (ws.length === 1 && v === history.initial) throw new RangeError(`lost-write check needs written values distinct from the initial value: ${opName(ws[0])}`);
  if (ws.length === 0 && v !== history.initial) throw new RangeError(`final value ${showValue(v)} was never written`);
  return ws[0] ?? null;
}

/** Whether acknowledged write `w` can precede the final value's write `f` (null: initial value). */
function kept(w: Operation, f: Operation | null): boolean {
  return f !== null && (f === w || !precedes(f, w));
}

export function checkNoLostWrites(history: History, finalValues: Value[]): Verdict {
  if (finalValues.length === 0) throw new RangeError('lost-write check needs at least one final value');
  const finals = finalValues.map((v) => writeOf(history, v));
  for (const op of history.ops) if (op.f !== 'read') writeOf(history, op.value);
  const acked = history.ops.filter((o) => o.f !== 'read' && o.outcome === 'ok');
  const lost = acked.filter((w) => !finals.some((f) => kept(w, f)));
  if (lost.length === 0) return { holds: true };
  const shownFinal = finalValues.map(showValue).join(' or ');
  const f = finals[0];
  const because = finals.length > 1
    ? `the replicas ended with ${shownFinal}, each written before it began`
    : f === null
      ? `the register ended with its initial value ${shownFinal}`
      : `the register ended with ${shownFinal}, from ${opName(f)}, which completed before it began`;
  const what = lost.length === 1
    ? `${named(history, lost[0])} was acknowledged and then lost: ${because}`
    : `${lost.length} acknowledged writes were lost (${lost.map(opName).join(', ')}): ${because.replace('before it began', 'before each of them began')}`;
  const ids = lost.map((o) => o.id).concat(finals.flatMap((w) => (w ? [w.id] : [])));
  return { holds: false, explanation: what, ops: [...new Set(ids)] };
}
