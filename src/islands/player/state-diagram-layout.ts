/**
 * Layout of a node's state diagram, for the player's node cards, computed with dagre
 * (`@dagrejs/dagre`, a maintained layered-graph layout) from the `StateDiagram` the kernel reads
 * off the machine.
 *
 * - One box per state (its name, and the lessons' name under it when the protocol gives one), top
 *   to bottom; an entry dot with an arrow into the initial state ("start") and into the recovery
 *   state ("after a crash").
 * - Parallel transitions between two states become one edge whose label has a line per
 *   transition; a state's self-transitions become one small loop on its right-hand side.
 * - Two variants: `labels: 'all'` has dagre make room for every label (nothing overlaps), and
 *   `labels: 'none'` is the compact drawing for narrow cards, where a view labels only the
 *   current state's exits with `placeLabels`, which keeps them off boxes, off each other and
 *   inside the drawing.
 *
 * Pure and deterministic: plain data out (boxes, SVG path data, label spots, the viewBox size), no
 * React and no DOM; text widths are estimated from character classes, not measured.
 */
import { graphlib, layout as dagreLayout } from '@dagrejs/dagre';
import type { StateDiagram } from './model.ts';

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

type Pt = { x: number; y: number };

export interface StateBox extends Rect {
  id: string;
  /** The machine's name for the state. */
  label: string;
  /** The lessons' name (second line), if the protocol gives one. */
  textbook?: string;
  final: boolean;
  /** The state a crashed node restarts in. */
  recovery: boolean;
  /** Its self-loop (one arc for all of its self-transitions), if it has any. */
  loop?: { path: string; end: Pt };
}

export interface StateEdge {
  /** Stable key: `from→to`. */
  id: string;
  from: string;
  to: string;
  /** The reader's text of each merged transition, in diagram order (one line each). */
  lines: string[];
  /** The machine's event types of the merged transitions, without repeats. */
  events: string[];
  self: boolean;
  /** Out of the recovery state: taken only right after a crash. */
  recovery: boolean;
  /** SVG path data from `from`'s border to `to`'s border (where the arrowhead goes). */
  path: string;
  /** The path as a polyline, for placing labels. */
  points: Pt[];
}

export interface EdgeLabel {
  edge: string;
  /** Baseline of the first line; `anchor` is SVG's `text-anchor`. */
  x: number;
  y: number;
  anchor: 'start' | 'middle' | 'end';
  lines: string[];
  /** The space the text takes. */
  box: Rect;
}

export interface EntryMark {
  to: string;
  /** "start" or "after a crash". */
  text: string;
  /** Baseline of the text (centred on `x`). */
  x: number;
  y: number;
  dot: { cx: number; cy: number; r: number };
  path: string;
  recovery: boolean;
}

export interface StateDiagramLayout {
  /** The drawing is `0 0 width height` in user units (1 unit = 1 CSS px at scale 1). */
  width: number;
  height: number;
  boxes: StateBox[];
  edges: StateEdge[];
  entries: EntryMark[];
  /** Every edge's label, placed by dagre (`labels: 'all'`), or none (`labels: 'none'`). */
  labels: EdgeLabel[];
}

/** Drawing constants, shared with the view so its font sizes match the estimates here. */
export const SD = {
  font: 12,
  subFont: 10,
  labelFont: 11,
  labelLine: 13,
  padX: 7,
  boxH: 24,
  boxH2: 36,
  /** The "you are here" pointer drawn against the current state's left side (in the gap between boxes). */
  pointer: 7,
  /** Inset of a final state's inner border. */
  finalInset: 3,
  /** How far a self-loop bulges out of its box. */
  loop: 14,
  entryR: 4,
  entryTextH: 12,
  margin: 4,
  nodesep: 10,
  edgesep: 6,
  ranksep: 26,
  ranksepCompact: 40,
  /** Wider transition texts break before their condition. */
  wrapAt: 110,
} as const;

/**
 * Approximate advance of `s` in a sans-serif UI font, in px. Errs wide: fitted to DejaVu Sans (what
 * `system-ui` is on many Linux desktops, wider than San Francisco, Segoe UI or Roboto).
 */
