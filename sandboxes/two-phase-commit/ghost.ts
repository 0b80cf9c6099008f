/**
 * Two-phase commit's ghost state: what each node actually did, as the kernel saw it happen, for the
 * invariants to judge. Derived from effects (a vote sent, an outcome written) and fired timers,
 * never from a node's memory or scenario data, so a machine that intends one thing and does
 * another is judged on what it did. Machines never read these records.
 *
 * A coordinator's GLOBAL_ABORT is not recorded as a decision: sent from no record of T1 it is the
 * presumption answering an inquiry, which may reach a participant that committed long ago and is
 * harmless there (it ignores it). Its abort decisions are its ABORT records, and under presumed
 * abort it writes none: the participants' own records then carry the outcome.
 */
import type { Protocol } from '../kernel/types.ts';

/** The ghost records, as shown in the player under "audit". */
export const GHOST = {
  votedYes: 'voted yes',
  votedNo: 'voted no',
  decidedCommit: 'decided commit',
  decidedAbort: 'decided abort',
} as const;

export const ghost: NonNullable<Protocol['ghost']> = (_node, role, cause) => {
  switch (cause.kind) {
    case 'timer':
      // Whether a timeout has fired is history the explorer follows itself (Invariant.viaFromStart);
      // recording it here would split every world in two for nothing.
      return null;
    case 'append': {
      const r = cause.record as { type?: string };
      if (r.type === 'COMMIT') return GHOST.decidedCommit;
      if (r.type === 'ABORT') return GHOST.decidedAbort;
      return null;
    }
    case 'send':
      if (role === 'participant') {
        if (cause.type === 'VOTE_COMMIT') return GHOST.votedYes;
        if (cause.type === 'VOTE_ABORT') return GHOST.votedNo;
        return null;
      }
      // Announcing commit is deciding it, logged or not (the unsafe send-before-log does this).
      return cause.type === 'GLOBAL_COMMIT' ? GHOST.decidedCommit : null;
  }
};
