/**
 * The timing assumption of this protocol's scenarios, as `Protocol.timerBlocked`: a follower's
 * election timeout outlasts the leader's heartbeats, so it fires only when the leader it follows
 * is down, no longer leads, or is cut off from it (or it follows nobody); a candidate asks again, and a replica sends
 * its APPENDs or STOREs again on its `replicate` timer, only once the earlier ones are answered or
 * lost (a retransmission timeout outlasts the round trip; the kernel hands it the world without
 * obsolete messages, obsolete.ts). The kernel applies it only to
 * `after-delivery` scenarios, whose text states it; in the default timing a timeout still cannot
 * tell slow from lost.
 *
 * Why: without heartbeats in the model, a follower could time out while its leader is healthy
 * and reachable, and every such premature election multiplies the runs without teaching anything
 * a partition does not (Raft §5.2 sizes the election timeout well above the heartbeat interval for
 * this reason, Ongaro & Ousterhout 2014). Must only read the world.
 */
import type { Timer, World } from '../kernel/types.ts';
import { reachable } from '../kernel/world.ts';
import { replicaCtx, stateOf } from './read.ts';

/** What a timer sends again, by name: it waits while one of those is still on its way. */
const RESENDS: Record<string, string[]> = { election: ['REQUEST_VOTE'], replicate: ['APPEND', 'STORE'] };

export function timerBlocked(timer: Timer, world: World): string | null {
  const resent = world.inFlight.find((m) => m.from === timer.node && RESENDS[timer.name]?.includes(m.type));
  if (resent) return `${timer.node}'s ${resent.type} to ${resent.to} is still on its way`;
  if (timer.name !== 'election') return null;
  const ctx = replicaCtx(world.nodes[timer.node]);
  if (!ctx) return null;
  if (stateOf(world.nodes[timer.node]) === 'candidate') return null;
  const leader = ctx.leader;
  if (leader === null || leader === timer.node) return null;
  // Heartbeats come only from a replica that still leads (a restarted one rejoins as a follower
  // and sends none) and only across a whole network.
  const theirs = replicaCtx(world.nodes[leader]);
  if (!theirs || stateOf(world.nodes[leader]) !== 'leader' || theirs.term !== ctx.term) return null;
  if (!reachable(world, leader, timer.node)) return null;
  return `${leader} is up and reachable, so its heartbeats keep ${timer.node}'s election timer from firing`;
}
