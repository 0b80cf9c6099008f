/**
 * The CQRS sandbox's messages, domain events and request names, as typed unions. Types and tiny
 * builders only: no machine logic, no reading of worlds.
 *
 * One aggregate kind, an inventory item (`item-1`), whose stream holds `ItemStocked` (units put on
 * the shelf) and `ItemReserved` (one unit reserved by a client). A stream position is the event's
 * 1-based version in that stream; with one stream it is also the global position a projector and
 * a position token use (EventStoreDB numbers both; Young, "CQRS Documents").
 */
import type { Effect, Json } from '../kernel/types.ts';

export const ITEM = 'item-1';

/** A domain event as stored and as it travels. */
/** `command` is the id of the command that produced it (`a1`: a's first), which makes appends idempotent. */
export type DomainEvent = { type: 'ItemStocked'; qty: number } | { type: 'ItemReserved'; by: string; command: string };

/** A domain event with its position in the stream. */
export type Positioned = { position: number; event: DomainEvent };

export type MessageType =
  | 'RESERVE'
  | 'RESERVED'
  | 'REJECTED'
  | 'READ_STREAM'
  | 'STREAM'
  | 'APPEND'
  | 'APPEND_OK'
  | 'WRONG_EXPECTED_VERSION'
  | 'SUBSCRIBE'
  | 'EVENTS'
  | 'APPLY'
  | 'APPLIED'
  | 'READ_CHECKPOINT'
  | 'CHECKPOINT'
  | 'DROP'
  | 'QUERY'
  | 'QUERY_RESULT';

type From = { from: string };

/** Client requests: `a-reserve`, `b-query`…; `rebuild` goes to the projector. */
export type ClientEvent =
  | { type: `request.${string}` }
  | ({ type: 'RESERVED'; position: number } & From)
  | ({ type: 'REJECTED'; stock: number } & From)
  | ({ type: 'QUERY_RESULT'; stock: number; position: number } & From);

export type HandlerEvent =
  | ({ type: 'RESERVE'; command: string } & From)
  | ({ type: 'STREAM'; for: string; events: Positioned[]; version: number } & From)
  | ({ type: 'APPEND_OK'; for: string; position: number } & From)
  | ({ type: 'WRONG_EXPECTED_VERSION'; for: string; version: number } & From);

export type StoreEvent =
  | ({ type: 'READ_STREAM'; for: string } & From)
  | ({ type: 'APPEND'; for: string; event: DomainEvent; expectedVersion: number | null } & From)
  | ({ type: 'SUBSCRIBE'; after: number } & From);

export type ProjectorEvent =
  | { type: 'request.rebuild' }
  | ({ type: 'EVENTS'; events: Positioned[] } & From)
  | ({ type: 'APPLIED'; position: number } & From)
  | ({ type: 'CHECKPOINT'; position: number } & From)
  | { type: 'timer.apply' };

export type ViewEvent =
  | ({ type: 'APPLY'; position: number; event: DomainEvent; idempotent: boolean } & From)
  | ({ type: 'READ_CHECKPOINT' } & From)
  | ({ type: 'DROP' } & From)
  | ({ type: 'QUERY'; after: number } & From);

export function send(to: string, type: MessageType, payload: { [k: string]: Json } = {}): Effect {
  return { type: 'send', to, message: { type, payload } };
}

/** A positioned event as plain JSON. */
export function positionedJson(p: Positioned): { [k: string]: Json } {
  return { position: p.position, event: { ...p.event } };
}

/** The stock a sequence of events folds to: the aggregate's state (and the read model's row). */
export function foldStock(events: DomainEvent[]): number {
  return events.reduce((s, e) => (e.type === 'ItemStocked' ? s + e.qty : s - 1), 0);
}

/** `a-reserve` → { client: 'a', op: 'reserve' }. */
export function parseRequest(request: string): { client: string; op: 'reserve' | 'query' } | null {
  const m = /^([ab])-(reserve|query)$/.exec(request);
  return m ? { client: m[1], op: m[2] as 'reserve' | 'query' } : null;
}
