/**
 * Layout of the live message sequence chart, as plain geometry (the SVG view only draws it).
 *
 * One lane per node, spread across the whole chart width. Every message gets its own row, in the
 * order messages were sent, so labels never pile up when one step sends several: the arrow runs
 * across its row from the sender's lane to the receiver's, with its label above the midpoint. A
 * dropped or lost message stops half way at a cross; one still in flight is dashed. A step that is
 * not a delivery opens with a row of its own holding a note on a lane (a drop, a crash, a timer, a
 * request…), and a delivery that sends nothing gets a row marking the receiver, so every step up to
 * the cursor has a band of rows the view can highlight.
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
  /** Step at which the message was sent (0 = already in flight at the start) and where it ended (the last step when still in flight). */
  sentRow: number;
  endRow: number;
  /** Index of the chart row the arrow is drawn on. */
  row: number;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  /** Where the label goes: the midpoint of the drawn line, just above it. */
  labelX: number;
  labelY: number;
  /** True when it was sent by a duplicate choice. */
  duplicate: boolean;
}

export interface SeqNote {
  /** Step the note belongs to. */
  step: number;
  /** Index of the chart row it is drawn on. */
  row: number;
  lane: string | null;
  x: number;
  y: number;
  text: string;
  kind: 'crash' | 'recover' | 'timer' | 'partition' | 'heal' | 'request' | 'duplicate' | 'deliver' | 'drop';
}

export interface SeqRow {
  /** Step this row belongs to (0 = the start world). */
  step: number;
  y: number;
}

export interface SeqLayout {
  width: number;
  height: number;
  lanes: { id: string; x: number }[];
  /** One entry per drawn row, top to bottom. */
  rows: SeqRow[];
  /** Each step's band of rows: the first row's top edge and the last row's bottom edge. */
  bands: { step: number; top: number; bottom: number }[];
  arrows: SeqArrow[];
  notes: SeqNote[];
}

/** Geometry constants: `side` is the left gutter (step numbers) and the right margin; `minLaneGap` keeps labels readable on narrow charts. */
export const SEQ = { rowHeight: 26, top: 30, side: 36, bottom: 10, minLaneGap: 76, defaultWidth: 640 };

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

/**
 * Lays out `frames` (the steps up to the cursor) for the nodes `nodeIds`, starting from `root`,
 * in a chart `width` pixels wide (wider when there are too many lanes to fit).
 */
