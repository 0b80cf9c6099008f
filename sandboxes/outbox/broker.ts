/**
 * The broker, as an XState machine: a durable, ordered log per partition with each consumer
 * group's committed offsets, delivering at least once (Kafka design, "Message Delivery
 * Semantics"). Must not: deduplicate (a relay that republishes after a crash starts a new producer
 * session, so even an idempotent producer's sequence numbers, KIP-98, do not catch it), or read a
 * clock.
 *
 * Per consumer and partition it delivers in log order, one record at a time, from the committed
 * offset, and moves on when the consumer commits the next offset (COMMIT_OFFSET). Its redeliver
 * timer resends the record at the committed offset: a consumer that crashed or lost a message gets
 * it again. Each consumer is its own group (payment, and notify when present).
 */
import { enqueueActions, setup } from 'xstate';
import type { NodeInput } from '../kernel/types.ts';
import { PARTITIONS, rowPayload, send, type BrokerEvent, type Emitted, type Row } from './messages.ts';
import { committedOffsets, partitionLogs } from './store.ts';

export type BrokerContext = {
  /** Consumer node ids; each is its own consumer group. */
  consumers: string[];
  recovering: boolean;
  logs: Row[][];
  /** Per consumer, then partition: the committed offset (the next record to deliver). */
  committed: number[][];
  /** Per consumer, then partition: a delivery is out and not yet committed. */
  outstanding: boolean[][];
};

function deliver(context: BrokerContext, c: number, p: number): Emitted | null {
  const at = context.committed[c][p];
  const row = context.logs[p][at];
  return row ? send(context.consumers[c], 'DELIVER', { ...rowPayload(row), partition: p, offset: at }) : null;
}

const replace = <T>(xs: T[], i: number, x: T): T[] => xs.map((y, j) => (j === i ? x : y));

export const broker = setup({
  types: { context: {} as BrokerContext, events: {} as BrokerEvent, input: {} as NodeInput, emitted: {} as Emitted },
  actions: {
    append: enqueueActions(({ context, event, enqueue }) => {
      if (event.type !== 'PUBLISH') return;
      const row: Row = { id: event.id, order: event.order, event: event.event, lsn: event.lsn };
      enqueue.emit({ type: 'store.append', record: { type: 'APPEND', partition: event.partition, ...rowPayload(row) } });
      enqueue.emit(send(event.from, 'PUBLISH_ACK', { id: event.id }));
      enqueue.assign({ logs: replace(context.logs, event.partition, [...context.logs[event.partition], row]) });
    }),
    commitOffset: enqueueActions(({ context, event, enqueue }) => {
      if (event.type !== 'COMMIT_OFFSET') return;
      const c = context.consumers.indexOf(event.from);
      if (c < 0 || event.offset <= context.committed[c][event.partition]) return;
      enqueue.emit({ type: 'store.append', record: { type: 'OFFSET', group: event.from, partition: event.partition, offset: event.offset } });
      enqueue.assign({
        committed: replace(context.committed, c, replace(context.committed[c], event.partition, event.offset)),
        outstanding: replace(context.outstanding, c, replace(context.outstanding[c], event.partition, false)),
      });
    }),
    /** Deliver the next record wherever nothing is outstanding. */
    deliverIdle: enqueueActions(({ context, enqueue }) => {
      const outstanding = context.outstanding.map((o) => o.slice());
      for (let c = 0; c < context.consumers.length; c++) {
        for (let p = 0; p < PARTITIONS; p++) {
          const m = outstanding[c][p] ? null : deliver(context, c, p);
          if (m) {
            enqueue.emit(m);
            outstanding[c][p] = true;
          }
        }
      }
      enqueue.assign({ outstanding });
      if (outstanding.some((o) => o.some(Boolean))) enqueue.emit({ type: 'timer.set', name: 'redeliver' });
      else enqueue.emit({ type: 'timer.clear', name: 'redeliver' });
    }),
    /** At least once: resend every uncommitted record at its committed offset. */
    redeliver: enqueueActions(({ context, enqueue }) => {
      for (let c = 0; c < context.consumers.length; c++) {
        for (let p = 0; p < PARTITIONS; p++) {
          const m = context.outstanding[c][p] ? deliver(context, c, p) : null;
          if (m) enqueue.emit(m);
        }
      }
      enqueue.emit({ type: 'timer.set', name: 'redeliver' });
    }),
  },
  guards: {
    recovering: ({ context }) => context.recovering,
  },
}).createMachine({
  id: 'broker',
  context: ({ input }) => {
    const consumers = input.peers.filter((p) => p.role === 'payment' || p.role === 'notify').map((p) => p.id);
    return {
      consumers,
      recovering: input.recovering,
      logs: partitionLogs(input.store),
      committed: consumers.map((c) => committedOffsets(input.store, c)),
      outstanding: consumers.map(() => Array.from({ length: PARTITIONS }, () => false)),
    };
  },
  initial: 'start',
  states: {
    start: { always: [{ guard: 'recovering', target: 'recovering' }, { target: 'serving' }] },
    serving: {
      on: {
        PUBLISH: { actions: ['append', 'deliverIdle'] },
        COMMIT_OFFSET: { actions: ['commitOffset', 'deliverIdle'] },
        'timer.redeliver': { actions: 'redeliver' },
      },
    },
    // Restart: logs and offsets are on disk; deliver again from the committed offsets.
    recovering: { always: { target: 'serving', actions: 'deliverIdle' } },
  },
});
