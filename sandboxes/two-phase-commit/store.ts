/**
 * Two-phase commit's durable stores: the write-ahead log records each node writes, and helpers to
 * read a log back on recovery. What reached disk is the only thing that survives a crash.
 *
 * Coordinator: COMMIT or ABORT (the decision, forced), END (lazy: every ack is in and the
 * coordinator forgets T1). Nothing before PREPARE, as in R*'s basic 2PC. Under presumed abort no
 * ABORT either: no record means abort (Mohan, Lindsay & Obermarck, "Transaction management in the
 * R* distributed database management system", TODS 1986).
 * Participant: PREPARED (forced before voting yes), then COMMIT or ABORT with why it aborted.
 * The kernel adds `audit` (ghost records, see ghost.ts) and `unflushed` (lazy records not on disk).
 */
import type { Json } from '../kernel/types.ts';

/** Why a participant wrote ABORT: the coordinator said so, it voted no, or it decided alone. */
export type AbortReason = 'global' | 'vote-no' | 'prepare-timeout' | 'recovery' | 'in-doubt-timeout';

/** One log record. */
export type LogRecord =
  | { type: 'PREPARED'; tx: string }
  | { type: 'COMMIT'; tx: string }
  | { type: 'ABORT'; tx: string; reason?: AbortReason }
  | { type: 'END'; tx: string };

/** A participant's store: its log, and the vote its local work leads to (scenario data). */
export type ParticipantStore = { log: LogRecord[]; willVote: 'yes' | 'no' };

/** The coordinator's store: its log. */
export type CoordinatorStore = { log: LogRecord[] };

/** The log of any node's store (empty when the store has none). */
export function logOf(store: Json): LogRecord[] {
  const log = store && typeof store === 'object' && !Array.isArray(store) ? store.log : null;
  return Array.isArray(log) ? (log as unknown as LogRecord[]) : [];
}

/** True when the log holds a record of this type. */
export function hasRecord(store: Json, type: LogRecord['type']): boolean {
  return logOf(store).some((r) => r.type === type);
}

/** The outcome a log records, if any. */
export function loggedOutcome(store: Json): 'commit' | 'abort' | null {
  for (const r of logOf(store)) {
    if (r.type === 'COMMIT') return 'commit';
    if (r.type === 'ABORT') return 'abort';
  }
  return null;
}

/** The ABORT record's reason, if the log has one. */
export function abortReason(store: Json): AbortReason | null {
  const r = logOf(store).find((x) => x.type === 'ABORT');
  return r && r.type === 'ABORT' ? (r.reason ?? 'global') : null;
}
