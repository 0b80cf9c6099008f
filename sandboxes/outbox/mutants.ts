/**
 * Deliberately broken outbox machines, kept to prove the invariants have teeth. Each is the real
 * machine with one named guard or action swapped (`provide`) and names where the explorer must
 * catch it; mutants.test.ts explores each, replays the counterexample, and checks the real machines
 * pass the same search. Never shown to readers: their unsafe choices are the flags in flags.ts.
 */
import { enqueueActions } from 'xstate';
import type { Mutant } from '../kernel/types.ts';
import { orders } from './orders.ts';
import { relay } from './relay.ts';
import { broker } from './broker.ts';
import { payment, applying, deliveryOf } from './payment.ts';
import { partitionOf, rowOfRequest, rowPayload, send } from './messages.ts';

export const mutants: Mutant[] = [
  {
    name: 'commit-without-outbox-row',
    description: 'The order service commits the order but leaves the outbox row out of the transaction, so the relay never finds the event.',
    machines: {
      orders: orders.provide({
        actions: {
          commitWithOutbox: enqueueActions(({ context, event, enqueue }) => {
            const row = rowOfRequest(event.type.slice('request.'.length), context.lsn + 1);
            if (!row) return;
            enqueue.emit({ type: 'store.append', record: { type: 'COMMIT', ...rowPayload(row), outbox: false } });
            enqueue.assign({ lsn: row.lsn });
          }),
        },
      }),
    },
    caughtBy: { scenario: 'happy-path', invariant: 'no-lost-event' },
  },
  {
    name: 'publish-before-commit',
    description: 'The order service always takes the publish-first path: the event leaves before its transaction commits.',
    machines: { orders: orders.provide({ guards: { publishFirst: () => true } }) },
    caughtBy: { scenario: 'crash-after-commit', invariant: 'no-phantom-event' },
  },
  {
    name: 'parallel-publish',
    description: 'The relay publishes every unsent row at once instead of one at a time, so the network may deliver a later event to the broker first.',
    machines: {
      relay: relay.provide({
        actions: {
          publish: enqueueActions(({ context, enqueue }) => {
            for (const row of context.queue) enqueue.emit(send(context.broker, 'PUBLISH', { ...rowPayload(row), partition: partitionOf(row, false) }));
          }),
        },
      }),
    },
    caughtBy: { scenario: 'create-then-cancel', invariant: 'per-order-order' },
  },
  {
    name: 'no-redelivery',
    description: 'The broker’s redeliver timer only re-arms itself: a lost delivery is never sent again.',
    machines: { broker: broker.provide({ actions: { redeliver: enqueueActions(({ enqueue }) => enqueue.emit({ type: 'timer.set', name: 'redeliver' })) } }) },
    caughtBy: { scenario: 'redelivery', invariant: 'no-lost-event' },
  },
  {
    name: 'skips-inbox-check',
    description: 'The consumer records message ids but never looks them up before applying.',
    machines: {
      payment: payment.provide({
        actions: {
          applyDelivered: enqueueActions(({ context, event, enqueue }) => {
            const d = deliveryOf(event);
            if (!d) return;
            const out = applying({ ...context, notIdempotent: true }, [d]);
            for (const e of out.effects) enqueue.emit(e);
            enqueue.assign({ inbox: out.inbox, applied: out.applied });
          }),
        },
      }),
    },
    caughtBy: { scenario: 'redelivery', invariant: 'effectively-once' },
  },
  {
    name: 'offset-before-apply',
    description: 'The consumer always commits the offset on receipt and applies the effect later.',
    machines: { payment: payment.provide({ guards: { commitOffsetFirst: () => true } }) },
    caughtBy: { scenario: 'consumer-crash', invariant: 'no-lost-event' },
  },
];
