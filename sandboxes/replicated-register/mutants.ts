/**
 * Deliberately broken replicated-register machines. Each is the real replica with one named guard
 * swapped (`provide`): the guards are logic.ts's named decisions (`Rules`), which the replica's
 * actions ask of the machine (none decides a change of role: the routing guards such as
 * `candidateToLeader` read the real rules). Each names where the explorer must catch it, and
 * mutants.test.ts explores each there and expects that invariant to break, so every invariant
 * here has at least one bug it is known to catch. Never shown to readers; the unsafe choice they can make is the
 * flag `leaderReadsWithoutConfirm` in design.ts.
 *
 * Some mutants break more than the invariant they name (skipping read repair also breaks sequential
 * consistency and monotonic reads); mutants.test.ts checks those too. `monotonic-writes` is judged
 * against the versions the replicas stamp (invariants.ts), so a replica that stamps a client's
 * second write below its first breaks it (`stamps-below-quorum`, in `lww-two-writes` with quorums).
 */
import type { Mutant } from '../kernel/types.ts';
import { replica } from './replica.ts';
import { cmp } from './version.ts';

export const mutants: Mutant[] = [
  {
    name: 'ack-before-majority',
    description: 'The leader counts a write as committed, and acknowledges it, as soon as it holds it itself, before a majority does: a failover can elect a replica without it.',
    machines: { replica: replica.provide({ guards: { majorityHolds: () => true } }) },
    caughtBy: { scenario: 'leader-sync', invariant: 'no-lost-acked-write' },
  },
  {
    name: 'reads-without-confirming',
    description: 'The leader answers a read from its own copy without first asking a majority whether it still leads.',
    machines: { replica: replica.provide({ guards: { confirmsReads: () => false } }) },
    caughtBy: { scenario: 'leader-sync', invariant: 'linearizable' },
  },
  {
    name: 'skips-read-repair',
    description: 'The read coordinator answers with the newest value it heard without writing it back first, though read repair is on.',
    machines: { replica: replica.provide({ guards: { repairsReads: () => false } }) },
    caughtBy: { scenario: 'quorum', flags: { readRepair: true }, invariant: 'linearizable' },
  },
  {
    name: 'lww-keeps-older',
    description: 'Last-writer-wins compares timestamps the wrong way round: a replica keeps the older version and ignores newer ones.',
    machines: { replica: replica.provide({ guards: { lwwNewer: (_: unknown, p: { incoming: [number, number]; held: [number, number] }) => cmp(p.incoming, p.held) < 0 } }) },
    caughtBy: { scenario: 'lww', invariant: 'convergence' },
  },
  {
    name: 'ignores-session-token',
    description: 'A follower behind the client’s session token answers the read from its stale copy instead of holding it.',
    machines: { replica: replica.provide({ guards: { honoursSession: () => false } }) },
    caughtBy: { scenario: 'session', invariant: 'read-your-writes' },
  },
  {
    name: 'never-answers-writes',
    description: 'A coordinator never counts its write quorum as met, even with W = 1, so it holds the client’s write without answering.',
    machines: { replica: replica.provide({ guards: { writeQuorum: () => false } }) },
    caughtBy: { scenario: 'lww', invariant: 'availability' },
  },
  {
    name: 'stamps-below-quorum',
    description:
      'A write’s coordinator stamps it above its own copy only, ignoring the newer version its read quorum reported: a client’s second write, sent to a replica that has not yet heard of its first, gets the lower stamp.',
    machines: { replica: replica.provide({ guards: { stampsAboveQuorum: () => false } }) },
    caughtBy: { scenario: 'lww-two-writes', params: { w: 2, r: 2 }, invariant: 'monotonic-writes' },
  },
  {
    name: 'anti-entropy-stops-early',
    description: 'A replica pushes its value to the others once on its replicate timer, then stops whether or not they acknowledged.',
    machines: { replica: replica.provide({ guards: { keepsPushing: () => false } }) },
    caughtBy: { scenario: 'lww', invariant: 'convergence' },
  },
];
