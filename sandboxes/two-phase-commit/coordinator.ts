/**
 * The 2PC coordinator as an XState machine. It talks only by emitting effects (send, timer,
 * log append) for the kernel; it never calls a participant, and it keeps no clock: its vote
 * timeout is a kernel timer that fires when the reader (or the explorer) chooses.
 *
 * Protocol: Gray & Reuter 1993 §10.3; Bernstein, Hadzilacos & Goodman 1987 ch. 7 (the coordinator
 * forces its decision to the log before sending it: that is what makes the decision durable).
 * Presumed abort: Mohan, Lindsay & Obermarck 1986.
 */
import { and, enqueueActions, not, setup, assign } from 'xstate';
import type { NodeInput } from '../kernel/types.ts';
import { send, TX, type CoordinatorEvent, type Emitted } from './messages.ts';
import { hasRecord, loggedOutcome } from './store.ts';

/** What the coordinator keeps in memory (lost in a crash). */
export type CoordinatorContext = {
  participants: string[];
  presumedAbort: boolean;
  sendBeforeLog: boolean;
  /** Participants whose VOTE_COMMIT has arrived. */
  yes: string[];
  /** Participants whose ACK has arrived. */
  acks: string[];
  /** The outcome it has decided (or read back from its log), if any. */
  decision: 'commit' | 'abort' | null;
  /** Set from the log at boot; recovery routes on it. */
  recovering: boolean;
  logBegun: boolean;
  logOutcome: 'commit' | 'abort' | null;
  logEnded: boolean;
};

