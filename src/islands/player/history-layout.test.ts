import { describe, expect, it } from 'vitest';
import { layoutHistory, opLabel, type ClientOp } from './history-layout.ts';

const ops: ClientOp[] = [
  { client: 'a', op: 'write', value: 1, invokedAt: 1, completedAt: 4, outcome: 'ok' },
  { client: 'b', op: 'read', value: 0, invokedAt: 2, completedAt: 6, outcome: 'ok' },
  { client: 'a', op: 'read', value: null, invokedAt: 7, completedAt: null, outcome: 'pending' },
];

describe('history layout', () => {
  it('puts each client on its own lane and each operation between its invoke and its answer', () => {
    const l = layoutHistory(ops, 6, 400);
    expect(l.lanes.map((x) => x.client)).toEqual(['a', 'b']);
    expect(l.bars.map((b) => b.index)).toEqual([0, 1]); // the third is not invoked yet at step 6
    const [w, r] = l.bars;
    expect(w.lane).toBe(0);
    expect(r.lane).toBe(1);
    expect(w.x1).toBeLessThan(r.x1); // invoked earlier
    expect(w.x2).toBeLessThan(r.x2); // answered earlier
    expect(r.label).toBe('r → 0');
  });

  it('an operation without an answer at the cursor is open-ended and its read value unknown', () => {
    const l = layoutHistory(ops, 5, 400);
    const r = l.bars.find((b) => b.index === 1)!;
    expect(r.open).toBe(true);
    expect(r.outcome).toBe('pending');
    expect(r.label).toBe('r → ?');
  });

  it('marks the operations an invariant names', () => {
    const l = layoutHistory(ops, 8, 400, [1]);
    expect(l.bars.filter((b) => b.marked).map((b) => b.index)).toEqual([1]);
  });

  it('labels writes by value', () => {
    expect(opLabel(ops[0], true)).toBe('w 1');
  });
});
