/**
 * The CQRS sandbox's durable stores and the helpers that read them back, on recovery and for
 * invariants and narration. What reached a log survives a crash; nothing else does. Pure.
 *
 * store: the event stream of item-1, one domain event per record, append-only; position = index + 1.
 * view: the read model's own log. An APPLIED record is one read-model transaction holding the row
 *   change and the checkpoint together (the projection's position is the highest APPLIED after the
 *   last DROPPED); DROPPED is the rebuild's truncate.
 * projector: CHECKPOINT records, used only by the unsafe checkpoint-first design, which keeps its
 *   position apart from the read model.
 * clients a, b: what each operation returned (RESERVED with its position, REJECTED, READ).
 */
import type { Json } from '../kernel/types.ts';
import { foldStock, type DomainEvent, type Positioned } from './messages.ts';

export type ViewRecord = { type: 'APPLIED'; position: number; event: DomainEvent } | { type: 'DROPPED' };
export type ClientRecord = { type: 'RESERVED'; position: number } | { type: 'REJECTED' } | { type: 'READ'; stock: number; position: number };

/** The log of any store (empty when absent). */
export function logOf<T>(store: Json): T[] {
  const log = store && typeof store === 'object' && !Array.isArray(store) ? store.log : null;
  return Array.isArray(log) ? (log as unknown as T[]) : [];
}

/** The event stream, with positions. */
export function streamOf(store: Json): Positioned[] {
  return logOf<DomainEvent>(store).map((event, i) => ({ position: i + 1, event }));
}

/** The read model's applied events since its last drop, in the order applied. */
export function viewApplied(store: Json): { position: number; event: DomainEvent }[] {
  const log = logOf<ViewRecord>(store);
  let start = 0;
  log.forEach((r, i) => {
    if (r.type === 'DROPPED') start = i + 1;
  });
  return log.slice(start).flatMap((r) => (r.type === 'APPLIED' ? [{ position: r.position, event: r.event }] : []));
}

/** The read model's row (stock) and its checkpoint: what one read-model transaction left. */
export function viewRow(store: Json): { stock: number; checkpoint: number } {
  const applied = viewApplied(store);
  return { stock: foldStock(applied.map((a) => a.event)), checkpoint: applied.reduce((m, a) => Math.max(m, a.position), 0) };
}

/** The checkpoint-first projector's saved position, its last CHECKPOINT (0: none; a rebuild saves 0). */
export function savedCheckpoint(store: Json): number {
  return logOf<{ type: string; position: number }>(store).reduce((m, r) => (r.type === 'CHECKPOINT' ? r.position : m), 0);
}

/** A client's operations' results, in order. */
export function clientLog(store: Json): ClientRecord[] {
  return logOf<ClientRecord>(store);
}
