/**
 * Which messages of the replicated register can no longer matter (`Protocol.obsolete`): their
 * receiver would ignore them on arrival, sending nothing, and will go on ignoring them whatever
 * happens first. The kernel then lets timers fire past them and the explorer stops telling worlds
 * apart by them (kernel/obsolete.ts), which is most of what makes the single-leader scenarios
 * small enough to explore whole.
 *
 * Each rule rests on something that only grows: a replica's term (kept in its register across a
 * crash, so a sender's term is read there even while it is down; Raft's currentTerm, Ongaro & Ousterhout 2014 §5.1), the terms anyone reaches (MAX_TERM),
 * and a client's operation numbers. Leaderless replicas get no rules: their replies are matched to
 * operations that a repeated request could open again. `obsolete.test.ts` checks every rule on
 * every world the scenarios reach. Must only read the nodes' states and the message, never the
 * other messages in flight.
 */
import type { Message, World } from '../kernel/types.ts';
import { MAX_TERM, registerOf } from './logic.ts';
import { clientCtx, replicaCtx, stateOf } from './read.ts';

const LATE_ANSWERS = ['WRITE_OK', 'READ_OK', 'NOT_LEADER', 'SESSION_LOST'];

export function obsolete(m: Message, world: World): boolean {
  const to = world.nodes[m.to];
  if (!to?.up) return false;
  const p = m.payload as { term?: number; op?: number };
  if (to.role === 'client') {
    // An answer to an operation that is no longer the one in flight: operation numbers only grow.
    const c = clientCtx(to);
    return !!c && LATE_ANSWERS.includes(m.type) && typeof p.op === 'number' && p.op <= c.n && c.current?.n !== p.op;
  }
  const c = replicaCtx(to);
  if (!c || c.design.leaderless || typeof p.term !== 'number') return false;
  const role = stateOf(to);
  switch (m.type) {
    // News of a term it has already reached.
    case 'STALE_TERM':
      return p.term <= c.term;
    // A vote for a term it left, or one it no longer counts: only a candidate counts votes, and no
    // replica is a candidate twice in one term (standing moves a follower to the next term).
    case 'VOTE':
      return p.term < c.term || (p.term === c.term && (role !== 'candidate' || c.votes.includes(m.from)));
    // A follower's answer to a leader of an older term, or of this term when the receiver only
    // follows in it (a replica leads a term only after standing for it as a candidate).
    case 'APPEND_OK':
    case 'CONFIRM_OK':
      return p.term < c.term || (p.term === c.term && role === 'follower');
    // A leader's message from a term the receiver has left, when the STALE_TERM it would answer
    // with is itself news to no one: both are already in the last term anyone reaches.
    case 'APPEND':
    case 'CONFIRM':
      return p.term < c.term && c.term === MAX_TERM && registerOf(world.nodes[m.from]?.store ?? null).term === MAX_TERM;
    // A candidate asking again for the last term anyone reaches, of a replica already in it: the
    // replica ignores a request for its own term, and its term can grow no further.
    case 'REQUEST_VOTE':
      return p.term === c.term && c.term === MAX_TERM;
    default:
      return false;
  }
}
