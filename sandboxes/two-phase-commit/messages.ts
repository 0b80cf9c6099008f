/**
 * Two-phase commit's messages and the events its machines receive, as typed unions.
 *
 * Names follow the literature (Gray & Reuter, "Transaction Processing", 1993, §10.3; Bernstein,
 * Hadzilacos & Goodman, "Concurrency Control and Recovery in Database Systems", 1987, ch. 7).
 * DECISION_REQUEST is what an in-doubt participant sends to ask for the outcome. Types only.
 */
import type { Effect } from '../kernel/types.ts';

/** The one transaction every scenario runs. */
export const TX = 'T1';

/** Every protocol message name. */
export type MessageType = 'PREPARE' | 'VOTE_COMMIT' | 'VOTE_ABORT' | 'GLOBAL_COMMIT' | 'GLOBAL_ABORT' | 'ACK' | 'DECISION_REQUEST';

/** A delivered message as the kernel hands it to a machine: type, sender and payload fields. */
type Delivered<T extends MessageType> = { type: T; from: string; tx: string };

/** What the coordinator reacts to: the client's request, votes, acks, decision requests, its timers. */
export type CoordinatorEvent =
  | { type: 'request.begin' }
  | Delivered<'VOTE_COMMIT'>
  | Delivered<'VOTE_ABORT'>
  | Delivered<'ACK'>
  | Delivered<'DECISION_REQUEST'>
  | { type: 'timer.vote-timeout' }
  /** While committing or aborting: resend the decision to participants that have not acknowledged. */
  | { type: 'timer.ack-timeout' }
  /** Only with the unsafe `sendBeforeLog` flag: the delayed write of the COMMIT record. */
  | { type: 'timer.log-flush' };

/** What a participant reacts to: the coordinator's messages and its own timers. */
export type ParticipantEvent =
  | Delivered<'PREPARE'>
  | Delivered<'GLOBAL_COMMIT'>
  | Delivered<'GLOBAL_ABORT'>
  | { type: 'timer.prepare-timeout' }
  | { type: 'timer.decision-timeout' };

/** What both machines emit for the kernel (send, timers, log writes). */
export type Emitted = Effect;

/** A send effect for a protocol message about the transaction. */
export function send(to: string, type: MessageType): Emitted {
  return { type: 'send', to, message: { type, payload: { tx: TX } } };
}
