/**
 * The durable stores of the outbox sandbox and the helpers that read them back (on recovery, and
 * for invariants and narration). What reached a log survives a crash; nothing else does. Pure.
 *
 * orders: its database's commit log. One COMMIT record is one local transaction: the order row and
 *   (unless dual write) its outbox row, written together (Richardson, "Transactional outbox").
 *   SENT records are the polling publisher's updates marking a row sent.
 * relay: POSITION records, the log tailer's saved read position (Debezium's connector offset).
 * broker: APPEND records (the partition logs) and OFFSET records (each consumer group's committed
 *   offsets), both forced: the broker is durable.
 * payment: APPLIED records, each one local transaction holding the effect (a charge or a refund)
 *   and the processed-message id, the inbox (Richardson, "Idempotent consumer").
 */
import type { Json } from '../kernel/types.ts';
import { PARTITIONS, type EventType, type Row } from './messages.ts';

export type OrdersRecord =
  | { type: 'COMMIT'; id: string; order: string; event: EventType; lsn: number; outbox: boolean }
  | { type: 'SENT'; id: string };
export type RelayRecord = { type: 'POSITION'; lsn: number };
export type BrokerRecord =
  | { type: 'APPEND'; partition: number; id: string; order: string; event: EventType; lsn: number }
  | { type: 'OFFSET'; group: string; partition: number; offset: number };
export type PaymentRecord = { type: 'APPLIED'; id: string; order: string; event: EventType; n: number };

/** The log of any store (empty when absent). */
export function logOf<T>(store: Json): T[] {
  const log = store && typeof store === 'object' && !Array.isArray(store) ? store.log : null;
  return Array.isArray(log) ? (log as unknown as T[]) : [];
}

const asRow = (r: { id: string; order: string; event: EventType; lsn: number }): Row => ({ id: r.id, order: r.order, event: r.event, lsn: r.lsn });

/** Committed outbox rows, in commit order (the commit log a tailer reads). */
export function outboxRows(store: Json): Row[] {
  return logOf<OrdersRecord>(store).flatMap((r) => (r.type === 'COMMIT' && r.outbox ? [asRow(r)] : []));
}

/** Every committed order change, outbox row or not (dual write commits without one). */
export function committedRows(store: Json): Row[] {
  return logOf<OrdersRecord>(store).flatMap((r) => (r.type === 'COMMIT' ? [asRow(r)] : []));
}

/** Outbox rows not yet marked sent: what a polling publisher's query returns. */
export function unsentRows(store: Json): Row[] {
  const sent = new Set(logOf<OrdersRecord>(store).flatMap((r) => (r.type === 'SENT' ? [r.id] : [])));
  return outboxRows(store).filter((r) => !sent.has(r.id));
}

/** The log tailer's saved position: the last commit-log position it has published (0: none). */
export function savedPosition(store: Json): number {
  return logOf<RelayRecord>(store).reduce((m, r) => (r.type === 'POSITION' && r.lsn > m ? r.lsn : m), 0);
}

/** The broker's partition logs. */
export function partitionLogs(store: Json): Row[][] {
  const logs: Row[][] = Array.from({ length: PARTITIONS }, () => []);
  for (const r of logOf<BrokerRecord>(store)) if (r.type === 'APPEND') logs[r.partition].push(asRow(r));
  return logs;
}

/** A consumer group's committed offsets per partition (the next offset to read). */
export function committedOffsets(store: Json, group: string): number[] {
  const out = Array.from({ length: PARTITIONS }, () => 0);
  for (const r of logOf<BrokerRecord>(store)) if (r.type === 'OFFSET' && r.group === group && r.offset > out[r.partition]) out[r.partition] = r.offset;
  return out;
}

/** The consumer's applied effects, in order. */
export function appliedRecords(store: Json): PaymentRecord[] {
  return logOf<PaymentRecord>(store).filter((r) => r.type === 'APPLIED');
}
