/**
 * The 2PC coordinator as an XState machine. It talks only by emitting effects (send, timer,
 * log append) for the kernel; it never calls a participant, and it keeps no clock: its timeouts
 * are kernel timers that fire when the reader (or the explorer) chooses, possibly while messages
 * are merely slow.
 *
 * Protocol: Gray & Reuter 1993 §10.3; Bernstein, Hadzilacos & Goodman 1987 ch. 7 (the coordinator
 * forces its decision to the log before sending it: that is what makes the decision durable).
 * Standard mode is R*'s basic 2PC (Mohan, Lindsay & Obermarck 1986): nothing is written before
 * PREPARE; COMMIT and ABORT are forced; END is written lazily once every participant has
 * acknowledged, and the transaction is then forgotten. The decision is resent on `ack-timeout`
 * until every participant has acknowledged it. Presumed abort (same paper): no ABORT record, no
 * acknowledgements for aborts, forget at once. With no record of a transaction, the coordinator
 * answers an inquiry with abort: COMMIT is forced before the first GLOBAL_COMMIT leaves, and it is
 * forgotten only after every participant acknowledged having the outcome.
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
  /** The outcome it has decided (or read back from its log), if any; null once forgotten. */
  decision: 'commit' | 'abort' | null;
  /** Set from the log at boot; recovery routes on it. */
  recovering: boolean;
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
    sendPrepare: enqueueActions(({ context, enqueue }) => {
      for (const p of context.participants) enqueue.emit(send(p, 'PREPARE'));
    }),
    armVoteTimer: enqueueActions(({ enqueue }) => enqueue.emit({ type: 'timer.set', name: 'vote-timeout' })),
    clearVoteTimer: enqueueActions(({ enqueue }) => enqueue.emit({ type: 'timer.clear', name: 'vote-timeout' })),
    armAckTimer: enqueueActions(({ enqueue }) => enqueue.emit({ type: 'timer.set', name: 'ack-timeout' })),
    clearAckTimer: enqueueActions(({ enqueue }) => enqueue.emit({ type: 'timer.clear', name: 'ack-timeout' })),
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
    /** After END (or an abort under presumed abort): nothing about T1 is kept. */
    forget: assign({ yes: [] as string[], acks: [] as string[], decision: null }),
    logCommit: enqueueActions(({ enqueue }) => enqueue.emit({ type: 'store.append', record: { type: 'COMMIT', tx: TX } })),
    logAbort: enqueueActions(({ enqueue }) => enqueue.emit({ type: 'store.append', record: { type: 'ABORT', tx: TX } })),
    // END is not forced: losing it only means resending the decision after a crash (R*).
    logEnd: enqueueActions(({ enqueue }) => enqueue.emit({ type: 'store.append', record: { type: 'END', tx: TX }, lazy: true })),
    sendGlobalCommit: enqueueActions(({ context, enqueue }) => {
      for (const p of context.participants) enqueue.emit(send(p, 'GLOBAL_COMMIT'));
    }),
    sendGlobalAbort: enqueueActions(({ context, enqueue }) => {
      for (const p of context.participants) enqueue.emit(send(p, 'GLOBAL_ABORT'));
    }),
    /** The decision again, to every participant that has not acknowledged it. */
    resendDecision: enqueueActions(({ context, enqueue }) => {
      const type = context.decision === 'commit' ? 'GLOBAL_COMMIT' : 'GLOBAL_ABORT';
      for (const p of context.participants) if (!context.acks.includes(p)) enqueue.emit(send(p, type));
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
    logEnded: ({ context }) => context.logEnded,
    logCommitted: ({ context }) => context.logOutcome === 'commit',
    logAborted: ({ context }) => context.logOutcome === 'abort',
  },
}).createMachine({
  id: 'coordinator',
  context: ({ input }) => {
    const logOutcome = input.recovering ? loggedOutcome(input.store) : null;
    const logEnded = hasRecord(input.store, 'END');
    return {
      participants: input.peers.filter((p) => p.role === 'participant').map((p) => p.id),
      presumedAbort: input.config.flags.presumedAbort === true,
      sendBeforeLog: input.config.flags.sendBeforeLog === true,
      yes: [],
      acks: [],
      decision: logEnded ? null : logOutcome,
      recovering: input.recovering,
      logOutcome,
      logEnded,
    };
  },
  initial: 'start',
  states: {
    // Transient: a fresh node goes to idle, a restarted one to recovering.
    start: {
      always: [{ guard: 'recovering', target: 'recovering' }, { target: 'idle' }],
    },
    idle: {
      on: {
        // R*'s basic 2PC writes nothing before PREPARE: a crash now leaves no trace of T1.
        'request.begin': { target: 'collecting', actions: ['sendPrepare', 'armVoteTimer'] },
        // No record of T1: it cannot have committed (COMMIT is forced before GLOBAL_COMMIT), so abort.
        DECISION_REQUEST: { actions: 'replyAbort' },
      },
    },
    collecting: {
      on: {
        VOTE_COMMIT: [
          {
            // Force COMMIT to the log, then send: the decision survives a crash (BHG ch. 7).
            guard: and(['lastYes', not('sendBeforeLog')]),
            target: 'committing',
            actions: ['recordYes', 'decideCommit', 'clearVoteTimer', 'logCommit', 'sendGlobalCommit', 'armAckTimer'],
          },
          {
            // UNSAFE (sendBeforeLog): send now, write COMMIT only when log-flush fires later.
            guard: 'lastYes',
            target: 'committing',
            actions: ['recordYes', 'decideCommit', 'clearVoteTimer', 'sendGlobalCommit', 'armLogFlush', 'armAckTimer'],
          },
          { actions: 'recordYes' },
        ],
        VOTE_ABORT: [
          // Presumed abort: no ABORT record and no acks to wait for; forget at once.
          { guard: 'presumedAbort', target: 'ended', actions: ['decideAbort', 'clearVoteTimer', 'sendGlobalAbort', 'forget'] },
          { target: 'aborting', actions: ['decideAbort', 'clearVoteTimer', 'logAbort', 'sendGlobalAbort', 'armAckTimer'] },
        ],
        'timer.vote-timeout': [
          { guard: 'presumedAbort', target: 'ended', actions: ['decideAbort', 'sendGlobalAbort', 'forget'] },
          { target: 'aborting', actions: ['decideAbort', 'logAbort', 'sendGlobalAbort', 'armAckTimer'] },
        ],
        // Not decided yet: nothing to tell. The participant asks again when its timer fires.
      },
    },
    committing: {
      on: {
        ACK: [{ guard: 'lastAck', target: 'ended', actions: ['recordAck', 'clearAckTimer', 'logEnd', 'forget'] }, { actions: 'recordAck' }],
        DECISION_REQUEST: { actions: 'replyCommit' },
        'timer.ack-timeout': { actions: ['resendDecision', 'armAckTimer'] },
        // Only the unsafe send-before-log variant arms log-flush; the guard says so for the diagram.
        'timer.log-flush': { guard: 'sendBeforeLog', actions: 'logCommit' },
      },
    },
    aborting: {
      on: {
        ACK: [{ guard: 'lastAck', target: 'ended', actions: ['recordAck', 'clearAckTimer', 'logEnd', 'forget'] }, { actions: 'recordAck' }],
        DECISION_REQUEST: { actions: 'replyAbort' },
        'timer.ack-timeout': { actions: ['resendDecision', 'armAckTimer'] },
      },
    },
    // T1 is forgotten. An inquiry now gets the presumption: no record means abort.
    ended: {
      on: {
        DECISION_REQUEST: { actions: 'replyAbort' },
        'timer.log-flush': { guard: 'sendBeforeLog', actions: 'logCommit' },
      },
    },
    // Restart after a crash: read the log and finish what it says (Gray & Reuter §10.3.4).
    recovering: {
      always: [
        { guard: 'logEnded', target: 'ended' },
        // A decision without END: some participants may not know; tell them all again, collect acks.
        { guard: 'logCommitted', target: 'committing', actions: ['sendGlobalCommit', 'armAckTimer'] },
        { guard: 'logAborted', target: 'aborting', actions: ['sendGlobalAbort', 'armAckTimer'] },
        // Nothing logged: T1 never reached a decision here. Participants still working time out;
        // prepared ones ask, and idle answers abort.
        { target: 'idle' },
      ],
    },
  },
});
