/**
 * The order service with its database, as an XState machine. It talks only by emitting effects.
 *
 * Safe (Richardson, "Transactional outbox"): a request changes the orders table and inserts the
 * event into the outbox table in one local transaction, one forced COMMIT record. It never talks
 * to the broker; the relay reads the outbox (POLL, or READ_LOG for a log tailer) and marks rows
 * sent (MARK_SENT). Unsafe dual write (DDIA ch. 11; REFERENCES §3b traps 1-2): commit, then publish
 * from memory in a later step, so a crash between loses the event; or publish first and commit
 * later, so a crash between leaves consumers acting on a change that never committed.
 * Must not: read a clock, keep anything it needs after a crash outside its log.
 */
import { assign, enqueueActions, setup } from 'xstate';
import type { NodeInput } from '../kernel/types.ts';
import { partitionOf, REQUESTS, rowOfRequest, rowPayload, send, type Emitted, type OrdersEvent, type Row } from './messages.ts';
import { committedRows, logOf, outboxRows, type OrdersRecord } from './store.ts';

export type OrdersContext = {
  broker: string;
  dualWrite: boolean;
  publishFirst: boolean;
  split: boolean;
  recovering: boolean;
  /** Commit-log positions used so far (the next COMMIT gets lsn + 1). */
  lsn: number;
  /** Committed outbox rows and which are marked sent: the tables, mirrored from the log. */
  rows: Row[];
  sent: string[];
  /** Dual write only, in memory: committed but unacknowledged events, or published but uncommitted ones. */
  pending: Row[];
};

const requestOf = (type: string) => type.slice('request.'.length);

function nextRow(context: OrdersContext, type: string, extra: number): Row | null {
  return rowOfRequest(requestOf(type), context.lsn + 1 + extra);
}

function commitRecord(row: Row, outbox: boolean): OrdersRecord {
  return { type: 'COMMIT', id: row.id, order: row.order, event: row.event, lsn: row.lsn, outbox };
}

/** The same transition for every client request (the request names the row it commits). */
function onRequest<T>(transition: T): Record<`request.${(typeof REQUESTS)[number]}`, T> {
  return Object.fromEntries(REQUESTS.map((r) => [`request.${r}`, transition])) as Record<`request.${(typeof REQUESTS)[number]}`, T>;
}

