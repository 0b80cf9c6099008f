/**
 * How a two-phase commit run ended, in one line for the player, once every participant has
 * decided (the coordinator may still be collecting ACKs; it can no longer change the outcome).
 * Null while some participant is undecided.
 */
import type { Protocol, World } from '../kernel/types.ts';

export const outcome: NonNullable<Protocol['outcome']> = (world: World) => {
  const ps = Object.keys(world.nodes).filter((id) => world.nodes[id].role === 'participant');
  const state = (id: string) => {
    const n = world.nodes[id];
    const s = n.snapshot as { value?: unknown } | null;
    return n.up && s && typeof s.value === 'string' ? s.value : null;
  };
  if (!ps.every((p) => state(p) === 'committed' || state(p) === 'aborted')) return null;
  const committed = ps.filter((p) => state(p) === 'committed');
  if (committed.length === ps.length) return `T1 committed on all ${ps.length}`;
  if (committed.length === 0) return `T1 aborted on all ${ps.length}`;
  const aborted = ps.filter((p) => state(p) === 'aborted');
  const names = (xs: string[]) => (xs.length <= 1 ? xs.join('') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`);
  return `T1 split: ${names(committed)} committed and ${names(aborted)} aborted`;
};
