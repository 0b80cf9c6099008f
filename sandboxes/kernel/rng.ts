/**
 * Seeded pseudo-random numbers as data (mulberry32): the state is a number kept in World.rng.
 *
 * There is no Math.random anywhere in sandboxes/: the same seed always gives the same run.
 */

/** One mulberry32 step: returns the next state and a float in [0, 1). */
export function nextRandom(state: number): { state: number; value: number } {
  const s = (state + 0x6d2b79f5) | 0;
  let t = s;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  const value = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  return { state: s, value };
}
