/**
 * The projector, as an XState machine: it follows the event store from a checkpoint and hands
 * each event, in order and one at a time, to the read model. Must not: read a clock, decide
 * anything, keep its position anywhere but the read model (in the safe design).
 *
 * Safe (Young; Kleppmann, DDIA ch. 11 on derived data): the read model applies an event and
 * records its position in ONE transaction, skipping any position at or below it, so a crash at any
 * point means replaying from the read model's own checkpoint, and a redelivered event is a no-op.
 * On restart (and after a rebuild's DROP) it reads that checkpoint back (READ_CHECKPOINT) and
 * SUBSCRIBEs from it. Unsafe `checkpointFirst`: the position lives in the projector's own store and
 * is saved as the event arrives, the read model is updated in a later step (timer `apply`); a crash
 * in between resumes past an event the read model never saw. Unsafe `notIdempotentProjector`:
 * APPLY asks the read model not to compare positions.
 */
import { enqueueActions, setup } from 'xstate';
import type { Effect, NodeInput } from '../kernel/types.ts';
import { positionedJson, send, type Positioned, type ProjectorEvent } from './messages.ts';
import { savedCheckpoint } from './store.ts';

export type ProjectorContext = {
  store: string;
  view: string;
  checkpointFirst: boolean;
  idempotent: boolean;
  recovering: boolean;
  /** Checkpoint-first only: the position saved in its own store. */
  saved: number;
  /** The highest position handed to the read model: events go on in stream order, from last + 1. */
  last: number;
  /** Events received and not yet applied, sorted by position (the network may reorder pushes). */
  queue: Positioned[];
};

/**
 * The queue with new events merged in, by position. The safe projector drops what it has already
 * handed on or holds; the non-idempotent one keeps redeliveries, and hands them on again.
 */
function queued(context: ProjectorContext, events: Positioned[]): Positioned[] {
  const out = [...context.queue];
  for (const e of events) {
    if (context.idempotent && (e.position <= context.last || out.some((q) => q.position === e.position))) continue;
    out.push({ position: e.position, event: { ...e.event } });
  }
  return out.sort((x, y) => x.position - y.position);
}

export const projector = setup({
  types: { context: {} as ProjectorContext, events: {} as ProjectorEvent, input: {} as NodeInput, emitted: {} as Effect },
  actions: {
    enqueueEvents: enqueueActions(({ context, event, enqueue }) => {
      if (event.type === 'EVENTS') enqueue.assign({ queue: queued(context, event.events) });
    }),
    applyHead: enqueueActions(({ context, enqueue }) => {
      const head = context.queue[0];
      if (!head) return;
      enqueue.emit(send(context.view, 'APPLY', { ...positionedJson(head), idempotent: context.idempotent }));
      enqueue.assign({ last: Math.max(context.last, head.position) });
    }),
    dequeue: enqueueActions(({ context, enqueue }) => enqueue.assign({ queue: context.queue.slice(1) })),
    // UNSAFE (checkpointFirst): the position is durable before the read model has the event.
    saveCheckpoint: enqueueActions(({ context, enqueue }) => {
      const head = context.queue[0];
      if (!head) return;
      enqueue.emit({ type: 'store.append', record: { type: 'CHECKPOINT', position: head.position } });
      enqueue.emit({ type: 'timer.set', name: 'apply' });
      enqueue.assign({ saved: head.position });
    }),
    readCheckpoint: enqueueActions(({ context, enqueue }) => enqueue.emit(send(context.view, 'READ_CHECKPOINT'))),
    subscribeFromView: enqueueActions(({ context, event, enqueue }) => {
      if (event.type !== 'CHECKPOINT') return;
      enqueue.emit(send(context.store, 'SUBSCRIBE', { after: event.position }));
      enqueue.assign({ last: event.position, queue: [] });
    }),
    subscribeFromSaved: enqueueActions(({ context, enqueue }) => {
      enqueue.emit(send(context.store, 'SUBSCRIBE', { after: context.saved }));
      enqueue.assign({ last: context.saved });
    }),
    drop: enqueueActions(({ context, enqueue }) => {
      if (context.checkpointFirst) enqueue.emit({ type: 'store.append', record: { type: 'CHECKPOINT', position: 0 } });
      enqueue.emit(send(context.view, 'DROP'));
      enqueue.assign({ queue: [], saved: 0 });
    }),
  },
  guards: {
    recovering: ({ context }) => context.recovering,
    checkpointFirst: ({ context }) => context.checkpointFirst,
    /** Nothing to hand on: the queue is empty or starts past a gap (an earlier push is still on its way). */
    nothingReady: ({ context }) => !context.queue.length || context.queue[0].position > context.last + 1,
    headApplied: ({ context, event }) => event.type === 'APPLIED' && context.queue[0]?.position === event.position,
  },
}).createMachine({
  id: 'projector',
  context: ({ input }) => ({
    store: input.peers.find((p) => p.role === 'store')?.id ?? 'store',
    view: input.peers.find((p) => p.role === 'view')?.id ?? 'view',
    checkpointFirst: input.config.flags.checkpointFirst === true,
    idempotent: input.config.flags.notIdempotentProjector !== true,
    recovering: input.recovering,
    saved: savedCheckpoint(input.store),
    last: savedCheckpoint(input.store),
    queue: [],
  }),
  initial: 'start',
  states: {
    start: { always: [{ guard: 'recovering', target: 'recovering' }, { target: 'following' }] },
    following: {
      on: {
        EVENTS: { target: 'next', actions: 'enqueueEvents' },
        'request.rebuild': { target: 'resuming', actions: 'drop' },
      },
    },
    next: {
      always: [
        { guard: 'nothingReady', target: 'following' },
        { guard: 'checkpointFirst', target: 'checkpointed', actions: 'saveCheckpoint' },
        { target: 'applying', actions: 'applyHead' },
      ],
    },
    applying: {
      on: {
        EVENTS: { actions: 'enqueueEvents' },
        APPLIED: { guard: 'headApplied', target: 'next', actions: 'dequeue' },
      },
    },
    // UNSAFE: checkpoint saved, read model not updated yet.
    checkpointed: {
      on: {
        EVENTS: { actions: 'enqueueEvents' },
        'timer.apply': { target: 'applying', actions: 'applyHead' },
      },
    },
    // Waiting for the read model's checkpoint, to subscribe from it; live events are replayed then.
    resuming: { on: { CHECKPOINT: { target: 'following', actions: 'subscribeFromView' } } },
    recovering: {
      always: [
        { guard: 'checkpointFirst', target: 'following', actions: 'subscribeFromSaved' },
        { target: 'resuming', actions: 'readCheckpoint' },
      ],
    },
  },
});
