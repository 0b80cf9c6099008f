// Sequential consistency, the session guarantees, "no acknowledged write lost" and `classify`.
import { describe, expect, it } from 'vitest';
import { classify } from './index.ts';
import { checkNoLostWrites } from './lost-writes.ts';
import { checkSequential } from './sequential.ts';
import { checkMonotonicReads, checkMonotonicWrites, checkReadYourWrites, checkWritesFollowReads } from './sessions.ts';
import { cas, hist, read, write } from './testing.ts';

describe('sequential consistency', () => {
  it('holds for a stale read that real time forbids but program order allows', () => {
    const h = hist([write(1, 1, 0, 1), read(2, null, 2, 3)]);
    expect(checkSequential(h)).toEqual({ holds: true });
    expect(classify(h).linearizable.holds).toBe(false);
  });

  it("fails when a client sees another client's writes out of order", () => {
    const h = hist([write(1, 1, 0, 1), write(1, 2, 2, 3), read(2, 2, 4, 5), read(2, 1, 6, 7)]);
    const v = checkSequential(h);
    expect(v.holds).toBe(false);
    if (v.holds) return;
    expect(v.explanation).toBe(
      "No single order of all operations keeps every client's own order. The longest one found places 3 of 4 completed operations " +
        '(write 1 by client 1, write 2 by client 1, read by client 2), leaving the register at 2, and then no client can go on: ' +
        'read by client 2 returned 1',
    );
    expect(v.ops).toEqual([3]);
  });

  it('lets an info write take effect or not', () => {
    expect(checkSequential(hist([write(1, 1, 0, null), read(2, 1, 1, 2), read(2, 1, 3, 4)])).holds).toBe(true);
    expect(checkSequential(hist([write(1, 1, 0, null), read(2, null, 1, 2)])).holds).toBe(true);
    expect(checkSequential(hist([write(1, 1, 0, null), read(2, 1, 1, 2), read(2, null, 3, 4)])).holds).toBe(false);
  });

  it('gives up with a RangeError past maxStates', () => {
    const h = hist([write(1, 1, 0, 1), write(2, 2, 0, 1), read(3, 3, 0, 1)]);
    expect(() => checkSequential(h, { maxStates: 2 })).toThrow(RangeError);
  });
});

describe('read-your-writes', () => {
  it('fails when a client reads the initial value after its own write', () => {
    expect(checkReadYourWrites(hist([write(1, 1, 0, 1), read(1, null, 2, 3)]))).toEqual({
      holds: false,
      explanation: 'client 1 wrote 1 and later read null, but null is the initial value, older than every write',
      ops: [0, 1],
    });
  });

  it('fails when a client reads a value real time puts before its own write', () => {
    const v = checkReadYourWrites(hist([write(2, 1, 0, 1), write(1, 2, 2, 3), read(1, 1, 4, 5)]));
    expect(v).toEqual({
      holds: false,
      explanation: 'client 1 wrote 2 and later read 1, but write 1 by client 2 completed before write 2 by client 1 began',
      ops: [1, 2, 0],
    });
  });

  it("holds when another client's concurrent write may have come later", () => {
    expect(checkReadYourWrites(hist([write(1, 2, 0, 3), write(2, 1, 1, 4), read(1, 1, 5, 6)])).holds).toBe(true);
  });

  it("holds when a client reads another client's newer write", () => {
    expect(checkReadYourWrites(hist([write(1, 1, 0, 1), write(2, 2, 2, 3), read(1, 2, 4, 5)])).holds).toBe(true);
  });

  it('judges against a given version order', () => {
    const h = hist([write(1, 2, 0, 3), write(2, 1, 1, 4), read(1, 1, 5, 6)]);
    const v = checkReadYourWrites(h, { versionOrder: [2, 1] });
    expect(v.holds).toBe(true);
    const w = checkReadYourWrites(h, { versionOrder: [1, 2] });
    expect(w).toMatchObject({ holds: false, explanation: 'client 1 wrote 2 and later read 1, but the version order puts 1 before 2' });
  });

  it('counts a cas as a read of its expected value and a write of its new one', () => {
    expect(checkReadYourWrites(hist([cas(1, [null, 1], 0, 1), read(1, null, 2, 3)])).holds).toBe(false);
  });
});

