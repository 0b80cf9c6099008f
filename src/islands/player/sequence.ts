/**
 * Layout of the live message sequence chart, as plain geometry (the SVG view only draws it).
 *
 * One lane per node, one row per step. A message is an arrow from its sender's lane at the row
 * where it was sent to its receiver's lane at the row where it was delivered; a dropped or lost
 * message ends in a cross half way; a message still in flight is a dashed stub ending at the last
 * row. Crashes, recoveries, timers, partitions and client requests are notes on a lane.
 */
import type { Choice, Message, StepTrace, World } from '../../../sandboxes/kernel/types.ts';

export interface SeqFrame {
  /** The choice that led to `after`. */
  choice: Choice;
  before: World;
  after: World;
  /** The step's trace, when known: messages lost as they were sent (to a down node, across a cut) show as crosses. */
  trace?: StepTrace;
}

export interface SeqArrow {
  id: number;
  label: string;
  from: string;
  to: string;
  status: 'delivered' | 'dropped' | 'lost' | 'inflight';
  /** Row (step index) where the message was sent (0 = before the first step) and where it ended. */
  sentRow: number;
  endRow: number;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  /** True when it was sent by a duplicate choice. */
  duplicate: boolean;
}

export interface SeqNote {
  row: number;
  lane: string | null;
  x: number;
  y: number;
  text: string;
  kind: 'crash' | 'recover' | 'timer' | 'partition' | 'heal' | 'request' | 'duplicate';
}

export interface SeqLayout {
  width: number;
  height: number;
  lanes: { id: string; x: number }[];
  rows: { step: number; y: number }[];
  arrows: SeqArrow[];
  notes: SeqNote[];
}

export const SEQ = { laneGap: 110, rowHeight: 32, top: 34, side: 44, bottom: 16 };

const NOTE_TEXT: Record<string, (c: Choice) => string> = {
  crash: () => '⚡ crash',
  recover: () => '↺ recover',
  timer: (c) => `◷ ${c.kind === 'timer' ? c.name : ''}`,
  partition: () => '✂ partition',
  heal: () => '⛓ heal',
  request: (c) => `▶ ${c.kind === 'request' ? c.name : ''}`,
};

function msgLabel(m: Message): string {
  return m.type;
}

/** Lays out `frames` (the steps up to the cursor) for the nodes `nodeIds`, starting from `root`. */
export function layoutSequence(nodeIds: string[], root: World, frames: SeqFrame[]): SeqLayout {
  const laneX = new Map<string, number>();
  nodeIds.forEach((id, i) => laneX.set(id, SEQ.side + i * SEQ.laneGap));
  const rowY = (row: number) => SEQ.top + row * SEQ.rowHeight;
  const x = (id: string) => laneX.get(id) ?? SEQ.side;

  const sent = new Map<number, { msg: Message; row: number; duplicate: boolean }>();
  for (const m of root.inFlight) sent.set(m.id, { msg: m, row: 0, duplicate: false });
  const arrows: SeqArrow[] = [];
  const notes: SeqNote[] = [];

  const finish = (id: number, row: number, status: SeqArrow['status']) => {
    const s = sent.get(id);
    if (!s) return;
    sent.delete(id);
    const x1 = x(s.msg.from);
    const y1 = rowY(s.row);
    let x2 = x(s.msg.to);
    let y2 = rowY(row);
    if (status === 'dropped' || status === 'lost') {
      x2 = (x1 + x2) / 2;
      y2 = (y1 + y2) / 2;
    }
    arrows.push({ id, label: msgLabel(s.msg), from: s.msg.from, to: s.msg.to, status, sentRow: s.row, endRow: row, x1, y1, x2, y2, duplicate: s.duplicate });
  };

  frames.forEach((f, i) => {
    const row = i + 1;
    const c = f.choice;
    const beforeIds = new Set(f.before.inFlight.map((m) => m.id));
    const afterIds = new Set(f.after.inFlight.map((m) => m.id));
    // Messages that left the network at this step.
    for (const m of f.before.inFlight) {
      if (afterIds.has(m.id)) continue;
      if (c.kind === 'deliver' && c.id === m.id) finish(m.id, row, f.before.nodes[m.to]?.up === false || f.after.nodes[m.to]?.up === false ? 'lost' : 'delivered');
      else finish(m.id, row, c.kind === 'drop' && c.id === m.id ? 'dropped' : 'lost');
    }
    // Messages that entered it.
    for (const m of f.after.inFlight) {
      if (!beforeIds.has(m.id)) sent.set(m.id, { msg: m, row, duplicate: c.kind === 'duplicate' });
    }
    // Messages lost as they were sent: a short arrow that ends in a cross on the same row.
    for (const e of f.trace ?? []) {
      if (e.kind !== 'lost' || beforeIds.has(e.message.id) || afterIds.has(e.message.id)) continue;
      const m = e.message;
      const x1 = x(m.from);
      const y1 = rowY(row);
      arrows.push({ id: m.id, label: msgLabel(m), from: m.from, to: m.to, status: 'lost', sentRow: row, endRow: row, x1, y1, x2: (x1 + x(m.to)) / 2, y2: y1 + SEQ.rowHeight * 0.4, duplicate: false });
    }
    if (c.kind === 'deliver' || c.kind === 'drop') return;
    if (c.kind === 'duplicate') {
      const m = f.before.inFlight.find((mm) => mm.id === c.id);
      const lane = m?.from ?? null;
      notes.push({ row, lane, x: lane ? x(lane) : SEQ.side, y: rowY(row), text: `⧉ dup ${m ? m.type : `#${c.id}`}`, kind: 'duplicate' });
      return;
    }
    const lane = c.kind === 'crash' || c.kind === 'recover' || c.kind === 'timer' ? c.node : null;
    const first = nodeIds[0];
    notes.push({ row, lane, x: lane ? x(lane) : first ? x(first) : SEQ.side, y: rowY(row), text: NOTE_TEXT[c.kind](c), kind: c.kind });
  });

  const lastRow = frames.length;
  const pending = [...sent.entries()].sort((a, b) => a[0] - b[0]);
  for (const [id, s] of pending) {
    const x1 = x(s.msg.from);
    const x2t = x(s.msg.to);
    const y1 = rowY(s.row);
    // Stub: two thirds of the way towards the receiver, ending half a row below the last row.
    const y2 = rowY(lastRow) + SEQ.rowHeight / 2;
    arrows.push({ id, label: msgLabel(s.msg), from: s.msg.from, to: s.msg.to, status: 'inflight', sentRow: s.row, endRow: lastRow, x1, y1, x2: x1 + (x2t - x1) * 0.66, y2, duplicate: s.duplicate });
  }

  const rows = Array.from({ length: frames.length + 1 }, (_, step) => ({ step, y: rowY(step) }));
  return {
    width: SEQ.side * 2 + Math.max(0, nodeIds.length - 1) * SEQ.laneGap,
    height: rowY(lastRow) + SEQ.rowHeight / 2 + SEQ.bottom,
    lanes: nodeIds.map((id) => ({ id, x: x(id) })),
    rows,
    arrows,
    notes,
  };
}
