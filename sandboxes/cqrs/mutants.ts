/**
 * Deliberately broken CQRS machines, kept to prove the invariants have teeth. Each is the real
 * machine with one named guard or action swapped (`provide`) and names where the explorer must
 * catch it; mutants.test.ts explores each, replays the counterexample, and checks the real machines
 * pass the same search. Never shown to readers: their unsafe choices are the flags in flags.ts.
 */
import { enqueueActions } from 'xstate';
import type { Mutant } from '../kernel/types.ts';
import { handler } from './handler.ts';
import { eventStore } from './event-store.ts';
import { view } from './view.ts';
import { ITEM, send } from './messages.ts';

export const mutants: Mutant[] = [
  {
    name: 'retry-without-reload',
    description: 'On WRONG_EXPECTED_VERSION the handler re-sends its append at the stream’s new version instead of reloading the item and deciding again.',
    machines: {
      handler: handler.provide({
        actions: {
          reload: enqueueActions(({ context, event, enqueue }) => {
            if (event.type !== 'WRONG_EXPECTED_VERSION') return;
            const command = context.commands.find((c) => c.client === event.for)?.command ?? '';
            enqueue.emit(send(context.store, 'APPEND', { for: event.for, stream: ITEM, event: { type: 'ItemReserved', by: event.for, command }, expectedVersion: event.version }));
          }),
        },
      }),
    },
    caughtBy: { scenario: 'last-item', invariant: 'stock-never-negative' },
  },
  {
    name: 'push-refused-append',
    description: 'The store pushes an append to the projector even when it refuses it for a wrong expected version.',
    machines: {
      store: eventStore.provide({
        actions: {
          refuse: enqueueActions(({ context, event, enqueue }) => {
            if (event.type !== 'APPEND') return;
            enqueue.emit(send(event.from, 'WRONG_EXPECTED_VERSION', { for: event.for, version: context.events.length }));
            if (context.subscriber) enqueue.emit(send(context.subscriber, 'EVENTS', { events: [{ position: context.events.length + 1, event: { ...event.event } }] }));
          }),
        },
      }),
    },
    caughtBy: { scenario: 'last-item', invariant: 'no-phantom-or-double' },
  },
  {
    name: 'apply-without-position-check',
    description: 'The read model never compares an event’s position with its checkpoint, so a replay after a projector restart counts an event again.',
    machines: { view: view.provide({ guards: { alreadyApplied: () => false } }) },
    caughtBy: { scenario: 'projector-crash', invariant: 'no-phantom-or-double' },
  },
  {
    name: 'answer-without-waiting',
    description: 'The read model answers a query at once, ignoring the position it carries.',
    machines: {
      view: view.provide({
        actions: {
          query: enqueueActions(({ context, event, enqueue }) => {
            if (event.type === 'QUERY') enqueue.emit(send(event.from, 'QUERY_RESULT', { stock: context.stock, position: context.checkpoint }));
          }),
        },
      }),
    },
    caughtBy: { scenario: 'read-after-write', invariant: 'read-your-writes' },
  },
  {
    name: 'drop-keeps-checkpoint',
    description: 'A rebuild truncates the read model’s row but reports the old checkpoint, so the projector resumes past every event.',
    machines: {
      view: view.provide({
        actions: {
          drop: enqueueActions(({ context, event, enqueue }) => {
            enqueue.emit({ type: 'store.append', record: { type: 'DROPPED' } });
            enqueue.emit(send(event.from, 'CHECKPOINT', { position: context.checkpoint }));
            enqueue.assign({ stock: 0, checkpoint: 0 });
          }),
        },
      }),
    },
    caughtBy: { scenario: 'rebuild', invariant: 'read-model-converges' },
  },
];
