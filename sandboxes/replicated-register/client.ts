/**
 * A client of the register as an XState machine: it runs one operation at a time, as the
 * scenario's requests ask (`a-w1`: client a writes 1; `b-r1`: client b's first read), sends it to
 * the replica its design names, and records its history in its own log: an `invoke` record when
 * it sends, an `ok`, `fail` or `unknown` record when it learns the outcome. Both are stamped with
 * the world's logical clock, so operations of different clients can be ordered in real time, as a
 * Jepsen history orders them (Kingsbury; Herlihy & Wing 1990 need exactly that order).
 *
 * Who it asks: with a leader, writes go to the replica it believes leads (r1 at first; LEADER
 * announcements and NOT_LEADER hints update it), reads too, or with "read from any replica" to a
 * nearby follower (a reads from r2, b from r3). Leaderless, a asks r1 and b asks r2 to coordinate.
 * With session tokens it carries the highest version it has written or read (Terry et al. 1994)
 * and sends it with each read. It keeps no clock and never times out: an operation that gets no
 * answer stays open, which the history calls unknown.
 */
import { assign, enqueueActions, setup } from 'xstate';
import type { Json, NodeInput } from '../kernel/types.ts';
import { designOf, type Design } from './design.ts';
import { send, type ClientEvent, type Emitted } from './messages.ts';
import { maxVersion, type Version } from './version.ts';

/** A scenario request: which client, read or write, the value a write writes, and an explicit replica to ask. */
export type Request = { client: string; f: 'read' | 'write'; value: number | null; via: string | null };

/**
 * `a-w1` → a writes 1; `b-r2` → b's second read; `b-r1-via-r3` → b's first read, asking r3 (where
 * the design lets a client choose: leaderless, or reads from any replica). Null for anything else.
 */
export function parseRequest(name: string): Request | null {
  const m = /^([a-z][a-z0-9]*)-([rw])([1-9][0-9]*)(?:-via-(r[1-9][0-9]*))?$/.exec(name);
  if (!m) return null;
  return { client: m[1], f: m[2] === 'w' ? 'write' : 'read', value: m[2] === 'w' ? Number(m[3]) : null, via: m[4] ?? null };
}

/** A request in words for the player's choice list: "a writes 1", "b reads (2nd read), asking r3". */
export function requestLabel(name: string): string {
  const r = parseRequest(name);
  if (!r) return `Client request: ${name}`;
  const nth = name.match(/-r([0-9]+)/)?.[1];
  const what = r.f === 'write' ? `${r.client} writes ${r.value}` : `${r.client} reads${nth && nth !== '1' ? ` (read ${nth})` : ''}`;
  return r.via ? `${what}, asking ${r.via}` : what;
}

export type ClientContext = {
  id: string;
  design: Design;
  replicas: string[];
  /** Who it believes leads (single leader). */
  leader: string;
  /** Its nearby replica: where it reads with "read from any replica", and its coordinator leaderless. */
  near: string;
  /** Session token: the highest version it has seen (only kept with session tokens on). */
  token: Version | null;
  /** Operations issued so far (its log's invokes); the next one is numbered n + 1. */
  n: number;
  /** The operation in flight. */
  current: { n: number; f: 'read' | 'write'; value: Json; to: string } | null;
  recovering: boolean;
};

type LogRecord = { t: string; n?: number };

function invokesIn(store: Json): number {
  const log = store && typeof store === 'object' && !Array.isArray(store) ? (store as { log?: LogRecord[] }).log : undefined;
  return (log ?? []).filter((r) => r.t === 'invoke').length;
}

function initialContext(input: NodeInput): ClientContext {
  const replicas = input.peers.filter((p) => p.role === 'replica').map((p) => p.id);
  const clients = input.peers.filter((p) => p.role === 'client').map((p) => p.id);
  const design = designOf(input.config);
  const i = Math.max(0, clients.indexOf(input.id));
  return {
    id: input.id,
    design,
    replicas,
    leader: replicas[0],
    near: design.leaderless ? replicas[i % replicas.length] : replicas[(i + 1) % replicas.length],
    token: null,
    n: invokesIn(input.store),
    current: null,
    recovering: input.recovering,
  };
}

