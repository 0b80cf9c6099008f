// The linearizability checker: classic histories by hand, its explanations, and agreement with a
// brute-force reference (every permutation) on thousands of seeded random small histories.
import { describe, expect, it } from 'vitest';
import { nextRandom } from '../kernel/rng.ts';
import { parseHistory, type History, type Operation, type Value } from './history.ts';
import { checkLinearizable, linearize } from './linearizable.ts';
import { checkSequential } from './sequential.ts';
import { cas, hist, read, write } from './testing.ts';

const lin = (h: History) => linearize(h).linearizable;

/** Whether `a` must come before `b` in real time. */
const before = (a: Operation, b: Operation) => a.response !== null && a.response < b.invoke;

/** Runs `order` on a register; false when some operation's outcome is impossible. */
function legal(initial: Value, order: Operation[]): boolean {
  let state = initial;
  for (const op of order) {
    if (op.f === 'read') {
      if (state !== op.result) return false;
    } else if (op.f === 'write') state = op.value;
    else if (op.outcome === 'fail') {
      if (state === op.expected) return false;
    } else if (state === op.expected) state = op.value;
    else if (op.outcome === 'ok') return false;
  }
  return true;
}

function* permutations<T>(xs: T[]): Generator<T[]> {
  if (xs.length <= 1) yield xs;
  else for (let i = 0; i < xs.length; i++) for (const rest of permutations([...xs.slice(0, i), ...xs.slice(i + 1)])) yield [xs[i], ...rest];
}

/**
 * The reference: some subset of the `info` operations together with every completed one, in some
 * order that respects `mustPrecede`, is legal. Failed reads and writes and unanswered reads are
 * dropped; a failed cas stays (it read something else).
 */
function brute(h: History, mustPrecede: (a: Operation, b: Operation) => boolean): boolean {
  const used = h.ops.filter((o) => !(o.outcome === 'fail' && o.f !== 'cas') && !(o.f === 'read' && o.outcome !== 'ok'));
  const required = used.filter((o) => o.outcome !== 'info');
  const optional = used.filter((o) => o.outcome === 'info');
  for (let mask = 0; mask < 1 << optional.length; mask++) {
    const set = [...required, ...optional.filter((_, i) => mask & (1 << i))];
    for (const order of permutations(set)) {
      if (order.every((b, j) => order.slice(j + 1).every((a) => !mustPrecede(a, b))) && legal(h.initial, order)) return true;
    }
  }
  return false;
}

const bruteLinearizable = (h: History) => brute(h, before);
/** Sequential consistency: each client's own order, real time ignored. */
const bruteSequential = (h: History) => brute(h, (a, b) => a.process === b.process && a.invoke < b.invoke);

describe('classic histories', () => {
  it('a read of the initial null before any write', () => {
    expect(lin(hist([read(1, null, 0, 1), write(2, 1, 2, 3)]))).toBe(true);
    expect(lin(hist([write(2, 1, 0, 1), read(1, null, 2, 3)]))).toBe(false);
  });

  it('a stale read after a write completed is not linearizable', () => {
    const h = hist([write(1, 1, 0, 1), write(1, 2, 2, 3), read(2, 1, 4, 5)]);
    expect(lin(h)).toBe(false);
    expect(bruteLinearizable(h)).toBe(false);
  });

  it('a read concurrent with a write may return either value', () => {
    for (const v of [0, 1]) expect(lin(hist([write(1, 0, 0, 1), write(1, 1, 2, 5), read(2, v, 3, 4)]))).toBe(true);
    expect(lin(hist([write(1, 0, 0, 1), write(1, 1, 2, 5), read(2, 7, 3, 4)]))).toBe(false);
  });

  it('two concurrent reads may not see the write in opposite orders', () => {
    // r1 returns the new value and completes before r2 begins, which still returns the old one.
    expect(lin(hist([write(1, 0, 0, 1), write(1, 1, 2, 9), read(2, 1, 3, 4), read(3, 0, 5, 6)]))).toBe(false);
    expect(lin(hist([write(1, 0, 0, 1), write(1, 1, 2, 9), read(2, 0, 3, 4), read(3, 1, 5, 6)]))).toBe(true);
  });

  it('an info write may take effect late', () => {
    // The write crashed at time 1 but a read at 10–11 sees it, after an earlier read saw null.
    expect(lin(hist([write(1, 5, 0, null), read(2, null, 2, 3), read(2, 5, 10, 11)]))).toBe(true);
  });

  it('an info write may never take effect', () => {
    expect(lin(hist([write(1, 5, 0, null), read(2, null, 2, 3), read(2, null, 10, 11)]))).toBe(true);
  });

  it('an info write takes effect at most once and not before it began', () => {
    expect(lin(hist([write(1, 5, 0, null), read(2, 5, 1, 2), write(3, 6, 3, 4), read(2, 5, 5, 6)]))).toBe(false);
    expect(lin(hist([read(2, 5, 0, 1), write(1, 5, 2, null)]))).toBe(false);
  });

  it('a failed write did not happen; a failed read is ignored', () => {
    expect(lin(hist([write(1, 3, 0, 1, 'fail'), read(2, 3, 2, 3)]))).toBe(false);
    expect(lin(hist([write(1, 3, 0, 1), read(2, 9, 2, 3, 'fail'), read(2, 3, 4, 5)]))).toBe(true);
  });

  it('a cas that succeeded swapped; one that failed saw another value', () => {
    expect(lin(hist([write(1, 1, 0, 1), cas(2, [1, 2], 2, 3), read(3, 2, 4, 5)]))).toBe(true);
    expect(lin(hist([write(1, 1, 0, 1), cas(2, [1, 2], 2, 3, 'fail')]))).toBe(false);
    expect(lin(hist([write(1, 1, 0, 1), cas(2, [3, 2], 2, 3, 'fail'), read(3, 1, 4, 5)]))).toBe(true);
    expect(lin(hist([write(1, 1, 0, 1), cas(2, [3, 2], 2, 3), read(3, 2, 4, 5)]))).toBe(false);
  });

  it('an info cas may swap later, or never', () => {
    expect(lin(hist([write(1, 1, 0, 1), cas(2, [1, 2], 2, null), read(3, 1, 3, 4), read(3, 2, 5, 6)]))).toBe(true);
    expect(lin(hist([write(1, 1, 0, 1), cas(2, [1, 2], 2, null), read(3, 2, 3, 4), read(3, 1, 5, 6)]))).toBe(false);
  });

  it('a failed cas of the initial value before any write is not linearizable', () => {
    expect(lin(hist([cas(1, [null, 1], 0, 1, 'fail'), write(2, 1, 2, 3)]))).toBe(false);
  });

  it('an empty history is linearizable', () => {
    expect(linearize(hist([]))).toEqual({ linearizable: true, order: [] });
  });
});

