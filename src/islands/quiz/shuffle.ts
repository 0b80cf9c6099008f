/**
 * Deterministic shuffling: the same seed (a question id) always gives the same order, so the
 * server-rendered HTML and the hydrated island agree, and a reader sees the same puzzle on
 * every visit. Not for anything secret: the generator is small and predictable by design. Pure.
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

/** A Fisher–Yates shuffle of a copy of `items`, seeded by `seed`. */
export function seededShuffle<T>(items: readonly T[], seed: string): T[] {
  const out = [...items];
  const random = seededRandom(hashString(seed));
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/**
 * The starting order of an ordering question's items, as indices into the authored (correct)
 * order. Never already correct: a solved puzzle would teach nothing, so that case is rotated.
 */
export function initialOrder(questionId: string, count: number): number[] {
  const order = seededShuffle(
    Array.from({ length: count }, (_, i) => i),
    questionId,
  );
  return order.every((v, i) => v === i) ? [...order.slice(1), order[0]] : order;
}
