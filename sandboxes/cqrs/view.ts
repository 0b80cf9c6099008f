/**
 * The read model's store (the "view"), as an XState machine: one row per item (its stock), kept
 * by the projector and read by queries. Must not: accept commands, read the event store, read a
 * clock.
 *
 * Each APPLY is one local transaction that updates the row AND records the event's position, the
 * checkpoint, together (the safe default the literature gives: Young; DDIA ch. 11; REFERENCES
 * §4c.2, whose other fix, an upsert keyed by position, is the skip here). An APPLY at or below the
 * checkpoint is a redelivery and is skipped, unless the projector asks it not to check
 * (`notIdempotentProjector`). A QUERY carrying a position waits until the checkpoint reaches it,
 * then answers (the position token); DROP truncates the row and the checkpoint (a rebuild).
 */
import { enqueueActions, setup } from 'xstate';
import type { Effect, NodeInput } from '../kernel/types.ts';
import { foldStock, send, type ViewEvent } from './messages.ts';
import { viewRow } from './store.ts';

export type Waiting = { client: string; after: number };

export type ViewContext = {
  recovering: boolean;
  stock: number;
  checkpoint: number;
  /** Queries waiting for the projection to reach their position (in memory: a client would retry). */
  waiting: Waiting[];
};

/** QUERY_RESULT for every waiting query the checkpoint now satisfies. */
function answer(context: ViewContext, waiting: Waiting[]): { effects: Effect[]; waiting: Waiting[] } {
  const ready = waiting.filter((w) => w.after <= context.checkpoint);
  return {
    effects: ready.map((w) => send(w.client, 'QUERY_RESULT', { stock: context.stock, position: context.checkpoint })),
    waiting: waiting.filter((w) => w.after > context.checkpoint),
  };
}

export const view = setup({
  types: { context: {} as ViewContext, events: {} as ViewEvent, input: {} as NodeInput, emitted: {} as Effect },
  actions: {
    apply: enqueueActions(({ context, event, enqueue }) => {
      if (event.type !== 'APPLY') return;
      enqueue.emit({ type: 'store.append', record: { type: 'APPLIED', position: event.position, event: { ...event.event } } });
      const next = { ...context, stock: context.stock + foldStock([event.event]), checkpoint: Math.max(context.checkpoint, event.position) };
      enqueue.emit(send(event.from, 'APPLIED', { position: event.position }));
      const out = answer(next, context.waiting);
      for (const e of out.effects) enqueue.emit(e);
      enqueue.assign({ stock: next.stock, checkpoint: next.checkpoint, waiting: out.waiting });
    }),
    skip: enqueueActions(({ event, enqueue }) => {
      if (event.type === 'APPLY') enqueue.emit(send(event.from, 'APPLIED', { position: event.position }));
    }),
    tellCheckpoint: enqueueActions(({ context, event, enqueue }) => enqueue.emit(send(event.from, 'CHECKPOINT', { position: context.checkpoint }))),
    drop: enqueueActions(({ event, enqueue }) => {
      enqueue.emit({ type: 'store.append', record: { type: 'DROPPED' } });
      enqueue.emit(send(event.from, 'CHECKPOINT', { position: 0 }));
      enqueue.assign({ stock: 0, checkpoint: 0 });
    }),
    query: enqueueActions(({ context, event, enqueue }) => {
      if (event.type !== 'QUERY') return;
      const out = answer(context, [...context.waiting, { client: event.from, after: event.after }]);
      for (const e of out.effects) enqueue.emit(e);
      enqueue.assign({ waiting: out.waiting });
    }),
  },
  guards: {
    recovering: ({ context }) => context.recovering,
    alreadyApplied: ({ context, event }) => event.type === 'APPLY' && event.idempotent && event.position <= context.checkpoint,
  },
}).createMachine({
  id: 'view',
  context: ({ input }) => ({ recovering: input.recovering, ...viewRow(input.store), waiting: [] }),
  initial: 'start',
  states: {
    start: { always: [{ guard: 'recovering', target: 'recovering' }, { target: 'serving' }] },
    serving: {
      on: {
        APPLY: [{ guard: 'alreadyApplied', actions: 'skip' }, { actions: 'apply' }],
        READ_CHECKPOINT: { actions: 'tellCheckpoint' },
        DROP: { actions: 'drop' },
        QUERY: { actions: 'query' },
      },
    },
    // Restart: row and checkpoint are on disk; waiting queries are gone.
    recovering: { always: { target: 'serving' } },
  },
});