describe('witnesses and explanations', () => {
  it('returns an order that respects real time and the register', () => {
    const h = hist([write(1, 1, 0, 3), read(2, 1, 1, 2), write(3, 2, 4, 5), cas(1, [2, 3], 6, 8), read(2, 3, 7, 9)]);
    const r = linearize(h);
    if (r.linearizable !== true) throw new Error(r.explanation);
    const order = r.order.map((id) => h.ops[id]);
    expect(legal(h.initial, order)).toBe(true);
    expect(order.every((b, j) => order.slice(j + 1).every((a) => !before(a, b)))).toBe(true);
  });

  it('explains a stale read by naming the overwriting write', () => {
    const h = hist([write(3, 2, 0, 1), write(1, 3, 2, 3), read(2, 2, 4, 5)]);
    const r = linearize(h);
    expect(r).toMatchObject({ linearizable: false, blocked: 2, ops: [2, 1, 0] });
    if (r.linearizable) return;
    expect(r.explanation).toBe(
      'read by client 2 returned 2, but it began after write 3 by client 1 completed and no later write of 2 exists. ' +
        'The longest linearizable prefix found places 2 of 3 completed operations: write 2 by client 3, write 3 by client 1.',
    );
    expect(r.prefix).toEqual([0, 1]);
  });

  it('explains a read of the initial value after a write', () => {
    const r = checkLinearizable(hist([write(1, 1, 0, 1), read(2, null, 2, 3)]));
    expect(r).toEqual({
      holds: false,
      ops: [1, 0],
      explanation:
        'read by client 2 returned null (the initial value), but it began after write 1 by client 1 completed. ' +
        'The longest linearizable prefix found places 1 of 2 completed operations: write 1 by client 1.',
    });
  });

  it('explains reads of values never written, or only by failed writes, or from the future', () => {
    const never = linearize(hist([write(1, 1, 0, 1), read(2, 7, 2, 3)]));
    const failed = linearize(hist([write(1, 7, 0, 1, 'fail'), read(2, 7, 2, 3)]));
    const future = linearize(hist([read(2, 7, 0, 1), write(1, 7, 2, 3)]));
    expect(!never.linearizable && never.explanation).toMatch(/^read by client 2 returned 7, but no operation wrote 7\./);
    expect(!failed.linearizable && failed.explanation).toMatch(/^read by client 2 returned 7, but the only write of 7 \(write 7 by client 1\) failed, so it never took effect\./);
    expect(!future.linearizable && future.explanation).toMatch(/^read by client 2 returned 7, but it completed before the only write of 7 \(write 7 by client 1\) began\./);
  });

  it('explains a failed cas whose expected value the register must have held', () => {
    const r = linearize(hist([write(1, 1, 0, 1), cas(2, [1, 2], 2, 3, 'fail')]));
    expect(!r.linearizable && r.explanation).toMatch(
      /^cas 1→2 by client 2 failed, so the register did not hold 1, but it began after write 1 by client 1 completed and no other write could come in between\./,
    );
  });

  it('falls back to what the search saw, naming the times when the history has a clock', () => {
    // Each read alone is fine; together they see the two writes in opposite orders.
    const h = hist([write(1, 1, 0, 10), write(2, 2, 0, 10), read(3, 1, 1, 2), read(3, 2, 3, 4), read(4, 2, 5, 6), read(4, 1, 7, 8)]);
    const r = linearize({ ...h, clock: 'step' });
    expect(r.linearizable).toBe(false);
    if (r.linearizable) return;
    expect(r.explanation).toMatch(/^read by client 4 \(steps 7–8\) returned 1, but the register holds 2 wherever it could take effect\. The longest linearizable prefix found places 5 of 6 completed operations: write 1 by client 1, read by client 3, write 2 by client 2, read by client 3, read by client 4\.$/);
    expect(r.ops).toEqual([r.blocked]);
  });

  it('names a value nobody reads without inventing one', () => {
    const h = hist([write(1, 1, 0, 1), write(2, 8, 0, 1), cas(3, [1, 2], 2, 10), read(4, 2, 3, 4), read(4, 1, 5, 6)]);
    expect(lin(h)).toBe(false);
  });
});

