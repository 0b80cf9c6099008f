/**
 * Reading a two-phase commit world for words and checks: a node's current state, the participant
 * ids, and a list in prose. Shared by invariants, narration and the outcome line. Pure.
 */
import type { NodeRecord, World } from '../kernel/types.ts';

/** The node's machine state, or null while it is down. */
export function stateOf(n: NodeRecord | undefined): string | null {
  const s = n?.snapshot as { value?: unknown } | null | undefined;
  return n?.up && s && typeof s.value === 'string' ? s.value : null;
}

/** Participant ids, in world order. */
export function participantIds(world: World): string[] {
  return Object.keys(world.nodes).filter((id) => world.nodes[id].role === 'participant');
}

/** "p1", "p1 and p2", "p1, p2 and p3". */
export function list(items: string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