function targetOf(c: ClientContext, req: Request): string {
  const near = req.via && c.replicas.includes(req.via) ? req.via : c.near;
  if (c.design.leaderless) return near;
  return req.f === 'read' && c.design.readAny ? near : c.leader;
}

const stamp = (record: { [k: string]: Json }): Emitted => ({ type: 'store.append', record, stamp: true });

export const client = setup({
  types: {
    context: {} as ClientContext,
    events: {} as ClientEvent,
    input: {} as NodeInput,
    emitted: {} as Emitted,
  },
  actions: {
    /** Send the requested operation and record its invoke. */
    invoke: enqueueActions(({ context, event, enqueue }) => {
      const req = parseRequest(event.type.slice('request.'.length));
      if (!req) return;
      const n = context.n + 1;
      const to = targetOf(context, req);
      enqueue.emit(stamp(req.f === 'write' ? { t: 'invoke', n, f: 'write', value: req.value } : { t: 'invoke', n, f: 'read' }));
      enqueue.emit(req.f === 'write' ? send(to, 'WRITE', { op: n, value: req.value }) : send(to, 'READ', { op: n, min: context.token }));
      enqueue.assign({ n, current: { n, f: req.f, value: req.value, to } });
    }),
    recordOk: enqueueActions(({ context, event, enqueue }) => {
      if (event.type !== 'WRITE_OK' && event.type !== 'READ_OK') return;
      const value = event.type === 'READ_OK' ? event.value : (context.current?.value ?? null);
      enqueue.emit(stamp(event.type === 'READ_OK' ? { t: 'ok', n: event.op, value, version: event.version } : { t: 'ok', n: event.op, version: event.version }));
      const token = context.design.session ? (context.token ? maxVersion(context.token, event.version) : event.version) : null;
      enqueue.assign({ current: null, token });
    }),
    /** Refused: it did not happen, or (a write the old leader had started) it may still have. */
    recordRefusal: enqueueActions(({ context, event, enqueue }) => {
      if (event.type !== 'NOT_LEADER' && event.type !== 'SESSION_LOST') return;
      const started = event.type === 'NOT_LEADER' && event.started;
      enqueue.emit(stamp({ t: started ? 'unknown' : 'fail', n: event.op }));
      enqueue.assign({ current: null, leader: event.type === 'NOT_LEADER' ? (event.leader ?? context.leader) : context.leader });
    }),
    learnLeader: assign({ leader: ({ context, event }) => (event.type === 'LEADER' ? event.from : context.leader) }),
    noteRestart: enqueueActions(({ enqueue }) => enqueue.emit({ type: 'store.append', record: { t: 'restart' } })),
    clearRecovering: assign({ recovering: false }),
  },
  guards: {
    recovering: ({ context }) => context.recovering,
    /** The answer is for the operation in flight (not a late one for an earlier operation). */
    isCurrent: ({ context, event }) => 'op' in event && context.current !== null && event.op === context.current.n,
  },
}).createMachine({
  id: 'client',
  context: ({ input }) => initialContext(input),
  initial: 'start',
  states: {
    start: { always: [{ guard: 'recovering', target: 'recovering' }, { target: 'idle' }] },
    // A restarted client has lost its session (token, leader hint); its log keeps its history.
    recovering: { always: { target: 'idle', actions: ['noteRestart', 'clearRecovering'] } },
    idle: {
      on: {
        'request.*': { target: 'waiting', actions: 'invoke' },
        LEADER: { actions: 'learnLeader' },
      },
    },
    waiting: {
      on: {
        WRITE_OK: { guard: 'isCurrent', target: 'idle', actions: 'recordOk' },
        READ_OK: { guard: 'isCurrent', target: 'idle', actions: 'recordOk' },
        NOT_LEADER: { guard: 'isCurrent', target: 'idle', actions: 'recordRefusal' },
        SESSION_LOST: { guard: 'isCurrent', target: 'idle', actions: 'recordRefusal' },
        LEADER: { actions: 'learnLeader' },
      },
    },
  },
});
