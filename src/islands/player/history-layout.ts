/**
 * Where the history view draws each client operation: one lane per client, each operation a bar
 * from the step it was invoked to the step it returned (Jepsen and Porcupine draw histories this
 * way), on the same step axis as the timeline. Pure: operations come from `Protocol.history`, the
 * offending ones from the invariant that broke; HistoryView.tsx only draws the result.
 */

/** One client operation as a protocol reports it (`Protocol.history`). */
export interface ClientOp {
  client: string;
  op: 'read' | 'write';
  /** The value written, or the value a completed read returned (null: never written). */
  value: number | string | null;
  /** Step index (1-based, as in the timeline) at which the client invoked it. */
  invokedAt: number;
  /** Step index at which the client got its answer; null while it has none. */
  completedAt: number | null;
  /** ok; fail (it did not happen); unknown (no answer, may or may not have taken effect). */
  outcome: 'ok' | 'fail' | 'unknown' | 'pending';
}

export interface HistoryBar {
  /** Index of the operation in the history (what invariants name). */
  index: number;
  lane: number;
  x1: number;
  x2: number;
  y: number;
  label: string;
  /** Still waiting at the cursor: drawn open-ended. */
  open: boolean;
  outcome: ClientOp['outcome'];
  marked: boolean;
}

export interface HistoryLayout {
  width: number;
  height: number;
  lanes: { client: string; y: number }[];
  bars: HistoryBar[];
  /** x of each step from 0 to the cursor, for the axis ticks. */
  steps: number[];
}

export const HIST = { left: 36, right: 12, top: 18, lane: 34, bar: 18 };

/** A bar's label: `w 3` for a write of 3, `r → 2` for a read that returned 2, `r → ?` before it returns. */
export function opLabel(o: ClientOp, done: boolean): string {
  if (o.op === 'write') return `w ${o.value ?? 'null'}`;
  return done && o.outcome === 'ok' ? `r → ${o.value ?? 'null'}` : 'r → ?';
}

export function layoutHistory(ops: ClientOp[], cursor: number, width: number, marked: number[] = []): HistoryLayout {
  const clients = [...new Set(ops.map((o) => o.client))].sort();
  const span = Math.max(cursor, 1);
  const x = (step: number) => HIST.left + ((width - HIST.left - HIST.right) * Math.min(step, span)) / span;
  const lanes = clients.map((client, i) => ({ client, y: HIST.top + i * HIST.lane }));
  const laneOf = new Map(clients.map((c, i) => [c, i]));
  const bars: HistoryBar[] = [];
  ops.forEach((o, index) => {
    if (o.invokedAt > cursor) return;
    const done = o.completedAt !== null && o.completedAt <= cursor;
    const lane = laneOf.get(o.client)!;
    // An operation invoked and answered in one step still gets a visible bar.
    const x1 = x(o.invokedAt - 0.5);
    const x2 = done ? Math.max(x(o.completedAt!), x1 + 14) : x(cursor) + 6;
    bars.push({ index, lane, x1, x2, y: lanes[lane].y, label: opLabel(o, done), open: !done, outcome: done ? o.outcome : 'pending', marked: marked.includes(index) });
  });
  return { width, height: HIST.top + Math.max(clients.length, 1) * HIST.lane, lanes, bars, steps: Array.from({ length: span + 1 }, (_, i) => x(i)) };
}
