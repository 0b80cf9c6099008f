/**
 * Roving focus for a vertical list of buttons: the list is one tab stop, and the arrow keys
 * (Up and Down; Left and Right belong to the player's step shortcuts) move between its items.
 * Pure helpers plus a tiny key handler; the component keeps the active index in state.
 */

/** The index focus should move to for a key, or null when the key is not the list's. */
export function rovingMove(key: string, index: number, count: number): number | null {
  if (count === 0) return null;
  if (key === 'ArrowDown') return (index + 1) % count;
  if (key === 'ArrowUp') return (index - 1 + count) % count;
  return null;
}

/** The active index kept inside the list when it shrinks or grows (a step changes what can happen). */
export function clampActive(index: number, count: number): number {
  return count === 0 ? 0 : Math.min(Math.max(index, 0), count - 1);
}
