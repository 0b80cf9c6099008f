import { describe, expect, it } from 'vitest';
import type { StateDiagram } from './model.ts';
import { protocols, stateDiagram } from './kernel.ts';
import { labelLines, layoutStateDiagram, SD, textWidth, type Rect, type StateBox, type StateLayout } from './state-layout.ts';

const twoPC = protocols['two-phase-commit'];
const real = Object.keys(twoPC.machines).map((role) => [role, stateDiagram(twoPC.machines[role])] as const);

const overlaps = (a: Rect, b: Rect, gap = 0) => a.x < b.x + b.w + gap && b.x < a.x + a.w + gap && a.y < b.y + b.h + gap && b.y < a.y + a.h + gap;
const within = (r: Rect, l: StateLayout) => r.x >= 0 && r.y >= 0 && r.x + r.w <= l.width && r.y + r.h <= l.height;
const start = (path: string) => {
  const m = /^M(-?[\d.]+),(-?[\d.]+)/.exec(path)!;
  return { x: Number(m[1]), y: Number(m[2]) };
};
/** On the rectangle's border, give or take rounding. */
const onBorder = (p: { x: number; y: number }, b: StateBox) => {
  const e = 0.6;
  const inX = p.x >= b.x - e && p.x <= b.x + b.w + e;
  const inY = p.y >= b.y - e && p.y <= b.y + b.h + e;
  const onH = Math.abs(p.y - b.y) <= e || Math.abs(p.y - (b.y + b.h)) <= e;
  const onV = Math.abs(p.x - b.x) <= e || Math.abs(p.x - (b.x + b.w)) <= e;
  return (inX && onH) || (inY && onV);
};

function checkShape(d: StateDiagram, l: StateLayout) {
  const box = new Map(l.boxes.map((b) => [b.id, b]));
  // Every state gets exactly one box, inside the canvas, wide enough for its label.
  expect(l.boxes.map((b) => b.id).sort()).toEqual(d.states.map((s) => s.id).sort());
  for (const b of l.boxes) {
    expect(within(b, l)).toBe(true);
    expect(b.w).toBeGreaterThanOrEqual(textWidth(b.label, SD.font, true) + SD.marker);
  }
  // No two boxes overlap (or even touch).
  for (let i = 0; i < l.boxes.length; i++) for (let j = i + 1; j < l.boxes.length; j++) expect(overlaps(l.boxes[i], l.boxes[j], 4), `${l.boxes[i].id} / ${l.boxes[j].id}`).toBe(false);
  // Every transition is drawn, parallel ones merged into one edge per ordered pair.
  for (const t of d.transitions) {
    const e = l.edges.filter((x) => x.from === t.from && x.to === t.to);
    expect(e, `${t.from} → ${t.to}`).toHaveLength(1);
    expect(e[0].events).toContain(t.event);
  }
  expect(l.edges).toHaveLength(new Set(d.transitions.map((t) => `${t.from}|${t.to}`)).size);
  // Arrows start and end on box borders.
  for (const e of l.edges) {
    expect(onBorder(start(e.path), box.get(e.from)!), `${e.id} starts on ${e.from}`).toBe(true);
    expect(onBorder(e.end, box.get(e.to)!), `${e.id} ends on ${e.to}`).toBe(true);
  }
  // The initial state is in the first layer.
  expect(box.get(d.initial)!.layer).toBe(0);
  expect(l.layers[0]).toContain(d.initial);
  expect(l.entry).not.toBeNull();
  // Labels shown together (the edges leaving one state) stay clear of each other and of every box.
  for (const s of d.states) {
    const mine = l.edges.filter((e) => e.from === s.id);
    for (const e of mine) {
      expect(within(e.label.box, l), `${e.id} label inside`).toBe(true);
      for (const b of l.boxes) expect(overlaps(e.label.box, b), `${e.id} label on ${b.id}`).toBe(false);
    }
    for (let i = 0; i < mine.length; i++)
      for (let j = i + 1; j < mine.length; j++) expect(overlaps(mine[i].label.box, mine[j].label.box), `${mine[i].id} / ${mine[j].id}`).toBe(false);
  }
}