export const coordinator = setup({
  types: {
    context: {} as CoordinatorContext,
    events: {} as CoordinatorEvent,
    input: {} as NodeInput,
    emitted: {} as Emitted,
  },
  actions: {
    logBegin: enqueueActions(({ context, enqueue }) => {
      enqueue.emit({ type: 'store.append', record: { type: 'BEGIN', tx: TX, participants: context.participants } });
    }),
    sendPrepare: enqueueActions(({ context, enqueue }) => {
      for (const p of context.participants) enqueue.emit(send(p, 'PREPARE'));
    }),
    armVoteTimer: enqueueActions(({ enqueue }) => enqueue.emit({ type: 'timer.set', name: 'vote-timeout' })),
    clearVoteTimer: enqueueActions(({ enqueue }) => enqueue.emit({ type: 'timer.clear', name: 'vote-timeout' })),
    armLogFlush: enqueueActions(({ enqueue }) => enqueue.emit({ type: 'timer.set', name: 'log-flush' })),
    recordYes: assign({
      // Kept sorted: the order votes arrived in does not matter, and sorted sets let equal worlds merge.
      yes: ({ context, event }) => ('from' in event && !context.yes.includes(event.from) ? [...context.yes, event.from].sort() : context.yes),
    }),
    recordAck: assign({
      acks: ({ context, event }) => ('from' in event && !context.acks.includes(event.from) ? [...context.acks, event.from].sort() : context.acks),
    }),
    decideCommit: assign({ decision: 'commit' as const }),
    decideAbort: assign({ decision: 'abort' as const }),
    logCommit: enqueueActions(({ enqueue }) => enqueue.emit({ type: 'store.append', record: { type: 'COMMIT', tx: TX } })),
    logAbort: enqueueActions(({ enqueue }) => enqueue.emit({ type: 'store.append', record: { type: 'ABORT', tx: TX } })),
    logEnd: enqueueActions(({ enqueue }) => enqueue.emit({ type: 'store.append', record: { type: 'END', tx: TX } })),
    sendGlobalCommit: enqueueActions(({ context, enqueue }) => {
      for (const p of context.participants) enqueue.emit(send(p, 'GLOBAL_COMMIT'));
    }),
    sendGlobalAbort: enqueueActions(({ context, enqueue }) => {
      for (const p of context.participants) enqueue.emit(send(p, 'GLOBAL_ABORT'));
    }),
    replyCommit: enqueueActions(({ event, enqueue }) => {
      if ('from' in event) enqueue.emit(send(event.from, 'GLOBAL_COMMIT'));
    }),
    replyAbort: enqueueActions(({ event, enqueue }) => {
      if ('from' in event) enqueue.emit(send(event.from, 'GLOBAL_ABORT'));
    }),
  },
  guards: {
    recovering: ({ context }) => context.recovering,
    presumedAbort: ({ context }) => context.presumedAbort,
    sendBeforeLog: ({ context }) => context.sendBeforeLog,
    /** This VOTE_COMMIT completes the set of yes votes. */
    lastYes: ({ context, event }) =>
      'from' in event && context.participants.every((p) => p === event.from || context.yes.includes(p)),
    lastAck: ({ context, event }) =>
      'from' in event && context.participants.every((p) => p === event.from || context.acks.includes(p)),
    decidedCommit: ({ context }) => context.decision === 'commit',
    logEnded: ({ context }) => context.logEnded,
    logCommitted: ({ context }) => context.logOutcome === 'commit',
    logAborted: ({ context }) => context.logOutcome === 'abort',
    logBegun: ({ context }) => context.logBegun,
  },
}).createMachine({
  id: 'coordinator',
  context: ({ input }) => ({
    participants: input.peers.filter((p) => p.role === 'participant').map((p) => p.id),
    presumedAbort: input.config.flags.presumedAbort === true,
    sendBeforeLog: input.config.flags.sendBeforeLog === true,
    yes: [],
    acks: [],
    decision: input.recovering ? (loggedOutcome(input.store) ?? (hasRecord(input.store, 'END') ? 'abort' : null)) : null,
    recovering: input.recovering,
    logBegun: hasRecord(input.store, 'BEGIN'),
    logOutcome: loggedOutcome(input.store),
    logEnded: hasRecord(input.store, 'END'),
  }),
  initial: 'start',
  states: {
    // Transient: a fresh node goes to idle, a restarted one to recovering.
    start: {
      always: [{ guard: 'recovering', target: 'recovering' }, { target: 'idle' }],
    },
    idle: {
      on: {
        'request.begin': [
          // Presumed abort writes nothing before the decision: no record will mean abort.
          { guard: 'presumedAbort', target: 'collecting', actions: ['sendPrepare', 'armVoteTimer'] },
          // Standard 2PC logs BEGIN first so a recovering coordinator knows to abort and tell everyone.
          { target: 'collecting', actions: ['logBegin', 'sendPrepare', 'armVoteTimer'] },
        ],
        // No record of the transaction. Under presumed abort that means abort (R*, Mohan et al. 1986);
        // in standard 2PC BEGIN is logged before any PREPARE, so no participant can be asking.
        DECISION_REQUEST: { guard: 'presumedAbort', actions: 'replyAbort' },
      },
    },
    collecting: {
      on: {
        VOTE_COMMIT: [
          {
            // Force COMMIT to the log, then send: the decision survives a crash (BHG ch. 7).
            guard: and(['lastYes', not('sendBeforeLog')]),
            target: 'committing',
            actions: ['recordYes', 'decideCommit', 'clearVoteTimer', 'logCommit', 'sendGlobalCommit'],
          },
          {
            // UNSAFE (sendBeforeLog): send now, write COMMIT only when log-flush fires later.
            guard: 'lastYes',
            target: 'committing',
            actions: ['recordYes', 'decideCommit', 'clearVoteTimer', 'sendGlobalCommit', 'armLogFlush'],
          },
          { actions: 'recordYes' },
        ],
        VOTE_ABORT: [
          // Presumed abort: no ABORT record and no acks to wait for; forget at once.
          { guard: 'presumedAbort', target: 'ended', actions: ['decideAbort', 'clearVoteTimer', 'sendGlobalAbort'] },
          { target: 'aborting', actions: ['decideAbort', 'clearVoteTimer', 'logAbort', 'sendGlobalAbort'] },
        ],
        'timer.vote-timeout': [
          { guard: 'presumedAbort', target: 'ended', actions: ['decideAbort', 'sendGlobalAbort'] },
          { target: 'aborting', actions: ['decideAbort', 'logAbort', 'sendGlobalAbort'] },
        ],
        // Not decided yet: nothing to tell. The participant asks again when its timer fires.
      },
    },
    committing: {
      on: {
        ACK: [{ guard: 'lastAck', target: 'ended', actions: ['recordAck', 'logEnd'] }, { actions: 'recordAck' }],
        DECISION_REQUEST: { actions: 'replyCommit' },
        'timer.log-flush': { actions: 'logCommit' },
      },
    },
    aborting: {
      on: {
        ACK: [{ guard: 'lastAck', target: 'ended', actions: ['recordAck', 'logEnd'] }, { actions: 'recordAck' }],
        DECISION_REQUEST: { actions: 'replyAbort' },
      },
    },
    // Done with the transaction (all acks in, or aborted under presumed abort). Still answers.
    ended: {
      on: {
        DECISION_REQUEST: [{ guard: 'decidedCommit', actions: 'replyCommit' }, { actions: 'replyAbort' }],
        'timer.log-flush': { actions: 'logCommit' },
      },
    },
    // Restart after a crash: read the log and finish what it says (Gray & Reuter §10.3.4).
    recovering: {
      always: [
        { guard: 'logEnded', target: 'ended' },
        // COMMIT without END: some participants may not know; tell them all again, collect acks.
        { guard: 'logCommitted', target: 'committing', actions: 'sendGlobalCommit' },
        { guard: 'logAborted', target: 'aborting', actions: 'sendGlobalAbort' },
        // Standard: BEGIN but no decision: nobody can have committed, so abort and say so.
        { guard: 'logBegun', target: 'aborting', actions: ['decideAbort', 'logAbort', 'sendGlobalAbort'] },
        // Nothing logged: never began, or (presumed abort) undecided, which idle answers as abort.
        { target: 'idle' },
      ],
    },
  },
});
