/**
 * The payment service, a consumer with its own store, as an XState machine. Must not: read a clock,
 * keep anything it needs after a crash outside its log.
 *
 * Safe (Richardson, "Idempotent consumer"; REFERENCES §3b traps 7 and 9): on DELIVER it applies the
 * effect and records the message id (the inbox) in one local transaction, skips an id it has
 * already recorded, and commits the offset only afterwards, in a later step (Kafka commits offsets
 * periodically). A crash in between means redelivery, which the inbox absorbs. Unsafe variants:
 * commit the offset first and apply later (a crash between loses the event: REFERENCES §3c.8), or
 * keep no inbox (a redelivery applies twice).
 */
import { assign, enqueueActions, setup } from 'xstate';
import type { NodeInput } from '../kernel/types.ts';
import { send, type Delivery, type Emitted, type PaymentEvent } from './messages.ts';
import { appliedRecords } from './store.ts';

export type PaymentContext = {
  broker: string;
  commitOffsetFirst: boolean;
  notIdempotent: boolean;
  recovering: boolean;
  /** Processed message ids (the inbox table), mirrored from the log. */
  inbox: string[];
  /** Effects applied so far: numbers each charge or refund. */
  applied: number;
  /** Deliveries applied whose offsets are not committed yet, or (commit first) committed and not applied. */
  held: Delivery[];
};

export function deliveryOf(event: PaymentEvent): Delivery | null {
  if (event.type !== 'DELIVER') return null;
  return { partition: event.partition, offset: event.offset, id: event.id, order: event.order, event: event.event, lsn: event.lsn };
}

/** One local transaction per delivery: the effect and the processed-message record, unless already there. */
export function applying(context: PaymentContext, deliveries: Delivery[]): { effects: Emitted[]; inbox: string[]; applied: number } {
  let { inbox, applied } = context;
  const effects: Emitted[] = [];
  for (const d of deliveries) {
    if (!context.notIdempotent && inbox.includes(d.id)) continue;
    applied += 1;
    effects.push({ type: 'store.append', record: { type: 'APPLIED', id: d.id, order: d.order, event: d.event, n: applied } });
    if (!inbox.includes(d.id)) inbox = [...inbox, d.id].sort();
  }
  return { effects, inbox, applied };
}

export const payment = setup({
  types: { context: {} as PaymentContext, events: {} as PaymentEvent, input: {} as NodeInput, emitted: {} as Emitted },
  actions: {
    applyDelivered: enqueueActions(({ context, event, enqueue }) => {
      const d = deliveryOf(event);
      if (!d) return;
      const out = applying(context, [d]);
      for (const e of out.effects) enqueue.emit(e);
      enqueue.assign({ inbox: out.inbox, applied: out.applied });
    }),
    applyHeld: enqueueActions(({ context, enqueue }) => {
      const out = applying(context, context.held);
      for (const e of out.effects) enqueue.emit(e);
      enqueue.assign({ inbox: out.inbox, applied: out.applied });
    }),
    hold: assign({
      held: ({ context, event }) => {
        const d = deliveryOf(event);
        return d && !context.held.some((h) => h.partition === d.partition && h.offset === d.offset) ? [...context.held, d] : context.held;
      },
    }),
    release: assign({ held: [] as Delivery[] }),
    /** Commit, per partition, the offset after the highest delivery held. */
    commitHeld: enqueueActions(({ context, enqueue }) => {
      const next = new Map<number, number>();
      for (const d of context.held) next.set(d.partition, Math.max(next.get(d.partition) ?? 0, d.offset + 1));
      for (const [partition, offset] of [...next].sort((a, b) => a[0] - b[0])) enqueue.emit(send(context.broker, 'COMMIT_OFFSET', { partition, offset }));
    }),
    // UNSAFE (commitOffsetFirst): the offset moves on before the effect exists.
    commitDelivered: enqueueActions(({ context, event, enqueue }) => {
      const d = deliveryOf(event);
      if (d) enqueue.emit(send(context.broker, 'COMMIT_OFFSET', { partition: d.partition, offset: d.offset + 1 }));
    }),
    armCommitTimer: enqueueActions(({ enqueue }) => enqueue.emit({ type: 'timer.set', name: 'commit-offset' })),
    armApplyTimer: enqueueActions(({ enqueue }) => enqueue.emit({ type: 'timer.set', name: 'apply' })),
  },
  guards: {
    recovering: ({ context }) => context.recovering,
    commitOffsetFirst: ({ context }) => context.commitOffsetFirst,
  },
}).createMachine({
  id: 'payment',
  context: ({ input }) => {
    const records = appliedRecords(input.store);
    return {
      broker: input.peers.find((p) => p.role === 'broker')?.id ?? 'broker',
      commitOffsetFirst: input.config.flags.commitOffsetFirst === true,
      notIdempotent: input.config.flags.notIdempotent === true,
      recovering: input.recovering,
      inbox: [...new Set(records.map((r) => r.id))].sort(),
      applied: records.length,
      held: [],
    };
  },
  initial: 'start',
  states: {
    start: { always: [{ guard: 'recovering', target: 'recovering' }, { target: 'idle' }] },
    idle: {
      on: {
        DELIVER: [
          { guard: 'commitOffsetFirst', target: 'offsetCommitted', actions: ['commitDelivered', 'hold', 'armApplyTimer'] },
          { target: 'applied', actions: ['applyDelivered', 'hold', 'armCommitTimer'] },
        ],
      },
    },
    // Effect and inbox row committed; the offset commit comes in the next step.
    applied: {
      on: {
        DELIVER: { actions: ['applyDelivered', 'hold'] },
        'timer.commit-offset': { target: 'idle', actions: ['commitHeld', 'release'] },
      },
    },
    // UNSAFE: offset committed, effect not applied yet.
    offsetCommitted: {
      on: {
        DELIVER: { actions: ['commitDelivered', 'hold'] },
        'timer.apply': { target: 'idle', actions: ['applyHeld', 'release'] },
      },
    },
    // Restart: the inbox is on disk; whatever was held in memory is gone.
    recovering: { always: { target: 'idle' } },
  },
});
