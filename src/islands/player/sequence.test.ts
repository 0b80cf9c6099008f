import { describe, expect, it } from 'vitest';
import type { Message, World } from '../../../sandboxes/kernel/types.ts';
import { layoutSequence, SEQ } from './sequence.ts';

const node = (up = true) => ({ role: 'x', up, snapshot: null, store: null });
const msg = (id: number, from: string, to: string, type = 'M'): Message => ({ id, from, to, type, payload: {} });
const world = (inFlight: Message[], down: string[] = []): World => ({
  nodes: { c: node(!down.includes('c')), p1: node(!down.includes('p1')), p2: node(!down.includes('p2')) },
  inFlight,
  timers: [],
  partition: null,
  budget: { crash: 1, drop: 1, duplicate: 1, partition: 1 },
  used: { crash: 0, drop: 0, duplicate: 0, partition: 0 },
  pendingRequests: [],
  nextMessageId: 1 + inFlight.reduce((m, x) => Math.max(m, x.id), 0),
  rng: 1,
});

describe('sequence chart layout', () => {
  const ids = ['c', 'p1', 'p2'];
  const w0 = world([]);
  const w1 = world([msg(1, 'c', 'p1', 'PREPARE'), msg(2, 'c', 'p2', 'PREPARE')]);
  const w2 = world([msg(2, 'c', 'p2', 'PREPARE'), msg(3, 'p1', 'c', 'VOTE')]);
  const w3 = world([msg(3, 'p1', 'c', 'VOTE')]);
  const w4 = world([msg(3, 'p1', 'c', 'VOTE')], ['c']);
  const frames = [
    { choice: { kind: 'request' as const, name: 'begin' }, before: w0, after: w1 },
    { choice: { kind: 'deliver' as const, id: 1 }, before: w1, after: w2 },
    { choice: { kind: 'drop' as const, id: 2 }, before: w2, after: w3 },
    { choice: { kind: 'crash' as const, node: 'c' }, before: w3, after: w4 },
  ];

  it('spreads one lane per node across the whole width', () => {
    const l = layoutSequence(ids, w0, frames, 600);
    expect(l.lanes.map((x) => x.id)).toEqual(ids);
    expect(l.width).toBe(600);
    expect(l.lanes[0].x).toBe(SEQ.side);
    expect(l.lanes[2].x).toBe(600 - SEQ.side);
    expect(l.lanes[1].x - l.lanes[0].x).toBe(l.lanes[2].x - l.lanes[1].x);
  });

  it('grows wider than asked rather than crushing many lanes together', () => {
    const l = layoutSequence(['a', 'b', 'c', 'd', 'e', 'f', 'g'], w0, [], 300);
    expect(l.width).toBeGreaterThan(300);
    expect(l.lanes[1].x - l.lanes[0].x).toBeGreaterThanOrEqual(SEQ.minLaneGap);
  });

  it('gives every message its own row, in send order, so labels never overlap', () => {
    const l = layoutSequence(ids, w0, frames, 600);
    const rowsOf = l.arrows.map((a) => a.row);
    expect(new Set(rowsOf).size).toBe(rowsOf.length);
    const byId = Object.fromEntries(l.arrows.map((a) => [a.id, a]));
    expect(byId[1].row).toBeLessThan(byId[2].row);
    expect(byId[2].row).toBeLessThan(byId[3].row);
    // Two PREPAREs sent in one step: same step band, different rows and label heights.
    expect(byId[1].sentRow).toBe(1);
    expect(byId[2].sentRow).toBe(1);
    expect(byId[2].labelY - byId[1].labelY).toBe(SEQ.rowHeight);
    // The step's note (the request) has a row of its own above them.
    const request = l.notes.find((n) => n.kind === 'request')!;
    expect(request.row).toBeLessThan(byId[1].row);
    // Labels sit above the midpoint of their line.
    expect(byId[1].labelX).toBe((byId[1].x1 + byId[1].x2) / 2);
    expect(byId[1].labelY).toBeLessThan(byId[1].y1);
  });

  it('draws delivered, dropped and in-flight messages with their fate', () => {
    const l = layoutSequence(ids, w0, frames, 600);
    const byId = Object.fromEntries(l.arrows.map((a) => [a.id, a]));
    expect(byId[1]).toMatchObject({ status: 'delivered', sentRow: 1, endRow: 2, from: 'c', to: 'p1' });
    expect(byId[1].x2).toBe(l.lanes[1].x);
    expect(byId[2]).toMatchObject({ status: 'dropped', sentRow: 1, endRow: 3 });
    expect(byId[2].x2).toBeLessThan(l.lanes[2].x);
    expect(byId[2].x2).toBeGreaterThan(l.lanes[0].x);
    expect(byId[3]).toMatchObject({ status: 'inflight', sentRow: 2, endRow: 4 });
  });

  it('gives every step a band of rows, and notes the steps that sent nothing', () => {
    const l = layoutSequence(ids, w0, frames, 600);
    expect(l.bands.map((b) => b.step)).toEqual([1, 2, 3, 4]);
    expect(l.rows.length).toBe(6); // the request, 2 PREPAREs, 1 VOTE, the drop, the crash
    expect(l.height).toBeGreaterThan(l.rows[5].y);
    expect(l.notes.map((n) => [n.kind, n.step, n.lane])).toEqual([
      ['request', 1, null],
      ['drop', 3, 'c'],
      ['crash', 4, 'c'],
    ]);
  });

  it('marks a delivery that sends nothing on the receiver lane', () => {
    const l = layoutSequence(ids, w0, [...frames.slice(0, 3), { choice: { kind: 'deliver', id: 3 }, before: w3, after: w0 }], 600);
    expect(l.notes[l.notes.length - 1]).toMatchObject({ kind: 'deliver', step: 4, lane: 'c' });
    expect(l.arrows.find((a) => a.id === 3)).toMatchObject({ status: 'delivered', endRow: 4 });
  });

  it('draws messages lost as they were sent from the step trace', () => {
    const l = layoutSequence(ids, w0, [{ choice: { kind: 'request', name: 'begin' }, before: w0, after: w0, trace: [{ kind: 'lost', message: msg(9, 'c', 'p2', 'PREPARE'), reason: 'p2 is down' }] }]);
    expect(l.arrows).toHaveLength(1);
    expect(l.arrows[0]).toMatchObject({ id: 9, status: 'lost', sentRow: 1, endRow: 1 });
  });

  it('is empty but well-formed with no steps', () => {
    const l = layoutSequence(ids, w0, []);
    expect(l.arrows).toEqual([]);
    expect(l.rows).toEqual([]);
    expect(l.bands).toEqual([]);
    expect(l.height).toBeGreaterThan(SEQ.top);
  });
});
