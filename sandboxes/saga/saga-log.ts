/**
 * The order service's durable log: the orders table and the saga log in one local database, as
 * log records per order, and the fold that recovery (and the invariants) read back. Pure.
 *
 * A saga's progress is its last progress record: PENDING (order created, credit asked for),
 * CREDIT_RESERVED (stock asked for: the pivot), COMPENSATING (undoing the reservation), APPROVED
 * or REJECTED (ended). CANCELLED is a client's cancel written over a PENDING order, which only the
 * unsafe variant without a semantic lock accepts; it changes the order's status, not the saga.
 */
import type { Json } from '../kernel/types.ts';

export type SagaRecordType = 'PENDING' | 'CREDIT_RESERVED' | 'COMPENSATING' | 'APPROVED' | 'REJECTED' | 'CANCELLED';
export type SagaRecord = { type: SagaRecordType; order: string };

/** Where a saga stands: the order's status (its semantic lock while PENDING) and the step it waits on. */
export type Step = 'credit' | 'stock' | 'compensate' | 'done';
export type Saga = { status: 'PENDING' | 'APPROVED' | 'REJECTED'; step: Step };

export function sagaRecords(store: Json): SagaRecord[] {
  const log = store && typeof store === 'object' && !Array.isArray(store) ? store.log : null;
  return Array.isArray(log) ? (log as unknown as SagaRecord[]) : [];
}

/** A saga after one more record about it. */
export function applySagaRecord(s: Saga | undefined, r: SagaRecordType): Saga {
  const cur = s ?? { status: 'PENDING', step: 'credit' };
  switch (r) {
    case 'PENDING':
      return { status: 'PENDING', step: 'credit' };
    case 'CREDIT_RESERVED':
      return { ...cur, step: 'stock' };
    case 'COMPENSATING':
      return { ...cur, step: 'compensate' };
    case 'APPROVED':
      return { status: 'APPROVED', step: 'done' };
    case 'REJECTED':
      return { status: 'REJECTED', step: 'done' };
    case 'CANCELLED':
      return { ...cur, status: 'REJECTED' };
  }
}

/** Every saga the log knows, by order id. */
export function sagasOf(store: Json): Record<string, Saga> {
  const out: Record<string, Saga> = {};
  for (const r of sagaRecords(store)) out[r.order] = applySagaRecord(out[r.order], r.type);
  return out;
}
