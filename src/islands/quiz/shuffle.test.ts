import { describe, expect, it } from 'vitest';
import { freshSeed, hashString, initialOrder, optionOrder, seededShuffle } from './shuffle.ts';

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('seeded shuffle', () => {
  it('is deterministic per seed and a permutation', () => {
    const items = range(10);
    const a = seededShuffle(items, 'cap-question');
    expect(seededShuffle(items, 'cap-question')).toEqual(a);
    expect([...a].sort((x, y) => x - y)).toEqual(items);
    expect(items).toEqual(range(10));
    expect(seededShuffle(items, 'another-question')).not.toEqual(a);
  });

  it('hashes known strings to fixed values (FNV-1a)', () => {
    expect(hashString('')).toBe(0x811c9dc5);
    expect(hashString('a')).toBe(0xe40c292c);
  });
});

describe('option order per round', () => {
  it('is stable for a round and question, and a permutation of the options', () => {
    expect(optionOrder('r1', 'q', 4)).toEqual(optionOrder('r1', 'q', 4));
    expect([...optionOrder('r1', 'q', 4)].sort()).toEqual(range(4));
  });

  it('changes between rounds, and puts the first option anywhere about equally often', () => {
    const firstAt = [0, 0, 0, 0];
    for (let r = 0; r < 4000; r++) firstAt[optionOrder(`round-${r}`, 'q', 4).indexOf(0)]++;
    // Each position holds option 0 about a quarter of the time (1000 expected; 5 sigma is about 140).
    for (const n of firstAt) expect(Math.abs(n - 1000)).toBeLessThan(150);
    const orders = new Set(range(50).map((r) => optionOrder(`round-${r}`, 'q', 4).join(',')));
    expect(orders.size).toBeGreaterThan(15);
  });

  it('differs between questions of the same round', () => {
    const orders = new Set(range(20).map((q) => optionOrder('r1', `q-${q}`, 4).join(',')));
    expect(orders.size).toBeGreaterThan(5);
  });
});

describe('ordering questions start deranged', () => {
  it('never puts an item in its own place (two items or more), and is stable for a round', () => {
    for (let n = 2; n <= 7; n++) {
      for (let k = 0; k < 200; k++) {
        const order = initialOrder(`round-${k}`, 'q', n);
        expect([...order].sort()).toEqual(range(n));
        expect(order.some((v, i) => v === i)).toBe(false);
        expect(initialOrder(`round-${k}`, 'q', n)).toEqual(order);
      }
    }
    expect(initialOrder('r', 'q', 1)).toEqual([0]);
    expect(initialOrder('r', 'q', 0)).toEqual([]);
  });

  it('varies between rounds', () => {
    const orders = new Set(range(40).map((k) => initialOrder(`round-${k}`, 'q', 5).join(',')));
    expect(orders.size).toBeGreaterThan(10);
  });
});

describe('fresh seeds', () => {
  it('are eight hex digits and differ', () => {
    const seeds = new Set(range(20).map(() => freshSeed()));
    for (const s of seeds) expect(s).toMatch(/^[0-9a-f]{8}$/);
    expect(seeds.size).toBeGreaterThan(15);
  });
});
