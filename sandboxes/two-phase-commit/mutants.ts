/**
 * Deliberately broken two-phase commit machines. Each is the real machine with one named guard or
 * action swapped (`provide`), and names where the explorer must catch it: the test in
 * two-phase-commit.test.ts explores each and expects its invariant to break, so every invariant
 * here has at least one bug it is known to catch. Never shown to readers; their unsafe choices
 * are the flags in flags.ts.
 */
import { enqueueActions } from 'xstate';
import type { Mutant } from '../kernel/types.ts';
import { coordinator } from './coordinator.ts';
import { participant } from './participant.ts';
import { TX } from './messages.ts';

/** An action that does nothing: the mutant leaves out what the real action did. */
const nothing = () => {};

export const mutants: Mutant[] = [
  {
    name: 'commit-on-first-yes',
    description: 'The coordinator decides commit on the first VOTE_COMMIT, before the others have voted.',
    machines: { coordinator: coordinator.provide({ guards: { lastYes: () => true } }) },
    caughtBy: { scenario: 'all-vote-yes', invariant: 'validity' },
  },
  {
    name: 'never-commits',
    description: 'The coordinator never counts the last yes vote, so only its vote-timeout ends the wait: it always aborts.',
    machines: { coordinator: coordinator.provide({ guards: { lastYes: () => false } }) },
    caughtBy: { scenario: 'all-vote-yes', invariant: 'non-triviality' },
  },
  {
    name: 'ignores-decision-requests',
    description: 'The coordinator never answers DECISION_REQUEST, so a participant whose decision was lost stays in doubt.',
    machines: { coordinator: coordinator.provide({ actions: { replyCommit: nothing, replyAbort: nothing } }) },
    caughtBy: { scenario: 'one-votes-no', flags: { presumedAbort: true }, invariant: 'termination' },
  },
  {
    name: 'never-resends',
    description: 'The coordinator never arms its ack-timeout, so a lost ACK leaves it waiting forever.',
    machines: { coordinator: coordinator.provide({ actions: { armAckTimer: nothing } }) },
    caughtBy: { scenario: 'coordinator-crash-after-commit', invariant: 'termination' },
  },
  {
    name: 'forgets-commit-on-recovery',
    description: 'A recovering coordinator ignores the COMMIT record in its log and behaves as if it had none.',
    machines: { coordinator: coordinator.provide({ guards: { logCommitted: () => false } }) },
    caughtBy: { scenario: 'coordinator-crash-after-commit', invariant: 'atomicity' },
  },
  {
    name: 'commits-on-prepare',
    description: 'A participant writes COMMIT instead of PREPARED when asked to prepare: it commits before anyone has decided.',
    machines: {
      participant: participant.provide({
        actions: { logPrepared: enqueueActions(({ enqueue }) => enqueue.emit({ type: 'store.append', record: { type: 'COMMIT', tx: TX } })) },
      }),
    },
    caughtBy: { scenario: 'one-votes-no', invariant: 'validity' },
  },
  {
    name: 'forgets-prepared-on-recovery',
    description: 'A recovering participant ignores its PREPARED record and aborts on its own.',
    machines: { participant: participant.provide({ guards: { logPrepared: () => false } }) },
    caughtBy: { scenario: 'participant-crash-while-prepared', invariant: 'atomicity' },
  },
  {
    name: 'never-acks-abort',
    description: 'A participant never acknowledges GLOBAL_ABORT, so the coordinator of standard 2PC can never finish.',
    machines: { participant: participant.provide({ actions: { ackAbort: nothing } }) },
    caughtBy: { scenario: 'one-votes-no', invariant: 'termination' },
  },
  {
    name: 'lazy-commit-record',
    description: 'A participant writes COMMIT without forcing it, then acknowledges; a crash can take the record back after the coordinator forgot T1.',
    machines: {
      participant: participant.provide({
        actions: { logCommit: enqueueActions(({ enqueue }) => enqueue.emit({ type: 'store.append', record: { type: 'COMMIT', tx: TX }, lazy: true })) },
      }),
    },
    caughtBy: { scenario: 'coordinator-crash-after-commit', invariant: 'decisions-final' },
  },
];