export function textWidth(s: string, fontSize: number, bold = false): number {
  let em = 0;
  for (const ch of s) {
    if (/[mwMW]/.test(ch)) em += 0.92;
    else if (/[A-Z]/.test(ch)) em += 0.74;
    else if (/[ijlI|!.,:;']/.test(ch)) em += 0.3;
    else if (/[frt()\-[\] ]/.test(ch)) em += 0.42;
    else if (/[a-z0-9_]/.test(ch)) em += 0.63;
    else em += 0.9;
  }
  return Math.ceil(em * fontSize * (bold ? 1.06 : 1));
}

/** The space a label's lines take. */
export function labelSize(lines: string[]): { w: number; h: number } {
  return { w: Math.max(0, ...lines.map((l) => textWidth(l, SD.labelFont, true))), h: lines.length * SD.labelLine };
}

/** "collecting (WAIT)": a state's name with the lessons' name, for text. */
export function stateText(s: { label: string; textbook?: string }): string {
  if (!s.textbook) return s.label;
  return s.textbook.includes('(') ? `${s.label}, ${s.textbook}` : `${s.label} (${s.textbook})`;
}

const r1 = (n: number) => Math.round(n * 10) / 10;

/** A B-spline through dagre's control points (as d3's curveBasis): starts and ends on them. */
function basis(pts: Pt[]): string {
  if (pts.length < 3) return pts.map((p, i) => `${i ? 'L' : 'M'}${r1(p.x)},${r1(p.y)}`).join(' ');
  const out = [`M${r1(pts[0].x)},${r1(pts[0].y)}`];
  const p = pts;
  out.push(`L${r1((5 * p[0].x + p[1].x) / 6)},${r1((5 * p[0].y + p[1].y) / 6)}`);
  const bez = (a: Pt, b: Pt, c: Pt) =>
    `C${r1((2 * a.x + b.x) / 3)},${r1((2 * a.y + b.y) / 3)} ${r1((a.x + 2 * b.x) / 3)},${r1((a.y + 2 * b.y) / 3)} ${r1((a.x + 4 * b.x + c.x) / 6)},${r1((a.y + 4 * b.y + c.y) / 6)}`;
  for (let i = 2; i < p.length; i++) out.push(bez(p[i - 2], p[i - 1], p[i]));
  const n = p.length;
  out.push(bez(p[n - 2], p[n - 1], p[n - 1]));
  out.push(`L${r1(p[n - 1].x)},${r1(p[n - 1].y)}`);
  return out.join(' ');
}

/** Where the segment from the centre of `r` towards `p` leaves `r`. */
function border(r: Rect, p: Pt): Pt {
  const cx = r.x + r.w / 2;
  const cy = r.y + r.h / 2;
  const dx = p.x - cx;
  const dy = p.y - cy;
  if (!dx && !dy) return { x: cx, y: r.y + r.h };
  const sx = dx ? r.w / 2 / Math.abs(dx) : Infinity;
  const sy = dy ? r.h / 2 / Math.abs(dy) : Infinity;
  const s = Math.min(sx, sy);
  return { x: cx + dx * s, y: cy + dy * s };
}

const ENTRY = '\u0000entry:';

/**
 * Layouts already computed, per diagram object and variant (every node of a role shares its
 * role's diagram). Callers must treat results as read-only.
 */
const memo = new WeakMap<StateDiagram, Partial<Record<'all' | 'none', StateDiagramLayout>>>();

export function layoutStateDiagram(d: StateDiagram, opts: { labels: 'all' | 'none' } = { labels: 'none' }): StateDiagramLayout {
  let m = memo.get(d);
  if (!m) memo.set(d, (m = {}));
  return (m[opts.labels] ??= compute(d, opts.labels === 'all'));
}

function boxSize(s: StateDiagram['states'][number]): { w: number; h: number } {
  // Bold, as the current state is drawn, so nothing moves when the state changes.
  const w1 = textWidth(s.label, SD.font, true);
  const w2 = s.textbook ? textWidth(s.textbook, SD.subFont, true) : 0;
  return { w: Math.max(w1, w2) + 2 * SD.padX + (s.final ? 2 * SD.finalInset : 0), h: s.textbook ? SD.boxH2 : SD.boxH };
}

/**
 * The lines a transition's text takes on the drawing: one, or two split before its condition when
 * it is wider than `SD.wrapAt` ("VOTE_COMMIT" / "[last yes vote]").
 */
export function wrapLabel(text: string): string[] {
  const cut = text.indexOf(' [');
  if (cut <= 0 || textWidth(text, SD.labelFont, true) <= SD.wrapAt) return [text];
  return [text.slice(0, cut), text.slice(cut + 1)];
}

function compute(d: StateDiagram, withLabels: boolean): StateDiagramLayout {
  const g = new graphlib.Graph({ multigraph: true });
  // Without label room, ranks sit further apart so two lines of a label fit between them.
  g.setGraph({ rankdir: 'TB', nodesep: SD.nodesep, edgesep: SD.edgesep, ranksep: withLabels ? SD.ranksep : SD.ranksepCompact, marginx: SD.margin, marginy: SD.margin });
  const ids = new Set(d.states.map((s) => s.id));
  for (const s of d.states) {
    const { w, h } = boxSize(s);
    g.setNode(s.id, { width: w, height: h });
  }

  // Merge parallel transitions; self-transitions make one loop per state.
  const merged = new Map<string, StateEdge>();
  for (const t of d.transitions) {
    if (!ids.has(t.from) || !ids.has(t.to)) continue;
    const id = `${t.from}→${t.to}`;
    let e = merged.get(id);
    if (!e) {
      e = { id, from: t.from, to: t.to, lines: [], events: [], self: t.from === t.to, recovery: t.from === d.recovery, path: '', points: [] };
      merged.set(id, e);
    }
    const line = t.label ?? t.event;
    if (!e.lines.includes(line)) e.lines.push(line);
    if (!e.events.includes(t.event)) e.events.push(t.event);
  }
  const edges = [...merged.values()];
  const shown = (e: StateEdge) => e.lines.flatMap(wrapLabel);
  for (const e of edges) {
    const size = withLabels ? labelSize(shown(e)) : { w: 0, h: 0 };
    // A loop needs room beside its box (dagre keeps a spot for it there); its label goes beyond the arc.
    if (e.self) g.setEdge(e.from, e.to, { width: SD.loop + 4 + size.w, height: Math.max(size.h, 1), labelpos: 'c' }, e.id);
    // Edges out of the recovery state are ranked backwards, so it sits below the states it
    // returns to and its dashed edges come up from the bottom instead of crossing the main flow.
    else if (e.recovery) g.setEdge(e.to, e.from, { width: size.w, height: size.h, labelpos: 'c', weight: 1, minlen: 1 }, e.id);
    else g.setEdge(e.from, e.to, { width: size.w, height: size.h, labelpos: 'c', weight: 2, minlen: 1 }, e.id);
  }
  const entries: { to: string; text: string; recovery: boolean }[] = [];
  if (ids.has(d.initial)) entries.push({ to: d.initial, text: 'start', recovery: false });
  if (d.recovery && ids.has(d.recovery) && d.recovery !== d.initial) entries.push({ to: d.recovery, text: 'after a crash', recovery: true });
  for (const en of entries) {
    g.setNode(ENTRY + en.to, { width: textWidth(en.text, SD.labelFont) + 4, height: SD.entryTextH + 2 * SD.entryR + 2 });
    // The restart mark goes below the recovery state, like the edges out of it.
    if (en.recovery) g.setEdge(en.to, ENTRY + en.to, { width: 0, height: 0, weight: 4, minlen: 1 }, ENTRY + en.to);
    else g.setEdge(ENTRY + en.to, en.to, { width: 0, height: 0, weight: 4, minlen: 1 }, ENTRY + en.to);
  }

  dagreLayout(g);

  // Geometry in dagre's coordinates first; paths are made once it is shifted into the viewBox
  // (dagre keeps nodes inside its margins, but not always the bends of long edges).
  const rect = (id: string): Rect => {
    const n = g.node(id) as { x: number; y: number; width: number; height: number };
    return { x: n.x - n.width / 2, y: n.y - n.height / 2, w: n.width, h: n.height };
  };
  const boxes: StateBox[] = d.states.map((s) => ({ id: s.id, label: s.label, ...(s.textbook ? { textbook: s.textbook } : {}), final: s.final, recovery: s.id === d.recovery, ...rect(s.id) }));
  const byId = new Map(boxes.map((b) => [b.id, b]));
  const labels: EdgeLabel[] = [];
  const centre = (r: Rect): Pt => ({ x: r.x + r.w / 2, y: r.y + r.h / 2 });
  for (const e of edges) {
    if (e.self) {
      const b = byId.get(e.from)!;
      if (withLabels) {
        const lines = shown(e);
        const size = labelSize(lines);
        const lx = b.x + b.w + SD.loop + 4;
        const box = { x: lx, y: b.y + b.h / 2 - size.h / 2, w: size.w, h: size.h };
        labels.push({ edge: e.id, x: lx, y: box.y + SD.labelFont, anchor: 'start', lines, box });
      }
      continue;
    }
    const data = (e.recovery ? g.edge(e.to, e.from, e.id) : g.edge(e.from, e.to, e.id)) as { points: Pt[]; x?: number; y?: number };
    const inner = data.points.slice(1, -1);
    if (e.recovery) inner.reverse();
    // dagre aims every end at a box's centre; keep its bends, put the two ends on the borders.
    const from = byId.get(e.from)!;
    const to = byId.get(e.to)!;
    e.points = [border(from, inner[0] ?? centre(to)), ...inner, border(to, inner[inner.length - 1] ?? centre(from))];
    if (withLabels && typeof data.x === 'number' && typeof data.y === 'number') {
      const lines = shown(e);
      const size = labelSize(lines);
      const box = { x: data.x - size.w / 2, y: data.y - size.h / 2, w: size.w, h: size.h };
      labels.push({ edge: e.id, x: data.x, y: box.y + SD.labelFont, anchor: 'middle', lines, box });
    }
  }
  const marks = entries.map((en) => {
    const r = rect(ENTRY + en.to);
    const data = (en.recovery ? g.edge(en.to, ENTRY + en.to, ENTRY + en.to) : g.edge(ENTRY + en.to, en.to, ENTRY + en.to)) as { points: Pt[] };
    const inner = data.points.slice(1, -1);
    if (en.recovery) inner.reverse();
    const to = byId.get(en.to)!;
    // Text above the dot for "start"; below it for the restart mark under the recovery state.
    const dot = { cx: r.x + r.w / 2, cy: en.recovery ? r.y + SD.entryR + 1 : r.y + r.h - SD.entryR - 1, r: SD.entryR };
    const leave = { x: dot.cx, y: dot.cy + (en.recovery ? -SD.entryR : SD.entryR) };
    const points = [leave, ...inner, border(to, inner[inner.length - 1] ?? leave)];
    return { ...en, r, dot, points, y: en.recovery ? r.y + r.h - 2 : r.y + SD.entryTextH - 2 };
  });

  // Shift everything so the drawing starts at the margin, and size the viewBox to fit it all.
  const rects: Rect[] = [
    ...boxes.map((b) => ({ x: b.x - SD.pointer, y: b.y, w: b.w + SD.pointer, h: b.h })),
    ...boxes.filter((b) => edges.some((e) => e.self && e.from === b.id)).map((b) => ({ x: b.x + b.w, y: b.y, w: SD.loop + 3, h: b.h })),
    ...labels.map((l) => l.box),
    ...marks.map((m) => m.r),
  ];
  const pts = [...edges.flatMap((e) => e.points), ...marks.flatMap((m) => m.points)];
  const minX = Math.min(...rects.map((r) => r.x), ...pts.map((p) => p.x));
  const minY = Math.min(...rects.map((r) => r.y), ...pts.map((p) => p.y));
  const maxX = Math.max(...rects.map((r) => r.x + r.w), ...pts.map((p) => p.x));
  const maxY = Math.max(...rects.map((r) => r.y + r.h), ...pts.map((p) => p.y));
  const dx = SD.margin - minX;
  const dy = SD.margin - minY;
  const move = (p: Pt): Pt => ({ x: p.x + dx, y: p.y + dy });
  for (const b of boxes) {
    b.x += dx;
    b.y += dy;
  }
  for (const l of labels) {
    l.x += dx;
    l.y += dy;
    l.box = { ...l.box, x: l.box.x + dx, y: l.box.y + dy };
  }
  for (const e of edges) {
    if (e.self) {
      // A small arc out of the box's right side and back in below where it left.
      const b = byId.get(e.from)!;
      const x = b.x + b.w;
      const y1 = b.y + b.h * 0.28;
      const y2 = b.y + b.h * 0.72;
      const end = { x, y: y2 };
      e.path = `M${r1(x)},${r1(y1)} C${r1(x + SD.loop * 1.3)},${r1(y1 - 6)} ${r1(x + SD.loop * 1.3)},${r1(y2 + 6)} ${r1(end.x)},${r1(end.y)}`;
      e.points = [{ x, y: y1 }, { x: x + SD.loop, y: (y1 + y2) / 2 }, end];
      b.loop = { path: e.path, end };
    } else {
      e.points = e.points.map(move);
      e.path = basis(e.points);
    }
  }
  const entryMarks: EntryMark[] = marks.map((m) => {
    const points = m.points.map(move);
    return {
      to: m.to,
      text: m.text,
      x: m.dot.cx + dx,
      y: m.y + dy,
      dot: { cx: m.dot.cx + dx, cy: m.dot.cy + dy, r: m.dot.r },
      path: basis(points),
      recovery: m.recovery,
    };
  });
  return {
    width: Math.ceil(maxX - minX + 2 * SD.margin),
    height: Math.ceil(maxY - minY + 2 * SD.margin),
    boxes,
    edges,
    entries: entryMarks,
    labels,
  };
}

/* ---------- labels for the compact drawing ---------- */

const overlap = (a: Rect, b: Rect) =>
  Math.max(0, Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x)) * Math.max(0, Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y));