export function layoutSequence(nodeIds: string[], root: World, frames: SeqFrame[], width: number = SEQ.defaultWidth): SeqLayout {
  const gaps = Math.max(1, nodeIds.length - 1);
  const w = Math.max(width, SEQ.side * 2 + gaps * SEQ.minLaneGap);
  const gap = nodeIds.length > 1 ? (w - SEQ.side * 2) / gaps : 0;
  const laneX = new Map<string, number>();
  nodeIds.forEach((id, i) => laneX.set(id, nodeIds.length > 1 ? SEQ.side + i * gap : w / 2));
  const x = (id: string) => laneX.get(id) ?? SEQ.side;

  const rows: SeqRow[] = [];
  const addRow = (step: number) => {
    rows.push({ step, y: SEQ.top + rows.length * SEQ.rowHeight + SEQ.rowHeight / 2 });
    return rows.length - 1;
  };

  // Messages sent so far and not yet finished: their arrow is drawn once we know how they end.
  const open = new Map<number, { msg: Message; step: number; row: number; duplicate: boolean }>();
  const finished: { msg: Message; step: number; row: number; duplicate: boolean; status: SeqArrow['status']; end: number }[] = [];
  const notes: SeqNote[] = [];
  const note = (step: number, row: number, lane: string | null, text: string, kind: SeqNote['kind']) => {
    const nx = lane ? x(lane) : nodeIds[0] ? x(nodeIds[0]) : SEQ.side;
    notes.push({ step, row, lane, x: nx, y: rows[row].y, text, kind });
  };

  for (const m of root.inFlight) open.set(m.id, { msg: m, step: 0, row: addRow(0), duplicate: false });

  frames.forEach((f, i) => {
    const step = i + 1;
    const c = f.choice;
    const beforeIds = new Set(f.before.inFlight.map((m) => m.id));
    const afterIds = new Set(f.after.inFlight.map((m) => m.id));
    // A step that is not a delivery opens with a row of its own saying what happened (a crash, a
    // timer, a request, a drop…), so the note never sits on top of an arrow.
    const entered = f.after.inFlight.filter((m) => !beforeIds.has(m.id)).sort((a, b) => a.id - b.id);
    const target = c.kind === 'deliver' || c.kind === 'drop' || c.kind === 'duplicate' ? f.before.inFlight.find((mm) => mm.id === c.id) : undefined;
    if (c.kind === 'drop') note(step, addRow(step), target?.from ?? null, `✕ drop ${target ? target.type : `#${c.id}`}`, 'drop');
    else if (c.kind === 'duplicate') {
      if (!entered.length) note(step, addRow(step), target?.from ?? null, `⧉ dup ${target ? target.type : `#${c.id}`}`, 'duplicate');
    } else if (c.kind !== 'deliver') {
      const lane = c.kind === 'crash' || c.kind === 'recover' || c.kind === 'timer' ? c.node : null;
      note(step, addRow(step), lane, NOTE_TEXT[c.kind](c), c.kind);
    }
    // Messages that left the network at this step.
    for (const m of f.before.inFlight) {
      if (afterIds.has(m.id)) continue;
      const s = open.get(m.id);
      if (!s) continue;
      open.delete(m.id);
      let status: SeqArrow['status'];
      if (c.kind === 'deliver' && c.id === m.id) status = f.before.nodes[m.to]?.up === false || f.after.nodes[m.to]?.up === false ? 'lost' : 'delivered';
      else status = c.kind === 'drop' && c.id === m.id ? 'dropped' : 'lost';
      finished.push({ ...s, status, end: step });
    }
    const firstRow = rows.length;
    // Messages that entered it: one row each, in id (send) order.
    for (const m of entered) open.set(m.id, { msg: m, step, row: addRow(step), duplicate: c.kind === 'duplicate' });
    // Messages lost as they were sent (to a down node, across a cut): a row each, ending in a cross.
    for (const e of f.trace ?? []) {
      if (e.kind !== 'lost' || beforeIds.has(e.message.id) || afterIds.has(e.message.id)) continue;
      finished.push({ msg: e.message, step, row: addRow(step), duplicate: false, status: 'lost', end: step });
    }
    // A delivery that sent nothing still gets a row, with a mark on the receiver's lane.
    if (c.kind === 'deliver' && rows.length === firstRow) {
      const down = !!target && (f.before.nodes[target.to]?.up === false || f.after.nodes[target.to]?.up === false);
      if (target) note(step, addRow(step), target.to, down ? `✕ ${target.type} lost` : `● got ${target.type}`, down ? 'drop' : 'deliver');
      else addRow(step);
    }
  });

  const last = frames.length;
  for (const s of open.values()) finished.push({ ...s, status: 'inflight', end: last });

  const arrows: SeqArrow[] = finished
    .map((s) => {
      const y = rows[s.row].y;
      const x1 = x(s.msg.from);
      const xt = x(s.msg.to);
      const x2 = s.status === 'dropped' || s.status === 'lost' ? x1 + (xt - x1) * 0.55 : xt;
      return {
        id: s.msg.id,
        label: msgLabel(s.msg),
        from: s.msg.from,
        to: s.msg.to,
        status: s.status,
        sentRow: s.step,
        endRow: s.end,
        row: s.row,
        x1,
        y1: y,
        x2,
        y2: y,
        labelX: (x1 + x2) / 2,
        labelY: y - 5,
        duplicate: s.duplicate,
      };
    })
    .sort((a, b) => a.row - b.row);

  const bands: SeqLayout['bands'] = [];
  for (const r of rows) {
    const top = r.y - SEQ.rowHeight / 2;
    const bottom = r.y + SEQ.rowHeight / 2;
    const b = bands[bands.length - 1];
    if (b && b.step === r.step) b.bottom = bottom;
    else bands.push({ step: r.step, top, bottom });
  }

  return {
    width: w,
    height: SEQ.top + Math.max(1, rows.length) * SEQ.rowHeight + SEQ.bottom,
    lanes: nodeIds.map((id) => ({ id, x: x(id) })),
    rows,
    bands,
    arrows,
    notes,
  };
}
