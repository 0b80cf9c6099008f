/**
 * A 2PC participant as an XState machine. It talks only by emitting effects for the kernel, and
 * its timeouts (prepare-timeout before voting, decision-timeout while in doubt) are kernel timers.
 *
 * The rule that makes 2PC safe and blocking (Skeen 1981; BHG 1987 ch. 7): once a participant has
 * voted yes it must not decide alone; it waits (in doubt, holding its locks) for the coordinator.
 * Before voting it may abort unilaterally. Cooperative termination (asking other participants) is
 * out of scope here: an in-doubt participant only asks the coordinator, with DECISION_REQUEST.
 *
 * Log writes (R*, Mohan, Lindsay & Obermarck 1986): PREPARED and COMMIT are forced before the
 * message that depends on them leaves; ABORT is forced in standard 2PC and lazy under presumed
 * abort, where a lost ABORT only means asking again and being told abort.
 */
import { enqueueActions, setup } from 'xstate';
import type { NodeInput } from '../kernel/types.ts';
import { send, TX, type Emitted, type ParticipantEvent } from './messages.ts';
import { hasRecord, loggedOutcome, type AbortReason } from './store.ts';

/** What a participant keeps in memory (lost in a crash). */
export type ParticipantContext = {
  coordinator: string;
  /** The vote its local work leads to (read from its store at boot). */
  willVote: 'yes' | 'no';
  presumedAbort: boolean;
  voteWithoutLog: boolean;
  abortWhenInDoubt: boolean;
  ackBeforeForce: boolean;
  recovering: boolean;
  logOutcome: 'commit' | 'abort' | null;
  logPrepared: boolean;
};

