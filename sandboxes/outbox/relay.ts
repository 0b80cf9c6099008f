/**
 * The message relay, as an XState machine: it moves outbox rows from the orders database to the
 * broker and never touches business data. Must not: read a clock, trust memory after a crash.
 *
 * Polling publisher (default; Richardson, "Polling publisher"): on its poll timer it asks for
 * unsent rows (POLL), publishes them, and marks each sent (MARK_SENT) only after the broker's
 * PUBLISH_ACK. Log tailing (flag `logTailing`; Richardson, "Transaction log tailing"; Debezium):
 * it reads the commit log after its saved position (READ_LOG) and saves the new position after
 * the ack. Either way a crash after publishing and before marking republishes: at-least-once
 * (REFERENCES §3b trap 4; Debezium resumes from its last committed offset). It publishes one row
 * at a time, as a Kafka producer with one request in flight keeps a partition's order; under the
 * unsafe split it publishes every row at once, as parallel workers would.
 */
import { assign, enqueueActions, setup } from 'xstate';
import type { NodeInput } from '../kernel/types.ts';
import { partitionOf, rowPayload, send, type Emitted, type RelayEvent, type Row } from './messages.ts';
import { savedPosition } from './store.ts';

export type RelayContext = {
  orders: string;
  broker: string;
  logTailing: boolean;
  markBeforeAck: boolean;
  split: boolean;
  recovering: boolean;
  /** Log tailing: the last commit-log position published and saved. */
  position: number;
  /** Rows read and not yet acknowledged, in commit order. */
  queue: Row[];
};

type Out = { effects: Emitted[]; position: number };

/** Marking a row: MARK_SENT to the database (polling), or saving the read position (tailing). */
function marking(context: RelayContext, row: Row): Out {
  if (!context.logTailing) return { effects: [send(context.orders, 'MARK_SENT', { id: row.id })], position: context.position };
  if (row.lsn <= context.position) return { effects: [], position: context.position };
  return { effects: [{ type: 'store.append', record: { type: 'POSITION', lsn: row.lsn } }], position: row.lsn };
}

/** PUBLISH for the head row (every queued row under the split), each marked at once when marking early. */
function publishing(context: RelayContext): Out {
  const effects: Emitted[] = [];
  let position = context.position;
  for (const row of context.split ? context.queue : context.queue.slice(0, 1)) {
    effects.push(send(context.broker, 'PUBLISH', { ...rowPayload(row), partition: partitionOf(row, context.split) }));
    if (context.markBeforeAck) {
      const m = marking({ ...context, position }, row);
      effects.push(...m.effects);
      position = m.position;
    }
  }
  return { effects, position };
}

export const relay = setup({
  types: { context: {} as RelayContext, events: {} as RelayEvent, input: {} as NodeInput, emitted: {} as Emitted },
  actions: {
    armPollTimer: enqueueActions(({ enqueue }) => enqueue.emit({ type: 'timer.set', name: 'poll' })),
    poll: enqueueActions(({ context, enqueue }) =>
      enqueue.emit(context.logTailing ? send(context.orders, 'READ_LOG', { after: context.position }) : send(context.orders, 'POLL')),
    ),
    takeRows: assign({ queue: ({ event }) => (event.type === 'ROWS' ? event.rows.map((r) => ({ id: r.id, order: r.order, event: r.event, lsn: r.lsn })) : []) }),
    /** Publish the head row (all rows under the split), marking them first when marking early. */
    publish: enqueueActions(({ context, enqueue }) => {
      const out = publishing(context);
      for (const e of out.effects) enqueue.emit(e);
      enqueue.assign({ position: out.position });
    }),
    /** Mark the acknowledged row sent (never before an ack, unless marking early). */
    markAcked: enqueueActions(({ context, event, enqueue }) => {
      const row = context.queue.find((r) => event.type === 'PUBLISH_ACK' && r.id === event.id);
      if (!row || context.markBeforeAck) return;
      const out = marking(context, row);
      for (const e of out.effects) enqueue.emit(e);
      enqueue.assign({ position: out.position });
    }),
    /** Sequential relay: the next row once the previous one is acknowledged (run after dropAcked). */
    publishNext: enqueueActions(({ context, enqueue }) => {
      if (context.split) return;
      const out = publishing(context);
      for (const e of out.effects) enqueue.emit(e);
      enqueue.assign({ position: out.position });
    }),
    dropAcked: assign({ queue: ({ context, event }) => context.queue.filter((r) => event.type !== 'PUBLISH_ACK' || r.id !== event.id) }),
  },
  guards: {
    recovering: ({ context }) => context.recovering,
    noRows: ({ event }) => event.type === 'ROWS' && event.rows.length === 0,
    /** The ack is for the row it is waiting on (any queued row under the split). */
    ackForQueued: ({ context, event }) =>
      event.type === 'PUBLISH_ACK' && (context.split ? context.queue.some((r) => r.id === event.id) : context.queue[0]?.id === event.id),
    lastRow: ({ context, event }) => event.type === 'PUBLISH_ACK' && context.queue.every((r) => r.id === event.id),
  },
}).createMachine({
  id: 'relay',
  context: ({ input }) => ({
    orders: input.peers.find((p) => p.role === 'orders')?.id ?? 'orders',
    broker: input.peers.find((p) => p.role === 'broker')?.id ?? 'broker',
    logTailing: input.config.flags.logTailing === true,
    markBeforeAck: input.config.flags.markBeforeAck === true,
    split: input.config.flags.splitPartitions === true,
    recovering: input.recovering,
    position: savedPosition(input.store),
    queue: [],
  }),
  initial: 'start',
  states: {
    start: { always: [{ guard: 'recovering', target: 'recovering' }, { target: 'idle' }] },
    idle: {
      entry: 'armPollTimer',
      on: { 'timer.poll': { target: 'polling', actions: ['poll', 'armPollTimer'] } },
    },
    polling: {
      on: {
        ROWS: [{ guard: 'noRows', target: 'idle' }, { target: 'publishing', actions: ['takeRows', 'publish'] }],
        // The query or its answer was lost: ask again.
        'timer.poll': { actions: ['poll', 'armPollTimer'] },
      },
    },
    publishing: {
      on: {
        PUBLISH_ACK: [
          { guard: 'lastRow', target: 'idle', actions: ['markAcked', 'dropAcked'] },
          { guard: 'ackForQueued', actions: ['markAcked', 'dropAcked', 'publishNext'] },
        ],
        // No ack (publish or ack lost): read again; unmarked rows come back and are republished.
        'timer.poll': { target: 'polling', actions: ['poll', 'armPollTimer'] },
      },
    },
    // Restart: nothing in memory survives; a tailer resumes from its saved position.
    recovering: { always: { target: 'idle' } },
  },
});
