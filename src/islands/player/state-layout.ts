/**
 * Layout of a node's state diagram, for the player's node cards: where each state's box goes and
 * how each transition is drawn, computed from the `StateDiagram` the kernel reads off the machine.
 *
 * A small layered ("Sugiyama") layout, top to bottom so it fits a card about 270px wide: states are
 * ranked along the longest path from the initial state (the recovery state's jumps into the flow do
 * not stretch it), at most three side by side; long edges get invisible waypoints in the layers
 * they cross; barycentre sweeps and neighbour swaps order each layer to cut crossings; x positions
 * are pulled towards their neighbours under minimum-separation constraints. Parallel transitions
 * between the same two states become one edge whose label lists the events; self-transitions are
 * loops. Each edge gets a label spot such that the labels of one state's outgoing edges (the ones a
 * view shows for the current state) clear each other and every box; a gap between layers grows
 * when they would not.
 *
 * Pure and deterministic: same diagram in, same numbers out (results are memoised per diagram
 * object). It must not touch React, the DOM or the kernel; text widths are estimated from
 * character classes, not measured.
 */
import type { StateDiagram } from './model.ts';

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface StateBox extends Rect {
  id: string;
  label: string;
  final: boolean;
  initial: boolean;
  recovery: boolean;
  /** 0 is the top layer; the initial state is always in it. */
  layer: number;
}

export interface StateEdgeLabel {
  /** Anchor point of the first line's baseline; `anchor` is SVG's `text-anchor`. */
  x: number;
  y: number;
  anchor: 'start' | 'middle' | 'end';
  lines: string[];
  /** Space the text takes, for collision checks. */
  box: Rect;
}

export interface StateEdge {
  /** Stable key: `from→to`. */
  id: string;
  from: string;
  to: string;
  /** Every event of the merged transitions, in diagram order, without repeats. */
  events: string[];
  /** forward: to a lower layer; back: to a higher one; flat: within a layer; self: a loop. */
  kind: 'forward' | 'back' | 'flat' | 'self';
  /** Into or out of the recovery state: a path taken only around a crash. */
  recovery: boolean;
  /** SVG path data, starting on `from`'s border and ending on `to`'s border (where the arrowhead goes). */
  path: string;
  /** Where the path ends, on the target's border. */
  end: { x: number; y: number };
  /**
   * Where the event label goes. Labels of the edges leaving one state never overlap each other or
   * any box, so a view can show the labels of the current state's edges together.
   */
  label: StateEdgeLabel;
}

export interface StateLayout {
  width: number;
  height: number;
  boxes: StateBox[];
  edges: StateEdge[];
  /** State ids per layer, top to bottom, in drawing order. */
  layers: string[][];
  /** The entry marker (a dot with an arrow into the initial state), or null when there is no initial box. */
  entry: { cx: number; cy: number; r: number; path: string } | null;
}

/** Drawing constants, shared with the view so its font sizes match the estimates here. */
export const SD = {
  font: 12,
  labelFont: 11,
  labelLine: 13,
  boxH: 24,
  padX: 9,
  /** Room kept in every box for the "▶ " current-state marker, so nothing moves when the state changes. */
  marker: 13,
  /** Room for the " ↺" recovery glyph. */
  recoveryGlyph: 14,
  /** Inset of a final state's inner border. */
  finalInset: 3,
  layerGap: 34,
  maxLayerGap: 58,
  lineCost: 3,
  ownLineCost: 4,
  otherLineCost: 1,
  headCost: 25,
  ambiguityCost: 30,
  nodeSep: 22,
  flatSep: 34,
  dummySep: 9,
  loop: 18,
  entry: 20,
  margin: 6,
  portGap: 11,
  maxPerLayer: 3,
  minWidth: 256,
} as const;

const EVENTS_SHOWN = 2;

/* ---------- text width estimates ---------- */

