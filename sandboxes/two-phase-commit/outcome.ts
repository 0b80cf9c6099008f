/**
 * How a two-phase commit run ended, in one line for the player, once every participant has
 * decided (the coordinator may still be collecting ACKs; it can no longer change the outcome).
 * Null while some participant is undecided.
 */
import type { Protocol, World } from '../kernel/types.ts';
import { list, participantIds, stateOf } from './read.ts';

export const outcome: NonNullable<Protocol['outcome']> = (world: World) => {
  const ps = participantIds(world);
  const state = (id: string) => stateOf(world.nodes[id]);
  if (!ps.every((p) => state(p) === 'committed' || state(p) === 'aborted')) return null;
  const committed = ps.filter((p) => state(p) === 'committed');
  if (committed.length === ps.length) return `T1 committed on all ${ps.length}`;
  if (committed.length === 0) return `T1 aborted on all ${ps.length}`;
  const aborted = ps.filter((p) => state(p) === 'aborted');
  return `T1 split: ${list(committed)} committed and ${list(aborted)} aborted`;
};