/** A random small history: clients issue random operations with random outcomes and values. */
function randomEvents(seed: number): unknown[] {
  let rng = seed;
  const rand = (n: number) => {
    const r = nextRandom(rng);
    rng = r.state;
    return Math.floor(r.value * n);
  };
  const values: Value[] = [null, 1, 2, 3];
  const total = 3 + rand(5);
  const clients = 2 + rand(2);
  const pending = new Map<number, string>();
  const crashed = new Set<number>();
  const events: unknown[] = [];
  let invoked = 0, register: Value = null;
  for (let guard = 0; guard < 200 && (invoked < total || pending.size > 0); guard++) {
    const p = rand(clients);
    if (crashed.has(p)) continue;
    const f = pending.get(p);
    if (f === undefined) {
      if (invoked >= total) continue;
      const g = ['read', 'write', 'cas'][rand(3)];
      const value = g === 'read' ? null : g === 'write' ? 1 + rand(3) : [values[rand(4)], 1 + rand(3)];
      events.push({ process: p, type: 'invoke', f: g, value });
      pending.set(p, g);
      invoked++;
      if (g === 'write') register = value as Value;
    } else {
      const x = rand(20);
      const type = x < 14 ? 'ok' : x < 17 ? 'fail' : 'info';
      if (type === 'info' && rand(3) === 0) continue; // some stay pending to the end
      const value = f === 'read' && type === 'ok' ? (rand(2) ? register : values[rand(4)]) : null;
      events.push({ process: p, type, f, value });
      pending.delete(p);
      if (type === 'info') crashed.add(p);
      if (pending.size === 0 && invoked >= total) break;
    }
  }
  return events;
}

describe('agreement with the brute-force reference', () => {
  it('linearizability and sequential consistency agree on 3,000 seeded random histories of up to 7 operations', () => {
    let yes = 0, no = 0, sc = 0;
    for (let seed = 1; seed <= 3000; seed++) {
      const parsed = parseHistory({ model: 'cas-register', initial: null, events: randomEvents(seed) });
      if (!parsed.ok) throw new Error(`seed ${seed}: ${parsed.message}`);
      const h = parsed.history;
      const expected = bruteLinearizable(h);
      const got = linearize(h);
      expect(got.linearizable, `seed ${seed}`).toBe(expected);
      if (got.linearizable === true) {
        const order = got.order.map((id) => h.ops[id]);
        expect(legal(h.initial, order) && order.every((b, j) => order.slice(j + 1).every((a) => !before(a, b))), `witness, seed ${seed}`).toBe(true);
      }
      const seq = bruteSequential(h);
      expect(checkSequential(h).holds, `sequential, seed ${seed}`).toBe(seq);
      if (expected) yes++;
      else no++;
      if (seq && !expected) sc++;
    }
    // The generator must exercise both verdicts, and histories that are only sequentially consistent.
    expect(yes).toBeGreaterThan(600);
    expect(no).toBeGreaterThan(600);
    expect(sc).toBeGreaterThan(100);
  }, 60_000);
});

describe('a search budget', () => {
  it('never changes a verdict, only withholds one: on 1,000 seeded histories the answer is the unbounded one or unknown', () => {
    let unknown = 0;
    for (let seed = 1; seed <= 1000; seed++) {
      const parsed = parseHistory({ model: 'cas-register', initial: null, events: randomEvents(seed) });
      if (!parsed.ok) throw new Error(`seed ${seed}: ${parsed.message}`);
      const full = linearize(parsed.history).linearizable;
      const tight = linearize(parsed.history, { budget: 3 });
      if (tight.linearizable === 'unknown') {
        unknown++;
        expect(tight.explored, `seed ${seed}`).toBe(3);
        expect(tight.explanation).toMatch(/^unknown: the search tried 3 placements without deciding/);
      } else expect(tight.linearizable, `seed ${seed}`).toBe(full);
      expect(linearize(parsed.history, { budget: 1_000_000 }).linearizable, `seed ${seed}`).toBe(full);
    }
    expect(unknown).toBeGreaterThan(100);
  });

  it('does not hide what real time alone proves', () => {
    const h = hist([write('a', 1, 0, 1), read('b', null, 2, 3)]);
    const r = linearize(h, { budget: 1 });
    expect(r.linearizable).toBe(false);
  });
});

