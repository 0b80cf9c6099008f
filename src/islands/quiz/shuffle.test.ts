import { describe, expect, it } from 'vitest';
import { hashString, initialOrder, seededShuffle } from './shuffle.ts';

describe('seeded shuffle', () => {
  it('is deterministic per seed and a permutation', () => {
    const items = Array.from({ length: 10 }, (_, i) => i);
    const a = seededShuffle(items, 'cap-question');
    expect(seededShuffle(items, 'cap-question')).toEqual(a);
    expect([...a].sort((x, y) => x - y)).toEqual(items);
    expect(items).toEqual(Array.from({ length: 10 }, (_, i) => i));
    expect(seededShuffle(items, 'another-question')).not.toEqual(a);
  });

  it('hashes known strings to fixed values (FNV-1a)', () => {
    expect(hashString('')).toBe(0x811c9dc5);
    expect(hashString('a')).toBe(0xe40c292c);
  });

  it('never starts an ordering question already solved', () => {
    for (let n = 2; n <= 6; n++) {
      for (let k = 0; k < 200; k++) {
        const order = initialOrder(`q-${k}`, n);
        expect([...order].sort()).toEqual(Array.from({ length: n }, (_, i) => i));
        expect(order.every((v, i) => v === i)).toBe(false);
      }
    }
  });
});