/** Approximate advance of `s` in a sans-serif UI font, in px. Errs wide. */
export function textWidth(s: string, fontSize: number, bold = false): number {
  let em = 0;
  for (const ch of s) {
    if (/[mwMW]/.test(ch)) em += 0.84;
    else if (/[A-Z]/.test(ch)) em += 0.68;
    else if (/[ijlI|!.,:;']/.test(ch)) em += 0.27;
    else if (/[frt()\-[\] ]/.test(ch)) em += 0.35;
    else if (/[a-z0-9_]/.test(ch)) em += 0.56;
    else em += 0.8;
  }
  return Math.ceil(em * fontSize * (bold ? 1.06 : 1));
}

/** The lines of an edge label: one per event when there are at most `EVENTS_SHOWN`, else the first and "+N more". */
export function labelLines(events: string[]): string[] {
  if (events.length <= EVENTS_SHOWN) return events.slice();
  return [events[0], `+${events.length - 1} more`];
}

/* ---------- geometry helpers ---------- */

type Pt = { x: number; y: number };
type Seg = { kind: 'L'; a: Pt; b: Pt } | { kind: 'C'; a: Pt; c1: Pt; c2: Pt; b: Pt };

const r1 = (n: number) => Math.round(n * 10) / 10;

function segPath(segs: Seg[]): string {
  const out = [`M${r1(segs[0].a.x)},${r1(segs[0].a.y)}`];
  for (const s of segs) {
    if (s.kind === 'L') out.push(`L${r1(s.b.x)},${r1(s.b.y)}`);
    else out.push(`C${r1(s.c1.x)},${r1(s.c1.y)} ${r1(s.c2.x)},${r1(s.c2.y)} ${r1(s.b.x)},${r1(s.b.y)}`);
  }
  return out.join(' ');
}

function segAt(s: Seg, t: number): Pt {
  if (s.kind === 'L') return { x: s.a.x + (s.b.x - s.a.x) * t, y: s.a.y + (s.b.y - s.a.y) * t };
  const u = 1 - t;
  const f = (a: number, b: number, c: number, d: number) => u * u * u * a + 3 * u * u * t * b + 3 * u * t * t * c + t * t * t * d;
  return { x: f(s.a.x, s.c1.x, s.c2.x, s.b.x), y: f(s.a.y, s.c1.y, s.c2.y, s.b.y) };
}

/** Points spaced along the path, by segment parameter (good enough for small curves). */
function sample(segs: Seg[], perSeg = 12): Pt[] {
  const pts: Pt[] = [];
  segs.forEach((s, i) => {
    for (let k = i === 0 ? 0 : 1; k <= perSeg; k++) pts.push(segAt(s, k / perSeg));
  });
  return pts;
}

/** Vertical-tangent cubic from a to b: leaves and arrives vertically. */
const vcurve = (a: Pt, b: Pt): Seg => {
  const my = (a.y + b.y) / 2;
  return { kind: 'C', a, c1: { x: a.x, y: my }, c2: { x: b.x, y: my }, b };
};

const overlap = (a: Rect, b: Rect) =>
  Math.max(0, Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x)) * Math.max(0, Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y));

/** Distance from a rectangle to the nearest of some points (0 when one is inside). */
function nearest(r: Rect, pts: Pt[]): number {
  let best = Infinity;
  for (const p of pts) {
    const dx = Math.max(r.x - p.x, 0, p.x - r.x - r.w);
    const dy = Math.max(r.y - p.y, 0, p.y - r.y - r.h);
    best = Math.min(best, dx * dx + dy * dy);
  }
  return Math.sqrt(best);
}

const inside = (p: Pt, r: Rect, pad = 0) => p.x >= r.x - pad && p.x <= r.x + r.w + pad && p.y >= r.y - pad && p.y <= r.y + r.h + pad;

/**
 * Weighted isotonic regression with separations: positions as close as possible (least squares) to
 * `want`, keeping `x[i+1] - x[i] >= sep[i]`. Pool-adjacent-violators on the shifted problem.
 */
function placeRow(want: number[], weight: number[], sep: number[]): number[] {
  const n = want.length;
  const off: number[] = [0];
  for (let i = 1; i < n; i++) off.push(off[i - 1] + sep[i - 1]);
  const blocks: { sum: number; w: number; n: number }[] = [];
  for (let i = 0; i < n; i++) {
    blocks.push({ sum: (want[i] - off[i]) * weight[i], w: weight[i], n: 1 });
    while (blocks.length > 1) {
      const b = blocks[blocks.length - 1];
      const a = blocks[blocks.length - 2];
      if (a.sum / a.w <= b.sum / b.w) break;
      blocks.splice(blocks.length - 2, 2, { sum: a.sum + b.sum, w: a.w + b.w, n: a.n + b.n });
    }
  }
  const out: number[] = [];
  for (const b of blocks) for (let k = 0; k < b.n; k++) out.push(b.sum / b.w + off[out.length]);
  return out;
}

/** Every order of a short list, in lexicographic order of positions. */
function permutations<T>(xs: T[]): T[][] {
  if (xs.length <= 1) return [xs.slice()];
  return xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((rest) => [x, ...rest]));
}

/* ---------- the layout ---------- */

interface Item {
  key: string;
  /** Index into `nodes` for a state; -1 for a waypoint of a long edge. */
  node: number;
  /** For waypoints: the edge they belong to. */
  edge: number;
  /** Extents left and right of the centre. */
  left: number;
  right: number;
  /** Tie-break order: the state's index, or its edge source's. */
  tie: number;
  x: number;
}