describe('state diagram layout: the two-phase commit machines', () => {
  it.each(real)('%s: boxes, edges and labels', (_role, d) => {
    checkShape(d, layoutStateDiagram(d));
  });

  it.each(real)('%s: fits a desktop node card without shrinking text', (_role, d) => {
    const l = layoutStateDiagram(d);
    // A node card's diagram area is 269px wide at 1280px and 291px on a 375px phone.
    expect(l.width).toBeLessThanOrEqual(269);
    expect(l.height).toBeLessThan(320);
    expect(l.layers.every((layer) => layer.length <= SD.maxPerLayer)).toBe(true);
  });

  it.each(real)('%s: deterministic', (_role, d) => {
    const a = layoutStateDiagram(structuredClone(d));
    const b = layoutStateDiagram(structuredClone(d));
    expect(a).toEqual(b);
    expect(JSON.stringify(a)).toBe(JSON.stringify(layoutStateDiagram(d)));
  });

  it('puts the coordinator flow top to bottom, recovery beside it', () => {
    const d = real.find(([r]) => r === 'coordinator')![1];
    const l = layoutStateDiagram(d);
    const layer = (id: string) => l.boxes.find((b) => b.id === id)!.layer;
    expect(layer('start')).toBe(0);
    expect(layer('idle')).toBeLessThan(layer('collecting'));
    expect(layer('collecting')).toBeLessThan(layer('committing'));
    expect(layer('committing')).toBeLessThan(layer('ended'));
    // Recovery jumps into the flow; it does not stretch it.
    expect(layer('recovering')).toBe(layer('idle'));
    expect(l.boxes.find((b) => b.id === 'recovering')!.recovery).toBe(true);
    expect(l.edges.filter((e) => e.recovery).map((e) => e.id).sort()).toEqual(
      d.transitions.filter((t) => t.from === 'recovering' || t.to === 'recovering').map((t) => `${t.from}→${t.to}`).sort(),
    );
    // Parallel transitions: one edge, both events.
    expect(l.edges.find((e) => e.id === 'collecting→aborting')!.events).toEqual(['VOTE_ABORT', 'timer.vote-timeout']);
  });
});

describe('state diagram layout: shapes the course does not use yet', () => {
  const mk = (states: string[], transitions: [string, string, string][], extra: Partial<StateDiagram> = {}): StateDiagram => ({
    states: states.map((id) => ({ id, label: id.split('.').pop()!, final: id === 'done' })),
    transitions: transitions.map(([from, to, event]) => ({ from, to, event })),
    initial: states[0],
    recovery: null,
    ...extra,
  });

  it('draws self-transitions as loops and cycles as back edges', () => {
    const d = mk(['idle', 'busy', 'done'], [
      ['idle', 'busy', 'go'],
      ['busy', 'busy', 'tick'],
      ['busy', 'idle', 'reset'],
      ['busy', 'done', 'finish'],
    ]);
    const l = layoutStateDiagram(d);
    checkShape(d, l);
    const loop = l.edges.find((e) => e.id === 'busy→busy')!;
    expect(loop.kind).toBe('self');
    const busy = l.boxes.find((b) => b.id === 'busy')!;
    expect(start(loop.path).x).toBeCloseTo(busy.x + busy.w, 0);
    expect(l.edges.find((e) => e.id === 'busy→idle')!.kind).toBe('back');
    expect(l.edges.find((e) => e.id === 'idle→busy')!.kind).toBe('forward');
    expect(l.boxes.find((b) => b.id === 'done')!.final).toBe(true);
  });

  it('keeps at most three states side by side', () => {
    const kids = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    const d = mk(['root', ...kids], kids.map((k) => ['root', k, `to-${k}`] as [string, string, string]));
    const l = layoutStateDiagram(d);
    checkShape(d, l);
    expect(l.layers.every((layer) => layer.length <= SD.maxPerLayer)).toBe(true);
    expect(l.layers[0]).toEqual(['root']);
  });

  it('places nested states below their parent and ignores unknown targets', () => {
    const d = mk(
      ['start', 'work', 'work.a', 'work.b', 'done'],
      [
        ['start', 'work', 'go'],
        ['work.a', 'work.b', 'next'],
        ['work', 'done', 'finish'],
        ['work', 'nowhere', 'lost'],
      ],
    );
    const l = layoutStateDiagram(d);
    const layer = (id: string) => l.boxes.find((b) => b.id === id)!.layer;
    expect(layer('work.a')).toBeGreaterThan(layer('work'));
    expect(l.edges.some((e) => e.to === 'nowhere')).toBe(false);
    checkShape({ ...d, transitions: d.transitions.filter((t) => t.to !== 'nowhere') }, l);
  });

  it('lays out a flat edge between neighbours and a recovery state with no way in', () => {
    const d = mk(['start', 'ready', 'recovering'], [
      ['start', 'ready', '(always)'],
      ['recovering', 'ready', '(always)'],
    ], { recovery: 'recovering' });
    const l = layoutStateDiagram(d);
    checkShape(d, l);
    expect(l.boxes.find((b) => b.id === 'recovering')!.recovery).toBe(true);
  });

  it('copes with an empty diagram', () => {
    const l = layoutStateDiagram({ states: [], transitions: [], initial: '', recovery: null });
    expect(l.boxes).toEqual([]);
    expect(l.edges).toEqual([]);
    expect(l.entry).toBeNull();
    expect(l.width).toBeGreaterThan(0);
  });
});

describe('edge labels', () => {
  it('lists up to two events, then the first and a count', () => {
    expect(labelLines(['A'])).toEqual(['A']);
    expect(labelLines(['A', 'B'])).toEqual(['A', 'B']);
    expect(labelLines(['A', 'B', 'C'])).toEqual(['A', '+2 more']);
  });
});
