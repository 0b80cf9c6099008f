import { describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { StateDiagram } from './model.ts';
import { protocols, stateDiagram } from './kernel.ts';
import { StateDiagramView } from './StateDiagramView.tsx';
import { labelSize, layoutStateDiagram, placeLabels, SD, stateText, textWidth, wrapLabel, type Rect, type StateBox, type StateDiagramLayout } from './state-diagram-layout.ts';

const twoPC = protocols['two-phase-commit'];
const variants: Record<string, boolean>[] = [{}, { presumedAbort: true }, { abortWhenInDoubt: true, sendBeforeLog: true }, { voteWithoutLog: true, presumedAbort: true }];
const real = variants.flatMap((flags) =>
  Object.keys(twoPC.machines).map((role) => [`${role} ${JSON.stringify(flags)}`, stateDiagram(twoPC.machines[role], { protocol: twoPC, role, flags })] as const),
);

const overlaps = (a: Rect, b: Rect, gap = 0) => a.x < b.x + b.w + gap && b.x < a.x + a.w + gap && a.y < b.y + b.h + gap && b.y < a.y + a.h + gap;
const within = (r: Rect, l: StateDiagramLayout) => r.x >= -0.5 && r.y >= -0.5 && r.x + r.w <= l.width + 0.5 && r.y + r.h <= l.height + 0.5;
const ends = (path: string) => {
  const nums = path.match(/-?[\d.]+/g)!.map(Number);
  return { start: { x: nums[0], y: nums[1] }, end: { x: nums[nums.length - 2], y: nums[nums.length - 1] } };
};
/** On the rectangle's border, give or take rounding. */
const onBorder = (p: { x: number; y: number }, b: Rect) => {
  const e = 0.6;
  const inX = p.x >= b.x - e && p.x <= b.x + b.w + e;
  const inY = p.y >= b.y - e && p.y <= b.y + b.h + e;
  const onH = Math.abs(p.y - b.y) <= e || Math.abs(p.y - (b.y + b.h)) <= e;
  const onV = Math.abs(p.x - b.x) <= e || Math.abs(p.x - (b.x + b.w)) <= e;
  return (inX && onH) || (inY && onV);
};

function checkShape(d: StateDiagram, l: StateDiagramLayout) {
  const box = new Map(l.boxes.map((b) => [b.id, b]));
  // Every state gets exactly one box, inside the drawing (with room for the "you are here"
  // pointer on its left), wide enough for its name in bold and its textbook name.
  expect(l.boxes.map((b) => b.id)).toEqual(d.states.map((s) => s.id));
  for (const b of l.boxes) {
    expect(within({ x: b.x - SD.pointer, y: b.y, w: b.w + SD.pointer, h: b.h }, l), b.id).toBe(true);
    expect(b.w).toBeGreaterThanOrEqual(textWidth(b.label, SD.font, true));
    if (b.textbook) expect(b.w).toBeGreaterThanOrEqual(textWidth(b.textbook, SD.subFont, true));
  }
  // No two boxes overlap (or even touch).
  for (let i = 0; i < l.boxes.length; i++)
    for (let j = i + 1; j < l.boxes.length; j++) expect(overlaps(l.boxes[i], l.boxes[j], 4), `${l.boxes[i].id} / ${l.boxes[j].id}`).toBe(false);
  // Every transition is drawn, parallel ones merged into one edge per ordered pair, with its text.
  for (const t of d.transitions) {
    const e = l.edges.filter((x) => x.from === t.from && x.to === t.to);
    expect(e, `${t.from} → ${t.to}`).toHaveLength(1);
    expect(e[0].lines).toContain(t.label);
    expect(e[0].self).toBe(t.from === t.to);
  }
  expect(l.edges).toHaveLength(new Set(d.transitions.map((t) => `${t.from}|${t.to}`)).size);
  // Arrows start and end on box borders; loops leave and re-enter their box's right side.
  for (const e of l.edges) {
    const { start, end } = ends(e.path);
    expect(onBorder(start, box.get(e.from)!), `${e.id} starts on ${e.from}`).toBe(true);
    expect(onBorder(end, box.get(e.to)!), `${e.id} ends on ${e.to}`).toBe(true);
    for (const p of e.points) expect(p.x >= 0 && p.x <= l.width && p.y >= 0 && p.y <= l.height, `${e.id} inside`).toBe(true);
    if (e.self) expect(box.get(e.from)!.loop?.path).toBe(e.path);
  }
  // Entry marks: "start" into the initial state, "after a crash" into the recovery state.
  expect(l.entries.map((m) => [m.text, m.to])).toEqual([['start', d.initial], ...(d.recovery ? [['after a crash', d.recovery]] : [])]);
  for (const m of l.entries) expect(onBorder(ends(m.path).end, box.get(m.to)!), `entry into ${m.to}`).toBe(true);
}

describe('state diagram layout (dagre)', () => {
  it('draws every 2PC diagram, in every variant, both ways', () => {
    for (const [name, d] of real) {
      for (const labels of ['none', 'all'] as const) {
        const l = layoutStateDiagram(d, { labels });
        try {
          checkShape(d, l);
        } catch (e) {
          throw new Error(`${name} (${labels}): ${(e as Error).message}`);
        }
      }
    }
  });

  it('the recovery state sits below the states it returns to; the initial state at the top', () => {
    for (const [name, d] of real) {
      const l = layoutStateDiagram(d, { labels: 'none' });
      const y = (id: string) => l.boxes.find((b) => b.id === id)!.y;
      for (const t of d.transitions.filter((t) => t.from === d.recovery)) expect(y(t.from), `${name}: ${t.to}`).toBeGreaterThan(y(t.to));
      expect(Math.min(...l.boxes.map((b) => b.y)), name).toBe(y(d.initial));
    }
  });

  it('the compact drawing fits a node card at 1:1 (about 270px inside, on a phone or beside another card)', () => {
    for (const [name, d] of real) expect(layoutStateDiagram(d, { labels: 'none' }).width, name).toBeLessThanOrEqual(269);
  });

  it('with every label, dagre keeps labels off boxes and off each other', () => {
    for (const [name, d] of real) {
      const l = layoutStateDiagram(d, { labels: 'all' });
      expect(l.labels.map((x) => x.edge).sort(), name).toEqual(l.edges.map((e) => e.id).sort());
      for (const a of l.labels) {
        expect(within(a.box, l), `${name}: ${a.edge} inside`).toBe(true);
        for (const b of l.boxes) expect(overlaps(a.box, b), `${name}: ${a.edge} on ${b.id}`).toBe(false);
        for (const b of l.labels) if (a !== b) expect(overlaps(a.box, b.box), `${name}: ${a.edge} / ${b.edge}`).toBe(false);
      }
    }
  });

  it("places the current state's exit labels inside the drawing, off boxes and off each other", () => {
    for (const [name, d] of real) {
      const l = layoutStateDiagram(d, { labels: 'none' });
      expect(l.labels).toEqual([]);
      for (const s of d.states) {
        const exits = l.edges.filter((e) => e.from === s.id).map((e) => e.id);
        const placed = placeLabels(l, exits);
        expect(placed.map((p) => p.edge).sort()).toEqual([...exits].sort());
        for (const a of placed) {
          const where = `${name} @ ${s.id}: ${a.lines.join(' / ')}`;
          expect(within(a.box, l), `${where} inside`).toBe(true);
          expect(a.lines.length).toBeLessThanOrEqual(3);
          for (const b of l.boxes) expect(overlaps(a.box, b), `${where} on ${b.id}`).toBe(false);
          for (const b of placed) if (a !== b) expect(overlaps(a.box, b.box), `${where} / ${b.lines.join(' / ')}`).toBe(false);
        }
      }
    }
  });

  it('shortens long exit labels to their first transition and "+N more"', () => {
    const d = real[0][1];
    const l = layoutStateDiagram(d, { labels: 'none' });
    const committing = placeLabels(l, ['committing→committing'])[0];
    // ACK [otherwise], DECISION_REQUEST and ack-timeout: three self-loops (log-flush only under send-before-log).
    expect(committing.lines).toEqual([...wrapLabel('ACK [otherwise]'), '+2 more']);
  });

  it('is deterministic and memoised per diagram', () => {
    const d = real[0][1];
    expect(layoutStateDiagram(d, { labels: 'none' })).toBe(layoutStateDiagram(d, { labels: 'none' }));
    const copy = JSON.parse(JSON.stringify(d)) as StateDiagram;
    expect(layoutStateDiagram(copy, { labels: 'none' })).toEqual(layoutStateDiagram(d, { labels: 'none' }));
    const l = layoutStateDiagram(d, { labels: 'none' });
    expect(placeLabels(l, ['collecting→committing', 'collecting→aborting'])).toEqual(placeLabels(l, ['collecting→committing', 'collecting→aborting']));
  });

  it('copes with a diagram of one state and no recovery', () => {
    const d: StateDiagram = { states: [{ id: 'only', label: 'only', final: true }], transitions: [{ from: 'only', to: 'only', event: 'PING', label: 'PING' }], initial: 'only', recovery: null };
    const l = layoutStateDiagram(d, { labels: 'all' });
    checkShape(d, l);
    expect((l.boxes[0] as StateBox).loop).toBeDefined();
  });
});

describe('label text', () => {
  it('breaks a long transition text before its condition', () => {
    expect(wrapLabel('VOTE_COMMIT [last yes vote]')).toEqual(['VOTE_COMMIT', '[last yes vote]']);
    expect(wrapLabel('client: begin')).toEqual(['client: begin']);
    expect(wrapLabel('decision-timeout fires')).toEqual(['decision-timeout fires']);
    expect(labelSize(['ab', 'abcd']).h).toBe(2 * SD.labelLine);
  });

  it('names a state with its textbook name', () => {
    expect(stateText({ label: 'collecting', textbook: 'WAIT' })).toBe('collecting (WAIT)');
    expect(stateText({ label: 'ended', textbook: 'forgotten (after END)' })).toBe('ended, forgotten (after END)');
    expect(stateText({ label: 'recovering' })).toBe('recovering');
  });
});

describe('StateDiagramView', () => {
  const participant = stateDiagram(twoPC.machines.participant, { protocol: twoPC, role: 'participant', flags: {} });
  const render = (current: string | null) => renderToStaticMarkup(createElement(StateDiagramView, { diagram: participant, current, nodeId: 'p1' }));
  const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#x27;/g, "'").replace(/\s+/g, ' ');

  it('names the current state and its exits in the image label, and marks it without colour alone', () => {
    const html = render('prepared');
    const label = /role="img" aria-label="([^"]*)"/.exec(html)![1];
    expect(label).toBe(
      'p1 state diagram. Current state: prepared (READY). Next: committed (COMMIT) on GLOBAL_COMMIT; aborted (ABORT) on GLOBAL_ABORT; stays when decision-timeout fires or on PREPARE.',
    );
    expect(html).toContain('pl-sd__state--now');
    expect(html).toContain('pl-sd__here');
    expect(html).toContain('prepared (READY): you are here');
    expect(render(null)).toContain('Current state: none (crashed).');
  });

  it("labels only the current state's exits on a narrow card, and lists every transition under the drawing", () => {
    const html = render('prepared');
    expect(html).toContain('data-labels="current"');
    const drawn = [...html.matchAll(/<text class="pl-sd__label[^"]*"[^>]*>(.*?)<\/text>/g)].map((m) => text(m[1]).trim());
    expect(drawn.sort()).toEqual(['GLOBAL_ABORT', 'GLOBAL_COMMIT', 'decision-timeout fires PREPARE']);
    const list = text(/<details class="pl-transitions">(.*?)<\/details>/.exec(html)![1]);
    expect(list).toContain(`Transitions (${participant.transitions.length})`);
    expect(list).toContain('prepared (READY) stays when decision-timeout fires');
    expect(list).toContain('recovering → to prepared (READY) : log has PREPARED');
    expect(list).not.toMatch(/timer\.|request\.|\(always\)|start/);
  });

  it('names every state with its textbook name for screen readers', () => {
    const states = text(/<ol class="pl-states pl-sr"[^>]*>(.*?)<\/ol>/.exec(render('working'))![1]);
    expect(states).toContain('working (INIT) (where a fresh node starts) (current state)');
    expect(states).toContain('recovering (where a node restarts after a crash)');
    expect(states).toContain('committed (COMMIT)');
  });
});
