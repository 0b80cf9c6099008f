/**
 * The replicated register's messages and the events its machines receive, as typed unions.
 *
 * Client requests and answers: WRITE, READ, WRITE_OK, READ_OK, NOT_LEADER (a refusal, with a hint
 * of who leads). Single leader (after Raft, Ongaro & Ousterhout 2014): APPEND / APPEND_OK ship the
 * leader's value, REQUEST_VOTE / VOTE elect a successor, CONFIRM / CONFIRM_OK are the ReadIndex
 * round (§8), STALE_TERM tells an old leader or candidate that a newer term exists, and LEADER
 * tells clients who leads now. SESSION_LOST tells a client with a session token that what it saw was
 * lost in a failover. Leaderless (Dynamo, DeCandia et al. 2007): QUERY / QUERY_REPLY
 * read a quorum, STORE / STORE_ACK write one (and carry anti-entropy and read repair). Types only.
 */
import type { Effect, Json } from '../kernel/types.ts';
import type { Version } from './version.ts';

type From = { from: string };

export type ClientEvent =
  | { type: `request.${string}` }
  | ({ type: 'WRITE_OK'; op: number; version: Version } & From)
  | ({ type: 'READ_OK'; op: number; value: Json; version: Version } & From)
  /** `started`: the write was already under way when the replica gave up, so it may still take effect. */
  | ({ type: 'NOT_LEADER'; op: number; leader: string | null; started: boolean } & From)
  | ({ type: 'LEADER'; term: number } & From)
  /** Session tokens: what this client saw was lost in a failover; no replica can serve it any more. */
  | ({ type: 'SESSION_LOST'; op: number } & From);

export type ReplicaEvent =
  | ({ type: 'WRITE'; op: number; value: Json } & From)
  | ({ type: 'READ'; op: number; min: Version | null } & From)
  | ({ type: 'APPEND'; term: number; value: Json; version: Version; base: Version } & From)
  | ({ type: 'APPEND_OK'; term: number; version: Version } & From)
  | ({ type: 'REQUEST_VOTE'; term: number } & From)
  | ({ type: 'VOTE'; term: number; value: Json; version: Version; base: Version } & From)
  | ({ type: 'CONFIRM'; term: number; client: string; op: number } & From)
  | ({ type: 'CONFIRM_OK'; term: number; client: string; op: number } & From)
  | ({ type: 'STALE_TERM'; term: number } & From)
  | ({ type: 'QUERY'; client: string; op: number } & From)
  | ({ type: 'QUERY_REPLY'; client: string; op: number; value: Json; version: Version } & From)
  | ({ type: 'STORE'; value: Json; version: Version } & From)
  | ({ type: 'STORE_ACK'; value: Json; version: Version } & From)
  | { type: 'timer.election' }
  | { type: 'timer.replicate' };

export type Emitted = Effect;

export function send(to: string, type: string, payload: { [k: string]: Json } = {}): Emitted {
  return { type: 'send', to, message: { type, payload } };
}
