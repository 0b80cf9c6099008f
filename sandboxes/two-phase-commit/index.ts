/**
 * Two-phase commit as a Protocol: the only import point for this folder.
 *
 * Nodes: coordinator `c` and participants `p1`…`pN`. Scenario data `voteNo` lists participants
 * whose local work fails (they will vote VOTE_ABORT). The client request `begin` goes to `c`.
 */
import { createWorld } from '../kernel/world.ts';
import type { Config, FaultBudget, Json, Protocol } from '../kernel/types.ts';
import { coordinator } from './coordinator.ts';
import { participant } from './participant.ts';
import { flags } from './flags.ts';
import { invariants } from './invariants.ts';
import { ghost } from './ghost.ts';
import { narrate } from './narrate.ts';
import { outcome } from './outcome.ts';
import { scenarios } from './scenarios.ts';

function init(config: Config, budget: FaultBudget, data?: { [key: string]: Json }): ReturnType<Protocol['init']> {
  const voteNo = Array.isArray(data?.voteNo) ? (data.voteNo as string[]) : [];
  const nodes = [
    { id: 'c', role: 'coordinator', store: { log: [] } },
    ...Array.from({ length: config.size }, (_, i) => {
      const id = `p${i + 1}`;
      return { id, role: 'participant', store: { log: [], willVote: voteNo.includes(id) ? 'no' : 'yes' } };
    }),
  ];
  return createWorld({ coordinator, participant }, config, budget, nodes, ['begin'], ghost);
}

/**
 * Interchangeable participants: those with the same scenario data (the ones that will vote no, and
 * the others). Invariants only ask "some participant…", and the coordinator keeps participants,
 * yes votes and acks as sorted sets, so renaming participants within a group renames the run.
 */
function symmetry(config: Config, data?: { [key: string]: Json }): string[][] {
  const voteNo = Array.isArray(data?.voteNo) ? (data.voteNo as string[]) : [];
  const ids = Array.from({ length: config.size }, (_, i) => `p${i + 1}`);
  return [ids.filter((id) => !voteNo.includes(id)), ids.filter((id) => voteNo.includes(id))];
}

/** Show what a reader can reason about; hide flags and boot-time log summaries. */
function memory(role: string, context: Json): Json {
  const c = context as { [k: string]: Json };
  if (role === 'coordinator') return { yesVotes: c.yes, acks: c.acks, decision: c.decision };
  return { willVote: c.willVote };
}

export const twoPhaseCommit: Protocol = {
  id: 'two-phase-commit',
  title: 'Two-phase commit',
  machines: { coordinator, participant },
  flags,
  sizes: { min: 2, max: 5, default: 3 },
  invariants,
  scenarios,
  init,
  requestTarget: () => 'c',
  topology: { kind: 'star', hub: 'c' },
  ghost,
  narrate,
  outcome,
  symmetry,
  memory,
  // Guards that only read a flag (see coordinator.ts and participant.ts): the state diagram drops
  // the edges a variant forbids.
  flagGuards: {
    presumedAbort: 'presumedAbort',
    sendBeforeLog: 'sendBeforeLog',
    voteWithoutLog: 'voteWithoutLog',
    abortWhenInDoubt: 'abortWhenInDoubt',
  },
  // Under presumed abort the coordinator's abort path writes nothing (Mohan, Lindsay & Obermarck
  // 1986), so no log of its holds ABORT; a participant still writes ABORT (lazily).
  guardsOffWhen: { coordinator: { logAborted: 'presumedAbort' } },
  guardLabels: {
    logEnded: 'log has END',
    logCommitted: 'log has COMMIT',
    logAborted: 'log has ABORT',
    logPrepared: 'log has PREPARED',
    lastYes: 'last yes vote',
    lastAck: 'last ACK',
    willVoteNo: 'its work failed',
  },
  // The lessons' names (Gray & Reuter; Bernstein, Hadzilacos & Goodman).
  stateNames: {
    coordinator: { idle: 'INIT', collecting: 'WAIT', committing: 'COMMIT', aborting: 'ABORT', ended: 'forgotten (after END)' },
    participant: { working: 'INIT', prepared: 'READY', committed: 'COMMIT', aborted: 'ABORT' },
  },
};

export default twoPhaseCommit;
export { coordinator, participant };
