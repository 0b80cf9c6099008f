import { describe, expect, it } from 'vitest';
import { kernel, protocols, tokenToChoice } from './kernel.ts';
import { envelopeWidth, NODE_W, topologyLayout } from './topology-layout.ts';

const protocol = protocols['two-phase-commit'];
const scenario = protocol.scenarios.find((s) => s.id === 'all-vote-yes')!;
const cutScenario = protocol.scenarios.find((s) => s.id === 'coordinator-crash-after-prepare')!;

describe('topology layout', () => {
  it('draws 2PC as a star: the coordinator above, a link to each participant, an envelope per message', () => {
    const w = kernel.startWorld(protocol, scenario);
    const l = topologyLayout(protocol, w, 600);
    const c = l.nodes.find((n) => n.id === 'c')!.at;
    expect(l.nodes.filter((n) => n.id !== 'c').every((n) => n.at.y > c.y)).toBe(true);
    expect(l.links.map((x) => `${x.a}-${x.b}`)).toEqual(['c-p1', 'c-p2', 'c-p3']);
    expect(l.envelopes.map((e) => e.id)).toEqual(w.inFlight.map((m) => m.id));
  });

  it('keeps nodes inside a phone-width canvas and marks a cut link', () => {
    let w = kernel.startWorld(protocol, cutScenario, { size: 5, flags: scenario.config.flags });
    w = kernel.step(protocol, { size: 5, flags: scenario.config.flags }, w, tokenToChoice('i.c'));
    const l = topologyLayout(protocol, w, 320);
    for (const n of l.nodes) {
      expect(n.at.x - NODE_W / 2).toBeGreaterThanOrEqual(0);
      expect(n.at.x + NODE_W / 2).toBeLessThanOrEqual(320);
      expect(n.at.y).toBeLessThan(l.height);
    }
    expect(l.links.every((x) => x.cut)).toBe(true);
    // Nodes in one row never overlap.
    for (const a of l.nodes) for (const b of l.nodes) if (a !== b && a.at.y === b.at.y) expect(Math.abs(a.at.x - b.at.x)).toBeGreaterThanOrEqual(NODE_W);
  });
});

describe('envelopes', () => {
  it.each([358, 600, 900])('votes converging on the hub do not overlap, at %i px as on a phone', (width) => {
    const s = protocol.scenarios.find((x) => x.id === 'coordinator-crash-after-prepare')!;
    const w = kernel.startWorld(protocol, s);
    const l = topologyLayout(protocol, w, width);
    const boxes = l.envelopes.map((e) => ({ x: e.at.x, y: e.at.y, w: envelopeWidth('VOTE_COMMIT') }));
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i];
        const b = boxes[j];
        const overlap = Math.abs(a.x - b.x) < (a.w + b.w) / 2 && Math.abs(a.y - b.y) < 18;
        expect(overlap, `envelopes ${i} and ${j}`).toBe(false);
      }
  });
});

describe('clique (replicas and their clients)', () => {
  const rr = protocols['replicated-register'];
  it.each([
    [3, 358],
    [5, 358],
    [3, 600],
    [5, 600],
  ])('%i replicas and two clients at %i px: no two nodes overlap, and it stays short', (size, width) => {
    const sc = rr.scenarios[0];
    const w = kernel.startWorld(rr, sc, { ...sc.config, size });
    const l = topologyLayout(rr, w, width);
    expect(l.nodes).toHaveLength(size + 2);
    for (let i = 0; i < l.nodes.length; i++)
      for (let j = i + 1; j < l.nodes.length; j++) {
        const a = l.nodes[i].at;
        const b = l.nodes[j].at;
        const apart = Math.abs(a.x - b.x) >= NODE_W || Math.abs(a.y - b.y) >= 52;
        expect(apart, `${l.nodes[i].id} and ${l.nodes[j].id}`).toBe(true);
      }
    expect(l.height).toBeLessThanOrEqual(330);
  });
});
