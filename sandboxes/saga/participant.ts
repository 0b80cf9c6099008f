/**
 * Payment (the customer service holding credit) and inventory (holding stock) as one XState
 * machine: each reserves units for an order in a local transaction, refuses when too few are left
 * (the business failure: credit limit, out of stock), and payment undoes a reservation when the
 * saga compensates. It changes only its own ledger (ledger.ts), never another service's data, and
 * talks only by emitting effects.
 *
 * The safeguards the literature asks of a participant (McCaffrey 2017; Richardson 2018 §4.1;
 * Helland, "Idempotence Is Not a Medical Condition", 2012), each behind an unsafe flag:
 * - idempotent: a command it has already processed gets the recorded answer again, not a second
 *   reservation (`notIdempotent` drops the check);
 * - tombstone: a compensation that finds nothing to undo records that the order is cancelled, and
 *   the late action is refused (`noTombstone` leaves no record).
 * Who it answers depends on the style: the orchestrator under orchestration; under choreography
 * the next service in the chain (payment → inventory) or, on failure, those that must react.
 */
import { and, enqueueActions, not, setup } from 'xstate';
import type { NodeInput } from '../kernel/types.ts';
import { INVENTORY, ORDER, PAYMENT } from './data.ts';
import { applyRecord, ledgerOf, totalHeld, type Ledger, type LedgerRecord } from './ledger.ts';
import { send, type Emitted, type ParticipantEvent } from './messages.ts';

export type ParticipantContext = Ledger & {
  role: string;
  /** Units available in all: payment's credit limit, inventory's stock (scenario data in the store). */
  capacity: number;
  /** What each order asks of this service (scenario data in the store). */
  asks: Record<string, number>;
  choreography: boolean;
  idempotent: boolean;
  tombstone: boolean;
  recovering: boolean;
};

type Store = { capacity?: number; asks?: Record<string, number> };

/** The success reply or event: to the orchestrator, or under choreography to the next service. */
function reserved(c: ParticipantContext, order: string): Emitted[] {
  if (c.role === PAYMENT) return [send(c.choreography ? INVENTORY : ORDER, 'CREDIT_RESERVED', order)];
  return [send(ORDER, 'STOCK_RESERVED', order)];
}

/** The failure reply or event. Under choreography inventory's OUT_OF_STOCK also tells payment to compensate. */
function refused(c: ParticipantContext, order: string): Emitted[] {
  if (c.role === PAYMENT) return [send(ORDER, 'CREDIT_LIMIT_EXCEEDED', order)];
  return c.choreography ? [send(PAYMENT, 'OUT_OF_STOCK', order), send(ORDER, 'OUT_OF_STOCK', order)] : [send(ORDER, 'OUT_OF_STOCK', order)];
}

type Enqueue = { emit: (e: Emitted) => void; assign: (values: Ledger) => void };

/** A forced ledger append (the local transaction commits before its reply leaves), applied to memory too. */
function commit(enqueue: Enqueue, context: ParticipantContext, record: LedgerRecord): void {
  enqueue.emit({ type: 'store.append', record });
  const next = applyRecord(context, record);
  enqueue.assign({ held: next.held, outcome: next.outcome, closed: next.closed });
}

type Guard = 'notIdempotent' | 'noTombstone' | 'processedBefore' | 'fits' | 'refusedBefore' | 'closedBefore' | 'holds';
type Action = 'recordReserve' | 'recordRefuse' | 'recordRelease' | 'recordCancel' | 'replyReserved' | 'replyRefused' | 'replyReleased' | 'replayOutcome';
type Candidate = { guard?: Guard | ReturnType<typeof and> | ReturnType<typeof not>; actions: Action[] };

/** A reservation asked for: orchestration's command, or choreography's event that asks for it. */
const reserve = (): Candidate[] => [
  // The tombstone: this order was compensated here, so its late action is refused, and the
  // answer says the credit is released (Garcia-Molina & Salem's Ci has already run).
  { guard: and([not('noTombstone'), 'closedBefore']), actions: ['replyReleased'] },
  { guard: and([not('notIdempotent'), 'processedBefore']), actions: ['replayOutcome'] },
  { guard: 'fits', actions: ['recordReserve', 'replyReserved'] },
  // A refusal is recorded once: saying no again changes nothing (and keeps the ledger finite
  // when a participant that is not idempotent is asked over and over).
  { guard: 'refusedBefore', actions: ['replyRefused'] },
  { actions: ['recordRefuse', 'replyRefused'] },
];

