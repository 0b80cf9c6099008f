/**
 * The outbox sandbox's messages, events and row shape, as typed unions. Types and tiny builders only.
 *
 * An event row follows the Debezium outbox shape cut to what matters here (Debezium "Outbox Event
 * Router"): `id` (the dedupe key consumers record), `order` (the aggregate id, which is the
 * partition key) and `event` (the type). `lsn` is the row's position in the orders database's
 * commit log, which a log tailer reads from.
 */
import type { Effect } from '../kernel/types.ts';

export type EventType = 'OrderCreated' | 'OrderCancelled';

/** One event as it travels: outbox row, broker record, delivery. */
export type Row = { id: string; order: string; event: EventType; lsn: number };

/** Every protocol message name. */
export type MessageType = 'POLL' | 'READ_LOG' | 'ROWS' | 'MARK_SENT' | 'PUBLISH' | 'PUBLISH_ACK' | 'DELIVER' | 'COMMIT_OFFSET';

type From = { from: string };

/** Every client request a scenario may make: place an order, cancel o1. */
export const REQUESTS = ['create-o1', 'create-o2', 'cancel-o1'] as const;
export type RequestEvent = { type: `request.${(typeof REQUESTS)[number]}` };

/** The orders service: client requests, the relay's queries and marks, the broker's acks (dual write). */
export type OrdersEvent =
  | RequestEvent
  | ({ type: 'POLL' } & From)
  | ({ type: 'READ_LOG'; after: number } & From)
  | ({ type: 'MARK_SENT'; id: string } & From)
  | ({ type: 'PUBLISH_ACK'; id: string } & From)
  | { type: 'timer.publish' }
  | { type: 'timer.commit' };

/** The relay: rows read from the database, the broker's acks, its poll timer. */
export type RelayEvent = ({ type: 'ROWS'; rows: Row[] } & From) | ({ type: 'PUBLISH_ACK'; id: string } & From) | { type: 'timer.poll' };

/** The broker: appends from a producer, offset commits from the consumer, its redelivery timer. */
export type BrokerEvent =
  | ({ type: 'PUBLISH'; partition: number } & Row & From)
  | ({ type: 'COMMIT_OFFSET'; partition: number; offset: number } & From)
  | { type: 'timer.redeliver' };

/** The consumer: deliveries, and the second half of its two-step processing. */
export type PaymentEvent =
  | ({ type: 'DELIVER'; partition: number; offset: number } & Row & From)
  | { type: 'timer.commit-offset' }
  | { type: 'timer.apply' };

/** A delivery as the consumer keeps it in memory between its two steps. */
export type Delivery = { partition: number; offset: number; id: string; order: string; event: EventType; lsn: number };

export type Emitted = Effect;

export function send(to: string, type: MessageType, payload: { [k: string]: import('../kernel/types.ts').Json } = {}): Emitted {
  return { type: 'send', to, message: { type, payload } };
}

/** A row as a message payload (plain JSON). */
export function rowPayload(r: Row): { id: string; order: string; event: EventType; lsn: number } {
  return { id: r.id, order: r.order, event: r.event, lsn: r.lsn };
}

/** The row a request commits: `create-o1` is OrderCreated for o1, `cancel-o1` OrderCancelled. */
export function rowOfRequest(request: string, lsn: number): Row | null {
  const m = /^(create|cancel)-(o\d+)$/.exec(request);
  if (!m) return null;
  const event: EventType = m[1] === 'create' ? 'OrderCreated' : 'OrderCancelled';
  return { id: `${m[2]}-${m[1] === 'create' ? 'created' : 'cancelled'}`, order: m[2], event, lsn };
}

/**
 * Which partition a row goes to. Safe: the aggregate id is the key, so one order's events share a
 * partition and keep their order (Debezium routes `aggregateid` to the Kafka key). Under the unsafe
 * split, the key is the event (type), so one order's events land on different partitions.
 */
export function partitionOf(row: { order: string; event: EventType }, split: boolean): number {
  if (split) return row.event === 'OrderCreated' ? 0 : 1;
  return (Number(row.order.slice(1)) - 1) % 2;
}

export const PARTITIONS = 2;
