/**
 * Which review cards are due: counts and order for "Review: 3 due", the review session and the
 * progress dashboard. Reads only the saved due instants, so it needs no scheduler and may ship on
 * any page (it must not import `review.ts`, which carries `ts-fsrs`). Pure: `now` is passed in.
 */
import type { ProgressRecord } from '../schemas/progress.ts';

/**
 * Keys of the cards due at `now`, most overdue first (ties by key, so the order is stable).
 * `known`, when given, keeps only questions the site still has: a card for a removed question is
 * kept in the record but never counted or asked.
 */
export function dueKeys(record: ProgressRecord, now: Date, known?: ReadonlySet<string>): string[] {
  const t = now.getTime();
  return Object.entries(record.cards)
    .map(([key, card]) => ({ key, due: Date.parse(card.due) }))
    .filter(({ key, due }) => due <= t && (!known || known.has(key)))
    .sort((a, b) => a.due - b.due || a.key.localeCompare(b.key))
    .map(({ key }) => key);
}

export function dueCount(record: ProgressRecord, now: Date, known?: ReadonlySet<string>): number {
  return dueKeys(record, now, known).length;
}

/** "Review: 1 due", "Review: 7 due"; null when nothing is due, so callers show nothing. */
export function dueLabel(count: number): string | null {
  return count > 0 ? `Review: ${count} due` : null;
}

/** When the next card falls due after `now`, or null if none will (no cards, or all due already). */
export function nextDue(record: ProgressRecord, now: Date, known?: ReadonlySet<string>): string | null {
  const t = now.getTime();
  let best: { at: string; t: number } | null = null;
  for (const [key, card] of Object.entries(record.cards)) {
    const due = Date.parse(card.due);
    if (due > t && (!known || known.has(key)) && (!best || due < best.t)) best = { at: card.due, t: due };
  }
  return best?.at ?? null;
}