describe('monotonic reads', () => {
  it('fails when a client reads an older value after a newer one', () => {
    const h = hist([write(1, 1, 0, 1), write(1, 2, 2, 3), read(2, 2, 4, 5), read(2, 1, 6, 7)]);
    expect(checkMonotonicReads(h)).toEqual({
      holds: false,
      explanation: 'client 2 read 2 and later read 1, but write 1 by client 1 completed before write 2 by client 1 began',
      ops: [2, 3, 1, 0],
    });
  });

  it('fails when two clients see two concurrent writes in opposite orders', () => {
    const h = hist([write(1, 1, 0, 20), write(2, 2, 0, 20), read(3, 1, 1, 2), read(3, 2, 3, 4), read(4, 2, 5, 6), read(4, 1, 7, 8)]);
    const v = checkMonotonicReads(h);
    expect(v.holds).toBe(false);
    if (v.holds) return;
    expect(v.explanation).toBe('client 3 read 1 and later read 2; client 4 read 2 and later read 1: no order of the writes that respects real time allows all of this');
    expect(v.ops.sort()).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('holds when each client moves forward', () => {
    const h = hist([write(1, 1, 0, 20), write(2, 2, 0, 20), read(3, 1, 1, 2), read(3, 2, 3, 4), read(4, 1, 5, 6), read(4, 2, 7, 8)]);
    expect(checkMonotonicReads(h).holds).toBe(true);
    expect(checkSequential(h).holds).toBe(true);
  });

  it('fails on a read of a value no write produced', () => {
    expect(checkMonotonicReads(hist([write(1, 1, 0, 1, 'fail'), read(2, 1, 2, 3)]))).toEqual({
      holds: false,
      explanation: 'read by client 2 read a value that no write produced',
      ops: [1],
    });
  });
});

describe('monotonic writes and writes-follow-reads', () => {
  const h = hist([write(1, 1, 0, 1), write(1, 2, 2, 3), read(2, 2, 4, 5), write(2, 3, 6, 7)]);

  it('hold against real time, which a client never contradicts on its own', () => {
    expect(checkMonotonicWrites(h).holds).toBe(true);
    expect(checkWritesFollowReads(h).holds).toBe(true);
  });

  it("fail when the system's version order reverses a client's writes", () => {
    expect(checkMonotonicWrites(h, { versionOrder: [2, 1, 3] })).toEqual({
      holds: false,
      explanation: 'client 1 wrote 1 and then 2, but the version order puts 2 before 1',
      ops: [0, 1],
    });
  });

  it('fail when a write is ordered before what its client had read', () => {
    expect(checkWritesFollowReads(h, { versionOrder: [1, 3, 2] })).toEqual({
      holds: false,
      explanation: 'client 2 read 2 and then wrote 3, but the version order puts 3 before 2',
      ops: [2, 3, 1],
    });
    expect(checkWritesFollowReads(h, { versionOrder: [1, 2, 3] }).holds).toBe(true);
  });

  it('reject an incomplete version order and repeated values', () => {
    expect(() => checkMonotonicWrites(h, { versionOrder: [1, 2] })).toThrow(/versionOrder lacks 3, written by write 3 by client 2/);
    expect(() => checkMonotonicWrites(hist([write(1, 1, 0, 1), write(2, 1, 2, 3)]))).toThrow(/distinct written values: write 1 by client 2 repeats write 1 by client 1/);
  });
});

describe('no acknowledged write lost', () => {
  it('finds the write a failover lost', () => {
    const h = hist([write(1, 1, 0, 1), write(2, 2, 2, 3)]);
    expect(checkNoLostWrites(h, [1])).toEqual({
      holds: false,
      explanation: 'write 2 by client 2 was acknowledged and then lost: the register ended with 1, from write 1 by client 1, which completed before it began',
      ops: [1, 0],
    });
    expect(checkNoLostWrites(h, [2])).toEqual({ holds: true });
  });

  it('allows a concurrent write to be overwritten', () => {
    expect(checkNoLostWrites(hist([write(1, 1, 0, 3), write(2, 2, 1, 2)]), [1]).holds).toBe(true);
  });

  it('counts every later acknowledged write when the register falls back', () => {
    const v = checkNoLostWrites(hist([write(1, 1, 0, 1), write(2, 2, 2, 3), cas(3, [2, 3], 4, 5)]), [1]);
    expect(v).toMatchObject({ holds: false, ops: [1, 2, 0] });
    if (!v.holds) expect(v.explanation).toMatch(/^2 acknowledged writes were lost \(write 2 by client 2, cas 2→3 by client 3\): the register ended with 1/);
  });

  it('loses every acknowledged write when the register ends empty', () => {
    const v = checkNoLostWrites(hist([write(1, 1, 0, 1), write(2, 2, 0, 1, 'fail')]), [null]);
    expect(v).toMatchObject({ holds: false, ops: [0] });
  });

  it('keeps a write kept by any of several final values, and ignores unacknowledged ones', () => {
    const h = hist([write(1, 1, 0, 1), write(2, 2, 2, 3), write(3, 3, 4, null)]);
    expect(checkNoLostWrites(h, [1, 3]).holds).toBe(true);
    expect(checkNoLostWrites(h, [3]).holds).toBe(true);
    expect(() => checkNoLostWrites(h, [9])).toThrow(/final value 9 was never written/);
  });
});

describe('classify', () => {
  it('judges every model on one history', () => {
    // Client 1 writes 1; client 2, later, still reads null: sequential, not linearizable.
    const verdicts = classify(hist([write(1, 1, 0, 1), read(2, null, 2, 3), read(2, 1, 4, 5)]));
    expect(Object.fromEntries(Object.entries(verdicts).map(([k, v]) => [k, v.holds]))).toEqual({
      linearizable: false,
      sequential: true,
      'read-your-writes': true,
      'monotonic-reads': true,
      'monotonic-writes': true,
      'writes-follow-reads': true,
    });
  });
});
