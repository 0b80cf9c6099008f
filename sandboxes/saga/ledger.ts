/**
 * A participant's durable ledger (payment's credit, inventory's stock): the local transactions it
 * committed, as forced log records, and the summary its machine and the invariants read off them.
 * Pure functions of the records; the ledger is append-only, so a crash never erases a reservation.
 *
 * Records: RESERVED (n units held for an order), REFUSED (not enough left: the business failure),
 * RELEASED (the compensation gave n back) and TOMBSTONE, which a compensation leaves when it
 * finds nothing to undo, so that the action it overtook is refused when it arrives (Garcia-Molina
 * & Salem 1987 require only that Ci undo Ti; McCaffrey 2017 adds that a compensation must be safe
 * even if it overtakes its request; Frank & Zahle 1998 call the record a version file).
 */
import type { Json } from '../kernel/types.ts';

export type LedgerRecord =
  | { type: 'RESERVED'; order: string; n: number }
  | { type: 'REFUSED'; order: string }
  | { type: 'RELEASED'; order: string; n: number }
  | { type: 'TOMBSTONE'; order: string };

/** What a ledger says now: units held per order, each order's reservation outcome, orders closed by a compensation. */
export type Ledger = {
  held: Record<string, number>;
  outcome: Record<string, 'reserved' | 'refused'>;
  /** Orders released or tombstoned, sorted. */
  closed: string[];
};

export const EMPTY: Ledger = { held: {}, outcome: {}, closed: [] };

/** The ledger's records (empty when the store has none). */
export function recordsOf(store: Json): LedgerRecord[] {
  const log = store && typeof store === 'object' && !Array.isArray(store) ? store.log : null;
  return Array.isArray(log) ? (log as unknown as LedgerRecord[]) : [];
}

/** The ledger after one more record. */
export function applyRecord(l: Ledger, r: LedgerRecord): Ledger {
  const held = { ...l.held };
  const close = (o: string) => (l.closed.includes(o) ? l.closed : [...l.closed, o].sort());
  switch (r.type) {
    case 'RESERVED':
      held[r.order] = (held[r.order] ?? 0) + r.n;
      return { held, outcome: { ...l.outcome, [r.order]: 'reserved' }, closed: l.closed };
    case 'REFUSED':
      return { held, outcome: { ...l.outcome, [r.order]: 'refused' }, closed: l.closed };
    case 'RELEASED':
      delete held[r.order];
      return { held, outcome: l.outcome, closed: close(r.order) };
    case 'TOMBSTONE':
      return { held, outcome: l.outcome, closed: close(r.order) };
  }
}

/** The summary of a whole store. */
export function ledgerOf(store: Json): Ledger {
  return recordsOf(store).reduce(applyRecord, EMPTY);
}

/** Units held for all orders together. */
export function totalHeld(l: Ledger): number {
  return Object.values(l.held).reduce((a, b) => a + b, 0);
}
