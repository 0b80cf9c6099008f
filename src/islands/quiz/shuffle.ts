/**
 * Deterministic shuffling for quiz rounds. Every round has a seed (drawn fresh when the round
 * starts, saved with the round), and everything shown in a shuffled order is derived from that
 * seed and the question id: the same round always shows the same option order and the same
 * starting arrangement of an ordering question, so a resumed round looks exactly as it was left,
 * while a new round looks different. Not for anything secret: the generator is small and
 * predictable by design. Pure.
 */

/** FNV-1a, 32 bits: a fast, well-spread hash of a short string. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: numbers in [0, 1) from a 32-bit seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffleWith<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** A Fisher–Yates shuffle of a copy of `items`, seeded by `seed`. */
export function seededShuffle<T>(items: readonly T[], seed: string): T[] {
  return shuffleWith(items, seededRandom(hashString(seed)));
}

const range = (count: number) => Array.from({ length: count }, (_, i) => i);

/**
 * The order a round shows a question's options in: `order[position]` is the index of the option
 * (in the bank) shown at that position. Responses, grades and saved answers always use bank
 * indices; only the view reads this.
 */
export function optionOrder(roundSeed: string, questionId: string, count: number): number[] {
  return seededShuffle(range(count), `${roundSeed}|${questionId}|options`);
}

/**
 * The starting arrangement of an ordering question's items in a round, as indices into the
 * authored (correct) order: a derangement, so no item starts in its own place (possible for two
 * items or more). Drawn uniformly among derangements by rejection (about e tries on average);
 * should the draws run out, a rotation by one place, also a derangement, is used.
 */
export function initialOrder(roundSeed: string, questionId: string, count: number): number[] {
  const items = range(count);
  if (count < 2) return items;
  const random = seededRandom(hashString(`${roundSeed}|${questionId}|items`));
  for (let tries = 0; tries < 64; tries++) {
    const order = shuffleWith(items, random);
    if (order.every((v, i) => v !== i)) return order;
  }
  return [...items.slice(1), items[0]];
}

/**
 * A fresh round seed: eight hex digits from the browser's random source (or Math.random where
 * there is none). The only impure function here; everything else takes the seed as data.
 */
export function freshSeed(): string {
  const n = globalThis.crypto?.getRandomValues ? globalThis.crypto.getRandomValues(new Uint32Array(1))[0] : Math.floor(Math.random() * 2 ** 32);
  return n.toString(16).padStart(8, '0');
}