const outside = (r: Rect, l: StateDiagramLayout) => r.w * r.h - overlap(r, { x: 0, y: 0, w: l.width, h: l.height });

function along(pts: Pt[], t: number): Pt {
  const seg = pts.slice(1).map((p, i) => Math.hypot(p.x - pts[i].x, p.y - pts[i].y));
  let left = seg.reduce((a, b) => a + b, 0) * t;
  for (let i = 0; i < seg.length; i++) {
    if (left <= seg[i] || i === seg.length - 1) {
      const k = seg[i] ? Math.min(1, left / seg[i]) : 0;
      return { x: pts[i].x + (pts[i + 1].x - pts[i].x) * k, y: pts[i].y + (pts[i + 1].y - pts[i].y) * k };
    }
    left -= seg[i];
  }
  return pts[0];
}

function labelAt(edge: StateEdge, lines: string[], p: Pt, anchor: EdgeLabel['anchor'], dy: number): EdgeLabel {
  const size = labelSize(lines);
  const x0 = anchor === 'start' ? p.x : anchor === 'end' ? p.x - size.w : p.x - size.w / 2;
  const box = { x: x0, y: p.y + dy, w: size.w, h: size.h };
  return { edge: edge.id, x: p.x, y: box.y + SD.labelFont, anchor, lines, box };
}