export const orders = setup({
  types: { context: {} as OrdersContext, events: {} as OrdersEvent, input: {} as NodeInput, emitted: {} as Emitted },
  actions: {
    // One local transaction: the order change and its outbox row, forced together.
    commitWithOutbox: enqueueActions(({ context, event, enqueue }) => {
      const row = nextRow(context, event.type, 0);
      if (!row) return;
      enqueue.emit({ type: 'store.append', record: commitRecord(row, true) });
      enqueue.assign({ lsn: row.lsn, rows: [...context.rows, row] });
    }),
    // UNSAFE (dualWrite): commit the order alone; the event waits in memory for the publish step.
    commitWithoutOutbox: enqueueActions(({ context, event, enqueue }) => {
      const row = nextRow(context, event.type, 0);
      if (!row) return;
      enqueue.emit({ type: 'store.append', record: commitRecord(row, false) });
      enqueue.assign({ lsn: row.lsn, pending: [...context.pending, row] });
    }),
    // UNSAFE (publishFirst): publish now; the transaction stays open until the commit step.
    publishThenOpen: enqueueActions(({ context, event, enqueue }) => {
      const row = nextRow(context, event.type, context.pending.length);
      if (!row) return;
      enqueue.emit(send(context.broker, 'PUBLISH', { ...rowPayload(row), partition: partitionOf(row, context.split) }));
      enqueue.assign({ pending: [...context.pending, row] });
    }),
    commitOpen: enqueueActions(({ context, enqueue }) => {
      for (const row of context.pending) enqueue.emit({ type: 'store.append', record: commitRecord(row, false) });
      const last = context.pending[context.pending.length - 1];
      enqueue.assign({ pending: [], lsn: last ? last.lsn : context.lsn });
    }),
    publishHead: enqueueActions(({ context, enqueue }) => {
      const row = context.pending[0];
      if (row) enqueue.emit(send(context.broker, 'PUBLISH', { ...rowPayload(row), partition: partitionOf(row, context.split) }));
    }),
    dropAcked: assign({ pending: ({ context, event }) => context.pending.filter((r) => !('id' in event) || r.id !== event.id) }),
    armPublishTimer: enqueueActions(({ enqueue }) => enqueue.emit({ type: 'timer.set', name: 'publish' })),
    clearPublishTimer: enqueueActions(({ enqueue }) => enqueue.emit({ type: 'timer.clear', name: 'publish' })),
    armCommitTimer: enqueueActions(({ enqueue }) => enqueue.emit({ type: 'timer.set', name: 'commit' })),
    // The polling publisher's query: SELECT … FROM outbox WHERE NOT sent ORDER BY position.
    replyUnsent: enqueueActions(({ context, event, enqueue }) => {
      if (!('from' in event)) return;
      const rows = context.rows.filter((r) => !context.sent.includes(r.id)).map(rowPayload);
      enqueue.emit(send(event.from, 'ROWS', { rows }));
    }),
    // The log tailer's read: commit-log records after its saved position, in commit order.
    replyLog: enqueueActions(({ context, event, enqueue }) => {
      if (event.type !== 'READ_LOG') return;
      enqueue.emit(send(event.from, 'ROWS', { rows: context.rows.filter((r) => r.lsn > event.after).map(rowPayload) }));
    }),
    markSent: enqueueActions(({ context, event, enqueue }) => {
      if (event.type !== 'MARK_SENT' || context.sent.includes(event.id)) return;
      enqueue.emit({ type: 'store.append', record: { type: 'SENT', id: event.id } });
      enqueue.assign({ sent: [...context.sent, event.id].sort() });
    }),
  },
  guards: {
    recovering: ({ context }) => context.recovering,
    dualWrite: ({ context }) => context.dualWrite,
    publishFirst: ({ context }) => context.publishFirst,
    /** This ack is for the last event still waiting to be published. */
    lastPending: ({ context, event }) => 'id' in event && context.pending.every((r) => r.id === event.id),
  },
}).createMachine({
  id: 'orders',
  context: ({ input }) => ({
    broker: input.peers.find((p) => p.role === 'broker')?.id ?? 'broker',
    dualWrite: input.config.flags.dualWrite === true,
    publishFirst: input.config.flags.publishFirst === true,
    split: input.config.flags.splitPartitions === true,
    recovering: input.recovering,
    lsn: committedRows(input.store).length,
    rows: outboxRows(input.store),
    sent: logOf<OrdersRecord>(input.store).flatMap((r) => (r.type === 'SENT' ? [r.id] : [])).sort(),
    pending: [],
  }),
  initial: 'start',
  states: {
    start: { always: [{ guard: 'recovering', target: 'recovering' }, { target: 'ready' }] },
    ready: {
      on: {
        ...onRequest([
          { guard: 'publishFirst', target: 'committing', actions: ['publishThenOpen', 'armCommitTimer'] },
          { guard: 'dualWrite', target: 'publishing', actions: ['commitWithoutOutbox', 'armPublishTimer'] },
          { actions: 'commitWithOutbox' },
        ] as const),
        POLL: { actions: 'replyUnsent' },
        READ_LOG: { actions: 'replyLog' },
        MARK_SENT: { actions: 'markSent' },
      },
    },
    // Dual write, commit first: committed, the event only in memory until the publish step.
    publishing: {
      on: {
        ...onRequest({ actions: 'commitWithoutOutbox' } as const),
        'timer.publish': { actions: ['publishHead', 'armPublishTimer'] },
        PUBLISH_ACK: [{ guard: 'lastPending', target: 'ready', actions: ['dropAcked', 'clearPublishTimer'] }, { actions: 'dropAcked' }],
      },
    },
    // Dual write, publish first: the event is out, the transaction still open.
    committing: {
      on: {
        ...onRequest({ actions: 'publishThenOpen' } as const),
        'timer.commit': { target: 'ready', actions: 'commitOpen' },
      },
    },
    // Restart: the database recovers committed transactions; an open one rolls back, and what
    // was only in memory (events still to publish) is gone.
    recovering: { always: { target: 'ready' } },
  },
});