/** A compensation: give the order's units back. It may not fail (McCaffrey 2017), so it always answers. */
const release = (): Candidate[] => [
  { guard: 'holds', actions: ['recordRelease', 'replyReleased'] },
  // Released or tombstoned before: a repeated compensation only answers again.
  { guard: 'closedBefore', actions: ['replyReleased'] },
  { guard: not('noTombstone'), actions: ['recordCancel', 'replyReleased'] },
  // UNSAFE (noTombstone): nothing to undo and nothing recorded; the late action will stand.
  { actions: ['replyReleased'] },
];

export const participant = setup({
  types: {
    context: {} as ParticipantContext,
    events: {} as ParticipantEvent,
    input: {} as NodeInput,
    emitted: {} as Emitted,
  },
  actions: {
    recordReserve: enqueueActions(({ context, event, enqueue }) =>
      commit(enqueue, context, { type: 'RESERVED', order: event.order, n: context.asks[event.order] ?? 0 }),
    ),
    recordRefuse: enqueueActions(({ context, event, enqueue }) => commit(enqueue, context, { type: 'REFUSED', order: event.order })),
    recordRelease: enqueueActions(({ context, event, enqueue }) =>
      commit(enqueue, context, { type: 'RELEASED', order: event.order, n: context.held[event.order] ?? 0 }),
    ),
    /** The tombstone: nothing to undo, but the order is now cancelled here. */
    recordCancel: enqueueActions(({ context, event, enqueue }) => commit(enqueue, context, { type: 'TOMBSTONE', order: event.order })),
    replyReserved: enqueueActions(({ context, event, enqueue }) => {
      for (const e of reserved(context, event.order)) enqueue.emit(e);
    }),
    replyRefused: enqueueActions(({ context, event, enqueue }) => {
      for (const e of refused(context, event.order)) enqueue.emit(e);
    }),
    replyReleased: enqueueActions(({ event, enqueue }) => enqueue.emit(send(ORDER, 'CREDIT_RELEASED', event.order))),
    /** A command seen before: the answer it got then, and nothing else. */
    replayOutcome: enqueueActions(({ context, event, enqueue }) => {
      const answer = context.outcome[event.order] === 'reserved' ? reserved(context, event.order) : refused(context, event.order);
      for (const e of answer) enqueue.emit(e);
    }),
  },
  guards: {
    recovering: ({ context }) => context.recovering,
    notIdempotent: ({ context }) => !context.idempotent,
    noTombstone: ({ context }) => !context.tombstone,
    /** This order's reservation was decided before (reserved or refused): the processed-command record. */
    processedBefore: ({ context, event }) => context.outcome[event.order] !== undefined,
    fits: ({ context, event }) => totalHeld(context) + (context.asks[event.order] ?? 0) <= context.capacity,
    refusedBefore: ({ context, event }) => context.outcome[event.order] === 'refused',
    closedBefore: ({ context, event }) => context.closed.includes(event.order),
    holds: ({ context, event }) => (context.held[event.order] ?? 0) > 0,
  },
}).createMachine({
  id: 'participant',
  context: ({ input }) => {
    const store = input.store as Store;
    const f = input.config.flags;
    return {
      ...ledgerOf(input.store),
      role: input.role,
      capacity: store.capacity ?? 0,
      asks: store.asks ?? {},
      choreography: f.choreography === true,
      idempotent: f.notIdempotent !== true,
      tombstone: f.noTombstone !== true,
      recovering: input.recovering,
    };
  },
  initial: 'start',
  states: {
    start: {
      always: [{ guard: 'recovering', target: 'recovering' }, { target: 'ready' }],
    },
    ready: {
      on: {
        // Orchestration's commands.
        RESERVE_CREDIT: reserve(),
        RESERVE_STOCK: reserve(),
        RELEASE_CREDIT: release(),
        // Choreography's events: payment reserves on ORDER_CREATED and compensates on
        // OUT_OF_STOCK; inventory reserves on CREDIT_RESERVED.
        ORDER_CREATED: reserve(),
        CREDIT_RESERVED: reserve(),
        OUT_OF_STOCK: release(),
      },
    },
    // Restart after a crash: the ledger (every record forced) is read back into memory at boot,
    // processed-command records and tombstones included, so the service is ready at once.
    recovering: {
      always: { target: 'ready' },
    },
  },
});