/** Points every few px along a polyline. */
function samples(pts: Pt[], step = 6): Pt[] {
  const out: Pt[] = [];
  for (let i = 1; i < pts.length; i++) {
    const a = pts[i - 1];
    const b = pts[i];
    const n = Math.max(1, Math.ceil(Math.hypot(b.x - a.x, b.y - a.y) / step));
    for (let k = i === 1 ? 0 : 1; k <= n; k++) out.push({ x: a.x + ((b.x - a.x) * k) / n, y: a.y + ((b.y - a.y) * k) / n });
  }
  return out;
}

const inRect = (p: Pt, r: Rect) => p.x >= r.x && p.x <= r.x + r.w && p.y >= r.y && p.y <= r.y + r.h;

/**
 * Places the labels of some edges (a state's exits) on a layout made without label room, one by
 * one, each at the candidate spot beside its edge that costs least: overlapping a box, an entry
 * mark, a label placed before it or the drawing's border costs most, crossing other edges less,
 * and straying from its own edge a little. Deterministic. A label that would take more than
 * `maxLines` lines (a loop's: one less) shows its first transition and "+N more" (the list under
 * the diagram has them all).
 */
export function placeLabels(layout: StateDiagramLayout, edgeIds: string[], maxLines = 3): EdgeLabel[] {
  const obstacles: Rect[] = [
    ...layout.boxes.map((b) => ({ x: b.x - 2, y: b.y - 2, w: b.w + 4, h: b.h + 4 })),
    ...layout.entries.map((e) => ({ x: e.x - textWidth(e.text, SD.labelFont) / 2, y: Math.min(e.y - SD.labelFont, e.dot.cy - e.dot.r), w: textWidth(e.text, SD.labelFont), h: SD.entryTextH + 2 * SD.entryR + 2 })),
  ];
  const edges = edgeIds.map((id) => layout.edges.find((e) => e.id === id)).filter((e): e is StateEdge => !!e);
  const ink = new Map(layout.edges.map((e) => [e.id, samples(e.points)]));
  // Every candidate spot of every label, with what it costs on its own (everything but the other labels).
  const options = edges.map((e) => {
    const all = e.lines.flatMap(wrapLabel);
    // A loop (the state stays put) gets a line fewer: it has the fewest free spots.
    const lines = all.length <= maxLines - Number(e.self) ? all : [...wrapLabel(e.lines[0]), `+${e.lines.length - 1} more`];
    const size = labelSize(lines);
    const cands: { label: EdgeLabel; stray: number }[] = [];
    if (e.self) {
      const b = layout.boxes.find((x) => x.id === e.from)!;
      const midY = b.y + b.h / 2 - size.h / 2;
      // Beside the loop, then above or below the box's right end, then anywhere along its top or
      // bottom, then to its left.
      const above = b.y - 2 - size.h;
      const below = b.y + b.h + 2;
      const right = b.x + b.w + SD.loop;
      const spots: [Pt, EdgeLabel['anchor']][] = [
        [{ x: right + 3, y: midY }, 'start'],
        [{ x: right, y: above }, 'middle'],
        [{ x: right, y: below }, 'middle'],
        [{ x: right, y: above }, 'end'],
        [{ x: right, y: below }, 'end'],
        [{ x: right, y: above }, 'start'],
        [{ x: right, y: below }, 'start'],
        [{ x: right + 3, y: midY - SD.labelLine }, 'start'],
        [{ x: right + 3, y: midY + SD.labelLine }, 'start'],
        [{ x: b.x + b.w / 2, y: above }, 'middle'],
        [{ x: b.x + b.w / 2, y: below }, 'middle'],
        [{ x: b.x, y: above }, 'end'],
        [{ x: b.x, y: below }, 'end'],
        [{ x: b.x - SD.pointer - 2, y: midY }, 'end'],
      ];
      spots.forEach(([p, anchor], i) => cands.push({ label: labelAt(e, lines, p, anchor, 0), stray: i * 4 }));
    } else {
      for (let k = 0; k <= 14; k++) {
        const t = 0.5 + (k % 2 ? 1 : -1) * Math.ceil(k / 2) * 0.05;
        const p = along(e.points, t);
        const stray = Math.abs(t - 0.5) * 40;
        for (const dy of [-size.h / 2, -size.h - 1, 1]) {
          cands.push({ label: labelAt(e, lines, { x: p.x + 5, y: p.y }, 'start', dy), stray: stray + Math.abs(dy + size.h / 2) / 4 });
          cands.push({ label: labelAt(e, lines, { x: p.x - 5, y: p.y }, 'end', dy), stray: stray + Math.abs(dy + size.h / 2) / 4 });
          // Centred on its own edge (the text's halo interrupts the line under it).
          cands.push({ label: labelAt(e, lines, p, 'middle', dy), stray: stray + (dy === -size.h / 2 ? 1 : 2) });
        }
      }
    }
    return cands.map(({ label, stray }) => {
      let cost = stray + outside(label.box, layout) * 100;
      for (const o of obstacles) cost += overlap(label.box, o) * 10;
      for (const [id, pts] of ink) if (id !== e.id) for (const p of pts) if (inRect(p, label.box)) cost += 6;
      return { label, cost };
    });
  });
  // Greedy, one label after another, each at its cheapest spot given those before it; with a few
  // labels every order is tried and the cheapest outcome kept (the first label placed can take the
  // one spot another needs).
  const greedy = (order: number[]) => {
    const placed: EdgeLabel[] = [];
    let total = 0;
    for (const i of order) {
      let best = options[i][0];
      let bestCost = Infinity;
      for (const o of options[i]) {
        let cost = o.cost;
        for (const l of placed) cost += overlap(o.label.box, l.box) * 20;
        if (cost < bestCost) {
          bestCost = cost;
          best = o;
        }
      }
      placed.push(best.label);
      total += bestCost;
    }
    return { placed, total };
  };
  const indices = edges.map((_, i) => i);
  // Self-loops first (they have the fewest good spots), then the longest labels.
  const byNeed = [...indices].sort((a, b) => Number(edges[b].self) - Number(edges[a].self) || edges[b].lines.length - edges[a].lines.length || edges[a].id.localeCompare(edges[b].id));
  const orders = edges.length <= 4 ? permutations(byNeed) : [byNeed];
  let best = greedy(orders[0]);
  for (const order of orders.slice(1)) {
    const r = greedy(order);
    if (r.total < best.total - 1e-9) best = r;
  }
  // In the order the edges were asked for.
  return edges.map((e) => best.placed.find((l) => l.edge === e.id)!);
}

/** Every order of a short list. */
function permutations<T>(xs: T[]): T[][] {
  if (xs.length <= 1) return [xs.slice()];
  return xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((rest) => [x, ...rest]));
}
