/**
 * What the player shows of a node's memory: each saga's status and step in the literature's
 * words (compensatable, pivot, compensating), and a participant's reservations. Pure.
 */
import type { Json } from '../kernel/types.ts';

const STEP_WORDS: Record<string, string> = {
  credit: 'reserving credit (compensatable step)',
  stock: 'reserving stock (the pivot)',
  compensate: 'compensating: releasing credit',
  done: 'ended',
};

export function memory(role: string, context: Json): Json {
  const c = context as { [k: string]: Json };
  if (role === 'order') {
    const sagas = (c.sagas ?? {}) as { [o: string]: { status: string; step: string } };
    return Object.fromEntries(Object.entries(sagas).map(([o, s]) => [o, `${s.status}, ${STEP_WORDS[s.step] ?? s.step}`]));
  }
  return { held: c.held, outcome: c.outcome, closed: c.closed };
}