export const participant = setup({
  types: {
    context: {} as ParticipantContext,
    events: {} as ParticipantEvent,
    input: {} as NodeInput,
    emitted: {} as Emitted,
  },
  actions: {
    armPrepareTimer: enqueueActions(({ enqueue }) => enqueue.emit({ type: 'timer.set', name: 'prepare-timeout' })),
    clearPrepareTimer: enqueueActions(({ enqueue }) => enqueue.emit({ type: 'timer.clear', name: 'prepare-timeout' })),
    armDecisionTimer: enqueueActions(({ enqueue }) => enqueue.emit({ type: 'timer.set', name: 'decision-timeout' })),
    clearDecisionTimer: enqueueActions(({ enqueue }) => enqueue.emit({ type: 'timer.clear', name: 'decision-timeout' })),
    logPrepared: enqueueActions(({ enqueue }) => enqueue.emit({ type: 'store.append', record: { type: 'PREPARED', tx: TX } })),
    // UNSAFE (ackBeforeForce): the COMMIT record waits in memory while the ACK goes out.
    logCommit: enqueueActions(({ context, enqueue }) =>
      enqueue.emit({ type: 'store.append', record: { type: 'COMMIT', tx: TX }, lazy: context.ackBeforeForce }),
    ),
    logAbort: enqueueActions(({ context, enqueue }, params: { reason: AbortReason }) =>
      enqueue.emit({ type: 'store.append', record: { type: 'ABORT', tx: TX, reason: params.reason }, lazy: context.presumedAbort }),
    ),
    voteCommit: enqueueActions(({ context, enqueue }) => enqueue.emit(send(context.coordinator, 'VOTE_COMMIT'))),
    voteAbort: enqueueActions(({ context, enqueue }) => enqueue.emit(send(context.coordinator, 'VOTE_ABORT'))),
    ack: enqueueActions(({ context, enqueue }) => enqueue.emit(send(context.coordinator, 'ACK'))),
    // Presumed abort: aborts are not acknowledged; the coordinator has already forgotten (R*).
    ackAbort: enqueueActions(({ context, enqueue }) => {
      if (!context.presumedAbort) enqueue.emit(send(context.coordinator, 'ACK'));
    }),
    askDecision: enqueueActions(({ context, enqueue }) => enqueue.emit(send(context.coordinator, 'DECISION_REQUEST'))),
  },
  guards: {
    recovering: ({ context }) => context.recovering,
    willVoteNo: ({ context }) => context.willVote === 'no',
    voteWithoutLog: ({ context }) => context.voteWithoutLog,
    abortWhenInDoubt: ({ context }) => context.abortWhenInDoubt,
    logCommitted: ({ context }) => context.logOutcome === 'commit',
    logAborted: ({ context }) => context.logOutcome === 'abort',
    logPrepared: ({ context }) => context.logPrepared,
  },
}).createMachine({
  id: 'participant',
  context: ({ input }) => {
    const store = input.store as { willVote?: string };
    return {
      coordinator: input.peers.find((p) => p.role === 'coordinator')?.id ?? 'c',
      willVote: store.willVote === 'no' ? 'no' : 'yes',
      presumedAbort: input.config.flags.presumedAbort === true,
      voteWithoutLog: input.config.flags.voteWithoutLog === true,
      abortWhenInDoubt: input.config.flags.abortWhenInDoubt === true,
      ackBeforeForce: input.config.flags.ackBeforeForce === true,
      recovering: input.recovering,
      logOutcome: loggedOutcome(input.store),
      logPrepared: hasRecord(input.store, 'PREPARED'),
    };
  },
  initial: 'start',
  states: {
    // Transient: a fresh node starts working, a restarted one reads its log.
    start: {
      always: [{ guard: 'recovering', target: 'recovering' }, { target: 'working' }],
    },
    // Doing the transaction's work; has not voted, so it may still abort on its own.
    working: {
      entry: 'armPrepareTimer',
      on: {
        PREPARE: [
          { guard: 'willVoteNo', target: 'aborted', actions: ['clearPrepareTimer', { type: 'logAbort', params: { reason: 'vote-no' } }, 'voteAbort'] },
          // UNSAFE (voteWithoutLog): the yes vote is not backed by a PREPARED record.
          { guard: 'voteWithoutLog', target: 'prepared', actions: ['clearPrepareTimer', 'voteCommit', 'armDecisionTimer'] },
          // Force PREPARED to the log, then vote: after a crash it still knows it promised.
          { target: 'prepared', actions: ['clearPrepareTimer', 'logPrepared', 'voteCommit', 'armDecisionTimer'] },
        ],
        'timer.prepare-timeout': { target: 'aborted', actions: { type: 'logAbort', params: { reason: 'prepare-timeout' } } },
        GLOBAL_ABORT: { target: 'aborted', actions: ['clearPrepareTimer', { type: 'logAbort', params: { reason: 'global' } }, 'ackAbort'] },
      },
    },
    // Voted yes: in doubt, holding locks, bound to obey the coordinator.
    prepared: {
      on: {
        GLOBAL_COMMIT: { target: 'committed', actions: ['clearDecisionTimer', 'logCommit', 'ack'] },
        GLOBAL_ABORT: { target: 'aborted', actions: ['clearDecisionTimer', { type: 'logAbort', params: { reason: 'global' } }, 'ackAbort'] },
        'timer.decision-timeout': [
          // UNSAFE (abortWhenInDoubt): breaks the promise made by voting yes.
          { guard: 'abortWhenInDoubt', target: 'aborted', actions: { type: 'logAbort', params: { reason: 'in-doubt-timeout' } } },
          // Blocked: ask again and keep waiting.
          { actions: ['askDecision', 'armDecisionTimer'] },
        ],
        // A duplicated PREPARE: repeat the vote.
        PREPARE: { actions: 'voteCommit' },
      },
    },
    committed: {
      on: {
        // The coordinator resends until every ACK is in; acknowledge again so it can finish.
        GLOBAL_COMMIT: { actions: 'ack' },
        // A GLOBAL_ABORT now can only answer an old DECISION_REQUEST from a coordinator that has
        // since forgotten T1 (no record means abort). The outcome is already decided: ignore it.
      },
    },
    aborted: {
      on: {
        // PREPARE after a unilateral abort: the answer is no.
        PREPARE: { actions: 'voteAbort' },
        GLOBAL_ABORT: { actions: 'ackAbort' },
      },
    },
    // Restart after a crash: the log decides (Gray & Reuter §10.3.4).
    recovering: {
      always: [
        { guard: 'logCommitted', target: 'committed' },
        { guard: 'logAborted', target: 'aborted' },
        // PREPARED and no outcome: in doubt again; ask the coordinator, keep the locks.
        { guard: 'logPrepared', target: 'prepared', actions: ['askDecision', 'armDecisionTimer'] },
        // No record: it never promised anything, so it aborts on its own.
        { target: 'aborted', actions: { type: 'logAbort', params: { reason: 'recovery' } } },
      ],
    },
  },
});
