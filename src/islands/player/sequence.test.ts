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

  it('puts one lane per node and one row per step', () => {
    const l = layoutSequence(ids, w0, frames);
    expect(l.lanes.map((x) => x.id)).toEqual(ids);
    expect(l.lanes[1].x - l.lanes[0].x).toBe(SEQ.laneGap);
    expect(l.rows.length).toBe(5);
    expect(l.height).toBeGreaterThan(l.rows[4].y);
    expect(l.width).toBe(SEQ.side * 2 + 2 * SEQ.laneGap);
  });

  it('draws delivered, dropped and in-flight messages between the right rows', () => {
    const l = layoutSequence(ids, w0, frames);
    const byId = Object.fromEntries(l.arrows.map((a) => [a.id, a]));
    expect(byId[1]).toMatchObject({ status: 'delivered', sentRow: 1, endRow: 2, from: 'c', to: 'p1' });
    expect(byId[1].x2).toBe(l.lanes[1].x);
    expect(byId[2]).toMatchObject({ status: 'dropped', sentRow: 1, endRow: 3 });
    expect(byId[2].x2).toBeLessThan(l.lanes[2].x);
    expect(byId[3]).toMatchObject({ status: 'inflight', sentRow: 2, endRow: 4 });
  });

  it('notes requests and crashes on lanes', () => {
    const l = layoutSequence(ids, w0, frames);
    expect(l.notes.map((n) => [n.kind, n.row, n.lane])).toEqual([
      ['request', 1, null],
      ['crash', 4, 'c'],
    ]);
  });

  it('draws messages lost as they were sent from the step trace', () => {
    const l = layoutSequence(ids, w0, [{ choice: { kind: 'request', name: 'begin' }, before: w0, after: w0, trace: [{ kind: 'lost', message: msg(9, 'c', 'p2', 'PREPARE'), reason: 'p2 is down' }] }]);
    expect(l.arrows).toHaveLength(1);
    expect(l.arrows[0]).toMatchObject({ id: 9, status: 'lost', sentRow: 1, endRow: 1 });
  });

  it('is empty but well-formed with no steps', () => {
    const l = layoutSequence(ids, w0, []);
    expect(l.arrows).toEqual([]);
    expect(l.rows).toEqual([{ step: 0, y: SEQ.top }]);
  });
});
