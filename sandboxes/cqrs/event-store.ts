/**
 * The event store, as an XState machine: one durable, append-only stream per aggregate (here one,
 * item-1), appends guarded by an expected version, and a catch-up subscription for the projector.
 * Must not: change or delete an event, decide anything about the business rule.
 *
 * Expected-version semantics follow EventStoreDB: an APPEND with `expectedVersion` n succeeds only
 * when the stream's current version is n, else WRONG_EXPECTED_VERSION; `null` is "any". A
 * successful append is forced to disk before APPEND_OK and before the event is pushed to the
 * subscriber (the store is the outbox: REFERENCES §4). Appends are idempotent by command id (the
 * idempotent commands of REFERENCES §4d; EventStoreDB likewise dedupes a retried write by event id): a redelivered APPEND of an event the stream
 * already holds is acknowledged again with its position and writes nothing. SUBSCRIBE replays
 * every event after the subscriber's position, then the subscription stays live (a catch-up
 * subscription).
 */
import { enqueueActions, setup } from 'xstate';
import type { Effect, NodeInput } from '../kernel/types.ts';
import { positionedJson, send, type DomainEvent, type StoreEvent } from './messages.ts';
import { logOf } from './store.ts';

/** Where the stream holds the event of the same command (idempotent appends, as EventStoreDB dedupes by event id). */
function positionOf(events: DomainEvent[], e: DomainEvent): number | null {
  if (e.type !== 'ItemReserved') return null;
  const i = events.findIndex((x) => x.type === 'ItemReserved' && x.command === e.command);
  return i < 0 ? null : i + 1;
}

/** The stream's events after a position, as message payload. */
const after = (events: DomainEvent[], position: number) => events.slice(position).map((event, i) => positionedJson({ position: position + i + 1, event }));

export type StoreContext = {
  recovering: boolean;
  /** The stream, mirrored from the log; its length is the stream's current version. */
  events: DomainEvent[];
  /** The live subscriber, if any (the projector). */
  subscriber: string | null;
};

export const eventStore = setup({
  types: { context: {} as StoreContext, events: {} as StoreEvent, input: {} as NodeInput, emitted: {} as Effect },
  actions: {
    readStream: enqueueActions(({ context, event, enqueue }) => {
      if (event.type === 'READ_STREAM') enqueue.emit(send(event.from, 'STREAM', { for: event.for, events: after(context.events, 0), version: context.events.length }));
    }),
    append: enqueueActions(({ context, event, enqueue }) => {
      if (event.type !== 'APPEND') return;
      const position = context.events.length + 1;
      enqueue.emit({ type: 'store.append', record: { ...event.event } });
      enqueue.emit(send(event.from, 'APPEND_OK', { for: event.for, position }));
      if (context.subscriber) enqueue.emit(send(context.subscriber, 'EVENTS', { events: [positionedJson({ position, event: event.event })] }));
      enqueue.assign({ events: [...context.events, { ...event.event }] });
    }),
    /** An append of an event the stream already holds (same command id): success again, nothing written. */
    acknowledgeAgain: enqueueActions(({ context, event, enqueue }) => {
      if (event.type === 'APPEND') enqueue.emit(send(event.from, 'APPEND_OK', { for: event.for, position: positionOf(context.events, event.event) ?? 0 }));
    }),
    refuse: enqueueActions(({ context, event, enqueue }) => {
      if (event.type === 'APPEND') enqueue.emit(send(event.from, 'WRONG_EXPECTED_VERSION', { for: event.for, version: context.events.length }));
    }),
    subscribe: enqueueActions(({ context, event, enqueue }) => {
      if (event.type !== 'SUBSCRIBE') return;
      const missed = after(context.events, event.after);
      if (missed.length) enqueue.emit(send(event.from, 'EVENTS', { events: missed }));
      enqueue.assign({ subscriber: event.from });
    }),
  },
  guards: {
    duplicateAppend: ({ context, event }) => event.type === 'APPEND' && positionOf(context.events, event.event) !== null,
    recovering: ({ context }) => context.recovering,
    versionMatches: ({ context, event }) => event.type === 'APPEND' && (event.expectedVersion === null || event.expectedVersion === context.events.length),
  },
}).createMachine({
  id: 'store',
  context: ({ input }) => ({ recovering: input.recovering, events: logOf<DomainEvent>(input.store), subscriber: 'projector' }),
  initial: 'start',
  states: {
    start: { always: [{ guard: 'recovering', target: 'recovering' }, { target: 'serving' }] },
    serving: {
      on: {
        READ_STREAM: { actions: 'readStream' },
        APPEND: [{ guard: 'duplicateAppend', actions: 'acknowledgeAgain' }, { guard: 'versionMatches', actions: 'append' }, { actions: 'refuse' }],
        SUBSCRIBE: { actions: 'subscribe' },
      },
    },
    // Restart: the stream is on disk; the projector resubscribes when it restarts itself.
    recovering: { always: { target: 'serving' } },
  },
});