interface MergedEdge {
  from: number;
  to: number;
  events: string[];
}

/**
 * Layouts already computed, per diagram object (the player reads each role's diagram once, and every
 * node of that role shares it). Callers must treat the result as read-only.
 */
const memo = new WeakMap<StateDiagram, StateLayout>();

export function layoutStateDiagram(d: StateDiagram, opts: { minWidth?: number } = {}): StateLayout {
  if (opts.minWidth !== undefined) return compute(d, opts.minWidth);
  let l = memo.get(d);
  if (!l) {
    l = compute(d, SD.minWidth);
    memo.set(d, l);
  }
  return l;
}

function compute(d: StateDiagram, minWidth: number): StateLayout {
  const states = d.states;
  const n = states.length;
  const index = new Map(states.map((s, i) => [s.id, i] as const));
  const init = index.get(d.initial) ?? (n ? 0 : -1);
  const rec = d.recovery !== null && index.has(d.recovery) ? index.get(d.recovery)! : -1;

  // Merge parallel transitions: one edge per ordered pair, events in order, without repeats.
  const merged: MergedEdge[] = [];
  const byPair = new Map<string, MergedEdge>();
  for (const t of d.transitions) {
    const from = index.get(t.from);
    const to = index.get(t.to);
    if (from === undefined || to === undefined) continue; // a target outside the diagram: nothing to draw
    const key = `${from}>${to}`;
    let e = byPair.get(key);
    if (!e) {
      e = { from, to, events: [] };
      byPair.set(key, e);
      merged.push(e);
    }
    if (!e.events.includes(t.event)) e.events.push(t.event);
  }

  // Ranking edges. Edges into the initial state never push it down; edges out of the recovery state
  // do not rank their target when something else leads there too (recovery jumps into the middle of
  // the normal flow and would otherwise stretch it); a nested state sits below its parent.
  const rankEdges: [number, number][] = [];
  const nonRecIn = new Set(merged.filter((e) => e.from !== rec && e.from !== e.to).map((e) => e.to));
  for (const e of merged) {
    if (e.from === e.to || e.to === init) continue;
    if (e.from === rec && nonRecIn.has(e.to)) continue;
    rankEdges.push([e.from, e.to]);
  }
  const hasIn = new Set(rankEdges.map(([, b]) => b));
  states.forEach((s, i) => {
    const dot = s.id.lastIndexOf('.');
    const parent = dot > 0 ? index.get(s.id.slice(0, dot)) : undefined;
    if (parent !== undefined && !hasIn.has(i) && i !== init) rankEdges.push([parent, i]);
  });

  // Break cycles: depth-first from the initial state, then from the rest in diagram order.
  const out: number[][] = states.map(() => []);
  for (const [a, b] of rankEdges) out[a].push(b);
  const mark = new Array<number>(n).fill(0); // 0 new, 1 on stack, 2 done
  const dag: number[][] = states.map(() => []);
  const visit = (v: number) => {
    mark[v] = 1;
    for (const w of out[v]) {
      if (mark[w] === 1) continue; // back edge: left out of the ranking
      dag[v].push(w);
      if (mark[w] === 0) visit(w);
    }
    mark[v] = 2;
  };
  if (init >= 0) visit(init);
  for (let i = 0; i < n; i++) if (mark[i] === 0) visit(i);

  // Longest path from the sources, in a deterministic topological order.
  const rank = new Array<number>(n).fill(0);
  const topo: number[] = [];
  {
    const indeg = new Array<number>(n).fill(0);
    dag.forEach((ws) => ws.forEach((w) => indeg[w]++));
    const ready = states.map((_, i) => i).filter((i) => indeg[i] === 0);
    while (ready.length) {
      ready.sort((a, b) => a - b);
      const v = ready.shift()!;
      topo.push(v);
      for (const w of dag[v]) if (--indeg[w] === 0) ready.push(w);
    }
  }
  const propagate = () => {
    for (const v of topo) for (const w of dag[v]) rank[w] = Math.max(rank[w], rank[v] + 1);
  };
  propagate();

  // At most `maxPerLayer` states side by side: push the overflow down (the initial state stays).
  for (let guard = 0; guard < n * n + 1; guard++) {
    const layersNow = new Map<number, number[]>();
    for (let i = 0; i < n; i++) layersNow.set(rank[i], [...(layersNow.get(rank[i]) ?? []), i]);
    const full = [...layersNow.entries()].sort((a, b) => a[0] - b[0]).find(([, v]) => v.length > SD.maxPerLayer);
    if (!full) break;
    const members = full[1].slice().sort((a, b) => (a === init ? -1 : b === init ? 1 : a - b));
    for (const v of members.slice(SD.maxPerLayer)) rank[v]++;
    propagate();
  }
  // Close gaps (layers left empty by the steps above).
  {
    const used = [...new Set(rank)].sort((a, b) => a - b);
    for (let i = 0; i < n; i++) rank[i] = used.indexOf(rank[i]);
  }
  const L = n ? Math.max(...rank) + 1 : 0;

  // Box sizes: every box keeps room for the current-state marker so nothing moves as the state changes.
  const boxW = states.map((s, i) =>
    Math.ceil(
      textWidth(s.label, SD.font, true) + 2 * SD.padX + SD.marker + (i === rec ? SD.recoveryGlyph : 0) + (s.final ? 2 * SD.finalInset : 0),
    ),
  );
  const loops = new Set(merged.filter((e) => e.from === e.to).map((e) => e.from));

  // Layer items: states plus one waypoint per layer a long edge crosses.
  const layers: Item[][] = Array.from({ length: L }, () => []);
  const nodeItem: Item[] = [];
  for (let i = 0; i < n; i++) {
    const it: Item = {
      key: `n${i}`,
      node: i,
      edge: -1,
      left: boxW[i] / 2 + (i === init ? SD.entry : 0),
      right: boxW[i] / 2 + (loops.has(i) ? SD.loop : 0),
      tie: i,
      x: 0,
    };
    nodeItem.push(it);
    layers[rank[i]].push(it);
  }
  /** Per merged edge: its items from top layer to bottom (end states included). */
  const chains: Item[][] = merged.map((e, k) => {
    if (e.from === e.to) return [];
    const [top, bottom] = rank[e.from] <= rank[e.to] ? [e.from, e.to] : [e.to, e.from];
    const chain: Item[] = [nodeItem[top]];
    for (let r = rank[top] + 1; r < rank[bottom]; r++) {
      const it: Item = { key: `e${k}.${r}`, node: -1, edge: k, left: 0, right: 0, tie: e.from + 0.5, x: 0 };
      layers[r].push(it);
      chain.push(it);
    }
    chain.push(nodeItem[bottom]);
    return chain;
  });

  // Neighbours between adjacent layers, from the chains.
  const up = new Map<Item, Item[]>();
  const down = new Map<Item, Item[]>();
  const link = (m: Map<Item, Item[]>, a: Item, b: Item) => m.set(a, [...(m.get(a) ?? []), b]);
  for (const c of chains) {
    for (let j = 0; j + 1 < c.length; j++) {
      if (c[j].node >= 0 && c[j + 1].node >= 0 && rank[c[j].node] === rank[c[j + 1].node]) continue; // flat
      link(down, c[j], c[j + 1]);
      link(up, c[j + 1], c[j]);
    }
  }

  // Ordering: initial order by diagram order, then barycentre sweeps; keep the order with fewest crossings.
  for (const layer of layers) layer.sort((a, b) => a.tie - b.tie || a.key.localeCompare(b.key));
  const pos = new Map<Item, number>();
  const reindex = () => layers.forEach((layer) => layer.forEach((it, i) => pos.set(it, i)));
  reindex();
  const crossings = () => {
    let c = 0;
    for (let r = 0; r + 1 < L; r++) {
      const segs: [number, number][] = [];
      for (const it of layers[r]) for (const b of down.get(it) ?? []) segs.push([pos.get(it)!, pos.get(b)!]);
      for (let i = 0; i < segs.length; i++)
        for (let j = i + 1; j < segs.length; j++)
          if ((segs[i][0] - segs[j][0]) * (segs[i][1] - segs[j][1]) < 0) c++;
    }
    return c;
  };
  let best = layers.map((l) => l.slice());
  let bestC = crossings();
  for (let iter = 0; iter < 8 && bestC > 0; iter++) {
    const downward = iter % 2 === 0;
    const order = downward ? [...Array(L).keys()].slice(1) : [...Array(L).keys()].reverse().slice(1);
    for (const r of order) {
      const nb = downward ? up : down;
      const bary = new Map<Item, number>();
      for (const it of layers[r]) {
        const ns = nb.get(it) ?? [];
        bary.set(it, ns.length ? ns.reduce((s, m) => s + pos.get(m)!, 0) / ns.length : pos.get(it)!);
      }
      layers[r].sort((a, b) => bary.get(a)! - bary.get(b)! || pos.get(a)! - pos.get(b)!);
      layers[r].forEach((it, i) => pos.set(it, i));
    }
    const c = crossings();
    if (c < bestC) {
      bestC = c;
      best = layers.map((l) => l.slice());
    }
  }
  layers.splice(0, L, ...best);
  reindex();
  // Transpose: swap neighbours when that adds no crossing and brings connected items closer.
  const spread = () => {
    let sum = 0;
    for (let r = 0; r + 1 < L; r++)
      for (const it of layers[r])
        for (const b of down.get(it) ?? []) sum += Math.abs((pos.get(it)! + 0.5) / layers[r].length - (pos.get(b)! + 0.5) / layers[r + 1].length);
    return sum;
  };
  {
    let cNow = crossings();
    let sNow = spread();
    for (let pass = 0, changed = true; changed && pass < 10; pass++) {
      changed = false;
      for (const layer of layers) {
        for (let i = 0; i + 1 < layer.length; i++) {
          [layer[i], layer[i + 1]] = [layer[i + 1], layer[i]];
          reindex();
          const c = crossings();
          const sp = spread();
          if (c < cNow || (c === cNow && sp < sNow - 1e-9)) {
            cNow = c;
            sNow = sp;
            changed = true;
          } else {
            [layer[i], layer[i + 1]] = [layer[i + 1], layer[i]];
            reindex();
          }
        }
      }
    }
  }

  // Flat edges between neighbours need room for an arrow.
  const flatPairs = new Set<string>();
  for (const e of merged) if (e.from !== e.to && rank[e.from] === rank[e.to]) flatPairs.add([e.from, e.to].sort((a, b) => a - b).join('|'));
  const sepOf = (a: Item, b: Item) => {
    const real = a.node >= 0 && b.node >= 0;
    let gap: number = real ? SD.nodeSep : SD.dummySep;
    if (real && flatPairs.has([a.node, b.node].sort((p, q) => p - q).join('|'))) gap = SD.flatSep;
    return a.right + gap + b.left;
  };
  const weightOf = (it: Item) => (it.node >= 0 ? 1 : 0.6);

  // x: pack, then pull towards neighbours a few times, keeping separations.
  for (const layer of layers) {
    let x = 0;
    layer.forEach((it, i) => {
      x = i === 0 ? it.left : x + sepOf(layer[i - 1], it);
      it.x = x;
    });
  }
  const relax = (r: number, maps: Map<Item, Item[]>[]) => {
    const layer = layers[r];
    if (!layer.length) return;
    const want = layer.map((it) => {
      const ns = maps.flatMap((m) => m.get(it) ?? []);
      if (!ns.length) return it.x;
      const ws = ns.map(weightOf);
      return ns.reduce((s, m, i) => s + m.x * ws[i], 0) / ws.reduce((a, b) => a + b, 0);
    });
    const sep = layer.slice(1).map((it, i) => sepOf(layer[i], it));
    const xs = placeRow(want, layer.map(weightOf), sep);
    layer.forEach((it, i) => (it.x = xs[i]));
  };
  for (let iter = 0; iter < 6; iter++) {
    for (let r = 1; r < L; r++) relax(r, [up]);
    for (let r = L - 2; r >= 0; r--) relax(r, [down]);
  }
  for (let iter = 0; iter < 3; iter++) for (let r = 0; r < L; r++) relax(r, [up, down]);

  // Normalise: left margin, centred in the minimum width.
  let minX = Infinity;
  let maxX = -Infinity;
  for (const layer of layers)
    for (const it of layer) {
      minX = Math.min(minX, it.x - it.left);
      maxX = Math.max(maxX, it.x + it.right);
    }
  if (!Number.isFinite(minX)) {
    minX = 0;
    maxX = 0;
  }
  const contentW = maxX - minX + 2 * SD.margin;
  let width = Math.max(minWidth, Math.ceil(contentW));
  const shift = SD.margin - minX + (width - contentW) / 2;
  for (const layer of layers) for (const it of layer) it.x = Math.round(it.x + shift);

  // Ports: edges ending on one side of a box are spread along it, ordered by where they go.
  const boxX = states.map((_, i) => nodeItem[i].x - boxW[i] / 2);
  type End = { edge: number; side: 'top' | 'bottom'; toward: number; key: number };
  const ends = new Map<string, End[]>();
  const addEnd = (node: number, e: End) => {
    const k = `${node}:${e.side}`;
    ends.set(k, [...(ends.get(k) ?? []), e]);
  };
  const adjacent = (a: number, b: number) => {
    const layer = layers[rank[a]];
    const [i, j] = [pos.get(nodeItem[a])!, pos.get(nodeItem[b])!].sort((p, q) => p - q);
    return layer.slice(i + 1, j).every((it) => it.node < 0);
  };
  merged.forEach((e, k) => {
    if (e.from === e.to) return;
    const c = chains[k];
    if (rank[e.from] === rank[e.to]) {
      if (adjacent(e.from, e.to)) return; // straight across, side to side
      addEnd(e.from, { edge: k, side: 'bottom', toward: nodeItem[e.to].x, key: k });
      addEnd(e.to, { edge: k, side: 'bottom', toward: nodeItem[e.from].x, key: k });
      return;
    }
    addEnd(c[0].node, { edge: k, side: 'bottom', toward: c[1].x, key: k });
    addEnd(c[c.length - 1].node, { edge: k, side: 'top', toward: c[c.length - 2].x, key: k });
  });
  const portX = new Map<string, number>();
  for (const [k, list] of ends) {
    const node = Number(k.split(':')[0]);
    list.sort((p, q) => p.toward - q.toward || p.key - q.key);
    const span = Math.min((list.length - 1) * SD.portGap, boxW[node] - 16);
    list.forEach((e, i) =>
      portX.set(`${e.edge}:${node}:${e.side}`, Math.round(boxX[node] + boxW[node] / 2 - span / 2 + (list.length > 1 ? (i * span) / (list.length - 1) : 0))),
    );
  }

  // Vertical placement, routes and labels. A gap between layers grows (a little at a time, the same
  // for every current state) until the labels of every state's outgoing edges fit without overlaps.
  const gaps = new Array<number>(Math.max(0, L - 1)).fill(SD.layerGap);
  let layerTop = (r: number) => SD.margin + r * SD.boxH + gaps.slice(0, r).reduce((a, b) => a + b, 0);
  let height = 0;
  let boxes: StateBox[] = [];
  let segsOf: Seg[][] = [];
  let labels: StateEdgeLabel[] = [];
  for (let round = 0; round < 16; round++) {
    layerTop = (r: number) => SD.margin + r * SD.boxH + gaps.slice(0, r).reduce((a, b) => a + b, 0);
    height = L ? layerTop(L - 1) + SD.boxH + SD.margin : 2 * SD.margin;
    boxes = states.map((s, i) => ({
      id: s.id,
      label: s.label,
      x: boxX[i],
      y: layerTop(rank[i]),
      w: boxW[i],
      h: SD.boxH,
      final: s.final,
      initial: i === init,
      recovery: i === rec,
      layer: rank[i],
    }));
    segsOf = route(boxes);
    const placed = placeLabels(boxes, segsOf);
    labels = placed.labels;
    let grew = false;
    for (const r of placed.tight) {
      if (r >= 0 && r < gaps.length && gaps[r] < SD.maxLayerGap) {
        gaps[r] += 6;
        grew = true;
      }
    }
    if (!grew) break;
  }

  function route(boxes: StateBox[]): Seg[][] {
    return merged.map((e, k) => {
      const a = boxes[e.from];
      const b = boxes[e.to];
      if (e.from === e.to) {
        const x0 = a.x + a.w;
        const cy = a.y + a.h / 2;
        return [{ kind: 'C', a: { x: x0, y: cy - 6 }, c1: { x: x0 + SD.loop + 4, y: cy - 16 }, c2: { x: x0 + SD.loop + 4, y: cy + 16 }, b: { x: x0, y: cy + 6 } }];
      }
      if (rank[e.from] === rank[e.to]) {
        const cy = a.y + a.h / 2;
        if (adjacent(e.from, e.to)) {
          const both = byPair.has(`${e.to}>${e.from}`);
          const dy = both ? (e.from < e.to ? -5 : 5) : 0;
          const rightward = a.x < b.x;
          const p = { x: rightward ? a.x + a.w : a.x, y: cy + dy };
          const q = { x: rightward ? b.x : b.x + b.w, y: cy + dy };
          return [{ kind: 'L', a: p, b: q }];
        }
        const p = { x: portX.get(`${k}:${e.from}:bottom`)!, y: a.y + a.h };
        const q = { x: portX.get(`${k}:${e.to}:bottom`)!, y: b.y + b.h };
        const dip = a.y + a.h + (gaps[rank[e.from]] ?? SD.layerGap) * 0.6;
        return [{ kind: 'C', a: p, c1: { x: p.x, y: dip }, c2: { x: q.x, y: dip }, b: q }];
      }
      // Forward or back: route top to bottom through the waypoints, then turn around for back edges.
      const c = chains[k];
      const topNode = c[0].node;
      const botNode = c[c.length - 1].node;
      const pts: Pt[] = [{ x: portX.get(`${k}:${topNode}:bottom`)!, y: boxes[topNode].y + SD.boxH }];
      c.slice(1, -1).forEach((it, j) => {
        // A waypoint runs straight down through its layer's band, beside the boxes.
        const y0 = layerTop(rank[topNode] + 1 + j);
        pts.push({ x: it.x, y: y0 }, { x: it.x, y: y0 + SD.boxH });
      });
      pts.push({ x: portX.get(`${k}:${botNode}:top`)!, y: boxes[botNode].y });
      const segs: Seg[] = [];
      for (let j = 0; j + 1 < pts.length; j++) {
        const p = pts[j];
        const q = pts[j + 1];
        segs.push(p.x === q.x ? { kind: 'L', a: p, b: q } : vcurve(p, q));
      }
      if (topNode === e.from) return segs;
      return segs.reverse().map((s): Seg => (s.kind === 'L' ? { kind: 'L', a: s.b, b: s.a } : { kind: 'C', a: s.b, c1: s.c2, c2: s.c1, b: s.a }));
    });
  }

  /**
   * Labels, per source state: each edge gets candidate spots beside its line, scored (hard: outside
   * the canvas, on a box, on another label; soft: on a sibling's line, nearer a sibling than its own
   * edge, far from its own edge), then the best greedy pick over every order of the edges. Returns
   * the gaps (by upper layer) where some label did not fit.
   */
  function placeLabels(boxes: StateBox[], segsOf: Seg[][]): { labels: StateEdgeLabel[]; tight: Set<number> } {
    const labels: StateEdgeLabel[] = new Array(merged.length);
    const tight = new Set<number>();
    const samples = segsOf.map((s) => sample(s));
    // Each arrowhead as three points, tip to base.
    const heads = segsOf.map((ss) => {
      const last = ss[ss.length - 1];
      const from = last.kind === 'L' ? last.a : last.c2;
      const len = Math.hypot(last.b.x - from.x, last.b.y - from.y) || 1;
      const ux = (last.b.x - from.x) / len;
      const uy = (last.b.y - from.y) / len;
      return [0, 4, 8].map((d) => ({ x: last.b.x - ux * d, y: last.b.y - uy * d }));
    });
    const boxRects: Rect[] = boxes.map((b) => ({ x: b.x - 2, y: b.y - 2, w: b.w + 4, h: b.h + 4 }));
    /** `amb`: flaws worth more room (reads as a sibling's label, or hides an arrowhead). */
    type Cand = { box: Rect; anchor: StateEdgeLabel['anchor']; hard: number; soft: number; amb: number };
    for (let src = 0; src < n; src++) {
      const mine = merged.map((_, k) => k).filter((k) => merged[k].from === src);
      if (!mine.length) continue;
      mine.sort((p, q) => boxes[merged[p].to].x - boxes[merged[q].to].x || p - q);
      const srcCx = boxes[src].x + boxes[src].w / 2;
      const cands = new Map<number, Cand[]>();
      for (const k of mine) {
        const e = merged[k];
        const lines = labelLines(e.events);
        const w = Math.max(...lines.map((l) => textWidth(l, SD.labelFont, true))) + 4;
        const h = lines.length * SD.labelLine + 2;
        const segs = segsOf[k];
        const kind = e.from === e.to ? 'self' : rank[e.from] === rank[e.to] ? 'flat' : 'other';
        const list: Cand[] = [];
        const score = (box: Rect, anchor: StateEdgeLabel['anchor']) => {
          let hard = 0;
          let soft = 0;
          let amb = 0;
          if (box.x < 1 || box.y < 1 || box.x + box.w > width - 1 || box.y + box.h > height - 1) hard += 1000;
          for (const b of boxRects) hard += overlap(box, b) * 10;
          for (const k2 of mine) for (const p of samples[k2]) if (inside(p, box, 1.5)) soft += k2 === k ? SD.ownLineCost : SD.lineCost;
          for (let k2 = 0; k2 < merged.length; k2++) {
            if (merged[k2].from === src) continue;
            for (const p of samples[k2]) if (inside(p, box, 1)) soft += SD.otherLineCost;
          }
          // Arrowheads stay visible, whoever's they are.
          for (const hp of heads) if (hp.some((p) => inside(p, box, 2))) amb++;
          const own = nearest(box, samples[k]);
          const hidden = amb;
          for (const k2 of mine) if (k2 !== k && nearest(box, samples[k2]) + 2 < own) amb++;
          soft += own / 4 + (amb - hidden) * SD.ambiguityCost + hidden * SD.headCost;
          list.push({ box, anchor, hard, soft, amb });
        };
        const add = (x0: number, y0: number, anchor: StateEdgeLabel['anchor']) => {
          score({ x: x0, y: y0, w, h }, anchor);
          // The same, slid sideways into the canvas.
          const cx = Math.min(Math.max(x0, 2), width - 2 - w);
          if (cx !== x0) score({ x: cx, y: y0, w, h }, 'start');
        };
        if (kind === 'self') {
          const b = boxes[src];
          add(b.x + b.w + SD.loop + 6, b.y + b.h / 2 - h / 2, 'start');
          add(b.x + b.w - w / 2, b.y - h - 2, 'middle');
          add(b.x + b.w - w / 2, b.y + b.h + 2, 'middle');
        } else if (kind === 'flat') {
          const p = segAt(segs[0], 0.5);
          const b = boxes[src];
          add(p.x - w / 2, p.y - h - 3, 'middle');
          add(p.x - w / 2, b.y - h - 2, 'middle');
          add(p.x - w / 2, b.y + b.h + 2, 'middle');
          add(p.x - w / 2, p.y + 3, 'middle');
        } else {
          for (const t of [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8, 0.12, 0.88]) {
            const total = segs.length * t;
            const si = Math.min(segs.length - 1, Math.floor(total));
            const p = segAt(segs[si], total - si);
            const sides: StateEdgeLabel['anchor'][] = p.x < srcCx - 1 ? ['end', 'start', 'middle'] : ['start', 'end', 'middle'];
            for (const anchor of sides) add(anchor === 'start' ? p.x + 5 : anchor === 'end' ? p.x - 5 - w : p.x - w / 2, p.y - h / 2, anchor);
          }
        }
        cands.set(k, list);
      }
      // Greedy in a given order; the best over all orders (few edges leave a state; capped).
      const greedy = (order: number[]) => {
        const placed: Rect[] = [];
        const pick = new Map<number, Cand>();
        let hard = 0;
        let soft = 0;
        let amb = 0;
        for (const k of order) {
          let best = cands.get(k)![0];
          let bestCost = Infinity;
          let bestHard = 0;
          for (const c of cands.get(k)!) {
            let h = c.hard;
            for (const p of placed) if (overlap(c.box, p) > 0) h += 500 + overlap(c.box, p) * 10;
            const cost = h * 1000 + c.soft;
            if (cost < bestCost) {
              bestCost = cost;
              bestHard = h;
              best = c;
            }
          }
          placed.push(best.box);
          pick.set(k, best);
          hard += bestHard;
          soft += best.soft;
          amb += best.amb;
        }
        return { pick, hard, soft, amb };
      };
      let best = greedy(mine);
      if (mine.length > 1 && mine.length <= 5) {
        for (const order of permutations(mine)) {
          const r = greedy(order);
          if (r.hard < best.hard || (r.hard === best.hard && r.soft < best.soft - 1e-9)) best = r;
        }
      }
      for (const k of mine) {
        const c = best.pick.get(k)!;
        const e = merged[k];
        if (c.hard > 0 || c.amb > 0 || best.hard > 0) {
          const r = rank[src];
          const kind = e.from === e.to ? 'self' : rank[e.from] === rank[e.to] ? 'flat' : 'other';
          if (kind === 'self' || kind === 'flat') {
            tight.add(r - 1);
            tight.add(r);
          } else {
            // Every gap the edge crosses.
            for (let g = Math.min(r, rank[e.to]); g < Math.max(r, rank[e.to]); g++) tight.add(g);
          }
        }
        const b = c.box;
        labels[k] = {
          x: c.anchor === 'start' ? b.x + 2 : c.anchor === 'end' ? b.x + b.w - 2 : b.x + b.w / 2,
          y: b.y + SD.labelLine - 2,
          anchor: c.anchor,
          lines: labelLines(e.events),
          box: b,
        };
      }
    }
    return { labels, tight };
  }

  // A label that still could not stay inside widens or lengthens the canvas (never seen with the
  // course's protocols; kept so nothing is ever clipped).
  for (const l of labels) {
    if (!l) continue;
    width = Math.max(width, Math.ceil(l.box.x + l.box.w + 1));
    height = Math.max(height, Math.ceil(l.box.y + l.box.h + 1));
  }

  const edges: StateEdge[] = merged.map((e, k) => {
    const segs = segsOf[k];
    const last = segs[segs.length - 1].b;
    return {
      id: `${states[e.from].id}→${states[e.to].id}`,
      from: states[e.from].id,
      to: states[e.to].id,
      events: e.events,
      kind: e.from === e.to ? 'self' : rank[e.from] === rank[e.to] ? 'flat' : rank[e.to] > rank[e.from] ? 'forward' : 'back',
      recovery: e.from === rec || e.to === rec,
      path: segPath(segs),
      end: { x: r1(last.x), y: r1(last.y) },
      label: labels[k],
    };
  });

  const ib = init >= 0 ? boxes[init] : null;
  const entry = ib
    ? {
        cx: ib.x - SD.entry + 4,
        cy: ib.y + ib.h / 2,
        r: 3.5,
        path: `M${r1(ib.x - SD.entry + 7.5)},${r1(ib.y + ib.h / 2)} L${r1(ib.x)},${r1(ib.y + ib.h / 2)}`,
      }
    : null;

  return {
    width,
    height,
    boxes,
    edges,
    layers: layers.map((l) => l.filter((it) => it.node >= 0).map((it) => states[it.node].id)),
    entry,
  };
}
