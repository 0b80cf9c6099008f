/**
 * The saga's messages and the events its machines receive, as typed unions. Types and one helper
 * only: no behaviour lives here.
 *
 * Names follow Richardson, "Microservices Patterns" (2018), ch. 4, where the create-order saga's
 * commands are imperative (RESERVE_CREDIT) and its replies and events past tense
 * (CREDIT_RESERVED). Under orchestration the order service's orchestrator sends commands and gets
 * replies; under choreography ORDER_CREATED starts a chain of events each service reacts to, and
 * the replies' names are reused as those events.
 */
import type { Effect } from '../kernel/types.ts';

/** Every protocol message name. */
export type MessageType =
  // Orchestration: commands from the orchestrator…
  | 'RESERVE_CREDIT'
  | 'RELEASE_CREDIT'
  | 'RESERVE_STOCK'
  // …and the participants' replies, which are also choreography's events.
  | 'CREDIT_RESERVED'
  | 'CREDIT_LIMIT_EXCEEDED'
  | 'CREDIT_RELEASED'
  | 'STOCK_RESERVED'
  | 'OUT_OF_STOCK'
  // Choreography: the event that starts the chain.
  | 'ORDER_CREATED';

/**
 * What every message carries: the order (saga) it is about, nothing else. Amounts are each
 * service's own data (what o1 asks of it), so a retried command is the same message as the first.
 */
export type Payload = { order: string };

type Delivered<T extends MessageType> = { type: T; from: string; order: string };

/** The client's requests, one per order (scenario data names at most o1 and o2). */
export type RequestEvent =
  | { type: 'request.place-o1' }
  | { type: 'request.place-o2' }
  | { type: 'request.cancel-o1' }
  | { type: 'request.cancel-o2' };

/** What the order service reacts to. */
export type OrderEvent =
  | RequestEvent
  | Delivered<'CREDIT_RESERVED'>
  | Delivered<'CREDIT_LIMIT_EXCEEDED'>
  | Delivered<'CREDIT_RELEASED'>
  | Delivered<'STOCK_RESERVED'>
  | Delivered<'OUT_OF_STOCK'>
  /** Orchestration: the credit step's deadline; the orchestrator gives up and compensates. */
  | { type: 'timer.credit-timeout' }
  /** Orchestration: the pivot's outcome is unknown; ask again (it must not give up now). */
  | { type: 'timer.stock-timeout' }
  /** Orchestration: a compensation is unacknowledged; send it again. */
  | { type: 'timer.release-timeout' }
  /** Choreography: publish ORDER_CREATED again for every open saga (at-least-once delivery). */
  | { type: 'timer.retry' };

/** What payment and inventory react to: a reservation asked for, or one to undo. */
export type ParticipantEvent =
  | Delivered<'RESERVE_CREDIT'>
  | Delivered<'RESERVE_STOCK'>
  | Delivered<'RELEASE_CREDIT'>
  | Delivered<'ORDER_CREATED'>
  | Delivered<'CREDIT_RESERVED'>
  | Delivered<'OUT_OF_STOCK'>;

export type Emitted = Effect;

/** A send effect for a saga message. */
export function send(to: string, type: MessageType, order: string): Emitted {
  return { type: 'send', to, message: { type, payload: { order } } };
}
