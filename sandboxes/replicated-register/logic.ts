/**
 * What a replica does with one event, as a pure function of its context: the next context, the
 * effects to emit (sends, timers, the durable register) and which role it ends in. The XState
 * machine in replica.ts routes on the role and applies the rest, so the protocol reads in one
 * place and the machine stays a faithful picture of the roles.
 *
 * Single leader (after Raft, Ongaro & Ousterhout 2014, simplified): term t belongs to replica
 * r((t-1) mod N + 1), so each term has one candidate and no split vote; r2, the fixed successor,
 * stands for term 2 when its election timer fires (one failover per run: MAX_TERM). Votes carry
 * the voter's copy and the candidate takes the newest among a majority, as Viewstamped
 * Replication's new primary does (Liskov & Cowling 2012), so a write a majority holds survives. A new leader first commits its own value in its term (the
 * no-op of §8). Synchronous replication acknowledges a write once a majority holds it;
 * asynchronous acknowledges at once and ships on the `replicate` timer. A leader answers a read
 * only after a majority has confirmed, after the read arrived, that it still leads (ReadIndex,
 * Raft §8 / Ongaro's thesis §6.4): a deposed leader that has not heard of its successor cannot.
 *
 * Leaderless (Gifford 1979; Dynamo, DeCandia et al. 2007): the contacted replica coordinates.
 * A write first reads versions from R replicas and stamps the write above the highest
 * (counter + 1, its own number), then stores it on W; a read takes the newest of R answers and,
 * with read repair, writes it back to W before answering (Attiya, Bar-Noy & Dolev 1995). Every
 * replica keeps the higher version it hears of: last-writer-wins. A replica that originated its
 * value (by a write or on recovery) pushes it to the others on its `replicate` timer until each
 * has acknowledged it: anti-entropy, so replicas converge once the network heals.
 */
import type { Effect, Json, NodeInput } from '../kernel/types.ts';
import { designOf, type Design } from './design.ts';
import { send } from './messages.ts';
import type { ReplicaEvent } from './messages.ts';
import { INITIAL, atLeast, maxVersion, newer, type Version } from './version.ts';

export type Role = 'follower' | 'candidate' | 'leader' | 'serving';

export type Phase = 'commit' | 'confirm' | 'catch-up' | 'query' | 'store' | 'repair';

/** A client operation a replica is working on (one per client at a time). */
export type Op = {
  client: string;
  op: number;
  f: 'read' | 'write';
  /** The value written, or (reads) the newest value seen so far. */
  value: Json;
  /** The write's version, or (reads, queries) the newest version seen so far. */
  version: Version;
  phase: Phase;
  /** Replicas that answered this phase (confirmed, replied, acknowledged). */
  acks: string[];
  /** Session token: the version the client has already seen (reads only). */
  min: Version | null;
};

export type ReplicaContext = {
  id: string;
  index: number;
  replicas: string[];
  clients: string[];
  design: Design;
  term: number;
  value: Json;
  version: Version;
  /**
   * Single leader: the version this value's term started from (the new leader's last version of
   * the previous term). A version of an older term is in this replica's history only up to here.
   */
  base: Version;
  /** Who this replica believes leads (single leader only). */
  leader: string | null;
  votes: string[];
  /** Leader: the highest version each follower has acknowledged. */
  match: { [replica: string]: Version };
  /** Leader: the newest write a majority holds in this term (null until its no-op commits). */
  committed: { value: Json; version: Version } | null;
  ops: Op[];
  /** Leaderless: this replica pushes its value to the others (it wrote it, or recovered with it). */
  origin: boolean;
  /** Leaderless: peers known to hold this replica's current version. */
  synced: string[];
  /** Set at boot from the input; routes the start state. */
  recovering: boolean;
};

/** The durable part: what a crash keeps. */
export type RegisterStore = { term: number; value: Json; version: Version; base?: Version };

export function registerOf(store: Json): RegisterStore {
  const r = store && typeof store === 'object' && !Array.isArray(store) ? (store as { register?: RegisterStore }).register : undefined;
  return r ?? { term: 1, value: null, version: INITIAL };
}

/** The replica that leads term t: r1 for term 1, r2 for term 2… */
export const ownerOf = (replicas: string[], term: number): string => replicas[(term - 1) % replicas.length];

export function initialContext(input: NodeInput): ReplicaContext {
  const replicas = input.peers.filter((p) => p.role === 'replica').map((p) => p.id);
  const clients = input.peers.filter((p) => p.role === 'client').map((p) => p.id);
  const reg = registerOf(input.store);
  const design = designOf(input.config);
  const leads = !design.leaderless && !input.recovering && ownerOf(replicas, reg.term) === input.id;
  return {
    id: input.id,
    index: replicas.indexOf(input.id) + 1,
    replicas,
    clients,
    design,
    term: reg.term,
    value: reg.value,
    version: reg.version,
    base: reg.base ?? [0, 0],
    leader: design.leaderless ? null : input.recovering ? null : ownerOf(replicas, reg.term),
    votes: [],
    match: {},
    // Term 1 starts committed: every replica begins with the same initial value.
    committed: leads ? { value: reg.value, version: reg.version } : null,
    ops: [],
    origin: design.leaderless && input.recovering && reg.value !== null,
    synced: [],
    recovering: input.recovering,
  };
}

/** The role a booting replica starts in. */
export function bootRole(c: ReplicaContext): Role {
  if (c.design.leaderless) return 'serving';
  return c.committed ? 'leader' : 'follower';
}

/** Effects a booting replica emits: its timers. */
export function bootEffects(c: ReplicaContext): Effect[] {
  if (c.design.leaderless) return c.origin ? [{ type: 'timer.set', name: 'replicate' }] : [];
  return electionTimer(c);
}

type Result = { ctx: ReplicaContext; out: Effect[]; role: Role };

/**
 * The replica's named decisions. The machine supplies each as a guard of the same name
 * (replica.ts), so a deliberately broken replica (mutants.ts) can swap one through `provide`;
 * `RULES` is the protocol as written.
 */
export type Rules = {
  /** Leader: a write (or its no-op) is committed, and acknowledged, once this many replicas hold it. */
  majorityHolds: (holders: number, majority: number) => boolean;
  /** Leader: a read waits for a majority to confirm leadership first (ReadIndex). */
  confirmsReads: (d: Design) => boolean;
  /** Leaderless: a read writes back what it returns before answering (ABD). */
  repairsReads: (d: Design) => boolean;
  /** Leaderless: a write or read repair held by this many replicas meets the write quorum. */
  writeQuorum: (phase: Phase, holders: number, w: number) => boolean;
  /** Last-writer-wins: a version heard from elsewhere replaces the one held. */
  lwwNewer: (incoming: Version, held: Version) => boolean;
  /** A replica behind a session token holds the read (session tokens). */
  honoursSession: (d: Design) => boolean;
  /** Leaderless anti-entropy: keep pushing while this many peers have not acknowledged. */
  keepsPushing: (behind: number) => boolean;
  /**
   * Leaderless: a write is stamped above `heard`, the highest version its read quorum reported,
   * rather than above the coordinator's own copy `own`, when `heard` is the newer.
   */
  stampsAboveQuorum: (heard: Version, own: Version) => boolean;
};

export const RULES: Rules = {
  majorityHolds: (holders, majority) => holders >= majority,
  confirmsReads: (d) => d.confirm && !d.readAny,
  repairsReads: (d) => d.readRepair,
  writeQuorum: (_phase, holders, w) => holders >= w,
  lwwNewer: (incoming, held) => newer(incoming, held),
  honoursSession: (d) => d.session,
  keepsPushing: (behind) => behind > 0,
  stampsAboveQuorum: (heard, own) => newer(heard, own),
};

/** The rules in force for the event being handled (set by `react`, which is synchronous). */
let rules: Rules = RULES;

const others = (c: ReplicaContext): string[] => c.replicas.filter((r) => r !== c.id);
const isOp = (o: Op, client: string, op: number) => o.client === client && o.op === op;

/**
 * The last term anyone stands for: one failover, to the fixed successor r2. Enough for every
 * lesson here (a deposed leader, a lost write), and it keeps the explored space finite and small.
 */
export const MAX_TERM = 2;

/** Arm the election timer when this follower owns the next term (at most MAX_TERM). */
function electionTimer(c: ReplicaContext): Effect[] {
  const next = c.term + 1;
  const stands = !c.design.leaderless && next <= MAX_TERM && ownerOf(c.replicas, next) === c.id;
  return [stands ? { type: 'timer.set', name: 'election' } : { type: 'timer.clear', name: 'election' }];
}

function persist(c: ReplicaContext, out: Effect[]): void {
  const reg: RegisterStore = c.design.leaderless ? { term: c.term, value: c.value, version: c.version } : { term: c.term, value: c.value, version: c.version, base: c.base };
  out.push({ type: 'store.set', key: 'register', value: reg });
}

/** Leaderless: adopt a newer value heard from elsewhere (last-writer-wins); it is no longer ours to push. */
function adoptNewer(c: ReplicaContext, value: Json, version: Version, out: Effect[]): boolean {
  if (!rules.lwwNewer(version, c.version)) return false;
  c.value = value;
  c.version = version;
  persist(c, out);
  if (c.origin) out.push({ type: 'timer.clear', name: 'replicate' });
  c.origin = false;
  c.synced = [];
  return true;
}

/**
 * Whether this replica's copy includes what a session has seen (`min`): `yes`, `not yet` (it is
 * behind in the same history and will catch up), or `never` (a newer term started from a version
 * below it: what the session saw was lost in a failover, and no replica will serve it again).
 */
export function sessionCheck(c: Pick<ReplicaContext, 'version' | 'base'>, min: Version | null): 'yes' | 'not yet' | 'never' {
  if (!min) return 'yes';
  if (min[0] > c.version[0]) return 'not yet';
  if (min[0] === c.version[0]) return atLeast(c.version, min) ? 'yes' : 'not yet';
  return atLeast(c.base, min) ? 'yes' : 'never';
}

/** Session reads waiting for this replica to catch up: answer those it now can (or never will). */
function serveCaughtUp(c: ReplicaContext, out: Effect[]): void {
  const keep: Op[] = [];
  for (const o of c.ops) {
    const s = o.phase === 'catch-up' ? sessionCheck(c, o.min) : 'not yet';
    if (s === 'yes') out.push(send(o.client, 'READ_OK', { op: o.op, value: c.value, version: c.version }));
    else if (s === 'never') out.push(send(o.client, 'SESSION_LOST', { op: o.op }));
    else keep.push(o);
  }
  c.ops = keep;
}

/** A read answered from this replica's own copy, or held until it has caught up with the session token. */
function localRead(c: ReplicaContext, from: string, op: number, min: Version | null, out: Effect[]): void {
  const s = rules.honoursSession(c.design) ? sessionCheck(c, min) : 'yes';
  if (s === 'not yet') {
    c.ops = [...c.ops.filter((o) => o.client !== from), { client: from, op, f: 'read', value: null, version: c.version, phase: 'catch-up', acks: [], min }];
    return;
  }
  if (s === 'never') out.push(send(from, 'SESSION_LOST', { op }));
  else out.push(send(from, 'READ_OK', { op, value: c.value, version: c.version }));
}

/** A newer term: become a follower in it. A leader answers what it held: writes under way may still take effect. */
function stepDown(c: ReplicaContext, term: number, leader: string | null, out: Effect[]): void {
  for (const o of c.ops) {
    if (!o.client) continue;
    if (o.phase === 'catch-up' && c.design.readAny) continue;
    out.push(send(o.client, 'NOT_LEADER', { op: o.op, leader, started: o.f === 'write' }));
  }
  c.ops = c.ops.filter((o) => o.client && o.phase === 'catch-up' && c.design.readAny);
  c.term = term;
  c.leader = leader;
  c.votes = [];
  c.match = {};
  c.committed = null;
  persist(c, out);
  out.push({ type: 'timer.clear', name: 'replicate' });
  out.push(...electionTimer(c));
}

/** Leader: writes a majority now holds are committed and acknowledged; confirmed reads are answered. */
function advance(c: ReplicaContext, out: Effect[]): void {
  const holds = (v: Version) => 1 + others(c).filter((r) => c.match[r] && atLeast(c.match[r], v)).length;
  const keep: Op[] = [];
  for (const o of c.ops) {
    if (o.phase === 'commit' && rules.majorityHolds(holds(o.version), c.design.majority)) {
      if (!c.committed || newer(o.version, c.committed.version)) c.committed = { value: o.value, version: o.version };
      if (o.client) out.push(send(o.client, 'WRITE_OK', { op: o.op, version: o.version }));
      continue;
    }
    keep.push(o);
  }
  const rest: Op[] = [];
  for (const o of keep) {
    const inTerm = c.committed !== null && c.committed.version[0] === c.term;
    if (o.phase === 'confirm' && inTerm && o.acks.length + 1 >= c.design.majority) {
      out.push(send(o.client, 'READ_OK', { op: o.op, value: c.committed!.value, version: c.committed!.version }));
      continue;
    }
    rest.push(o);
  }
  c.ops = rest;
}

function replicateTo(c: ReplicaContext, out: Effect[]): void {
  const behind = others(c).filter((r) => !c.match[r] || newer(c.version, c.match[r]));
  for (const r of behind) out.push(send(r, 'APPEND', { term: c.term, value: c.value, version: c.version, base: c.base }));
  out.push(behind.length ? { type: 'timer.set', name: 'replicate' } : { type: 'timer.clear', name: 'replicate' });
}

// ---------------------------------------------------------------------------------------------
// Single leader

function leaderMode(c: ReplicaContext, role: Role, e: ReplicaEvent, out: Effect[]): Role {
  const d = c.design;
  switch (e.type) {
    case 'WRITE': {
      if (role !== 'leader') {
        out.push(send(e.from, 'NOT_LEADER', { op: e.op, leader: c.leader, started: false }));
        return role;
      }
      c.version = [c.term, c.version[1] + 1];
      c.value = e.value;
      persist(c, out);
      if (d.sync) {
        c.ops = [...c.ops, { client: e.from, op: e.op, f: 'write', value: e.value, version: c.version, phase: 'commit', acks: [], min: null }];
        replicateTo(c, out);
        advance(c, out);
      } else {
        // Asynchronous: acknowledge now, ship when the replicate timer fires.
        out.push(send(e.from, 'WRITE_OK', { op: e.op, version: c.version }));
        out.push({ type: 'timer.set', name: 'replicate' });
      }
      return role;
    }
    case 'READ': {
      if (role === 'leader' && rules.confirmsReads(d)) {
        c.ops = [...c.ops.filter((o) => o.client !== e.from), { client: e.from, op: e.op, f: 'read', value: null, version: c.version, phase: 'confirm', acks: [], min: e.min }];
        for (const r of others(c)) out.push(send(r, 'CONFIRM', { term: c.term, client: e.from, op: e.op }));
        advance(c, out);
        return role;
      }
      if (role === 'leader' || d.readAny) {
        localRead(c, e.from, e.op, e.min, out);
        return role;
      }
      out.push(send(e.from, 'NOT_LEADER', { op: e.op, leader: c.leader, started: false }));
      return role;
    }
    case 'APPEND': {
      if (!followLeader(c, role, e.term, e.from, out)) return role;
      // The leader's copy wins: a newer term overrides whatever this replica held (Raft truncates).
      if (newer(e.version, c.version)) {
        c.value = e.value;
        c.version = e.version;
        c.base = e.base;
        persist(c, out);
      }
      out.push(send(e.from, 'APPEND_OK', { term: e.term, version: c.version }));
      serveCaughtUp(c, out);
      return 'follower';
    }
    case 'CONFIRM': {
      if (!followLeader(c, role, e.term, e.from, out)) return role;
      out.push(send(e.from, 'CONFIRM_OK', { term: e.term, client: e.client, op: e.op }));
      return 'follower';
    }
    case 'REQUEST_VOTE': {
      if (e.term < c.term) {
        out.push(send(e.from, 'STALE_TERM', { term: c.term }));
        return role;
      }
      // One candidate per term, so every vote goes to it; the vote carries this replica's copy and
      // the candidate takes the newest copy among a majority (Viewstamped Replication's view
      // change, Liskov & Cowling 2012 §4.2): a write a majority holds is in every majority.
      if (e.term === c.term) return role;
      stepDown(c, e.term, null, out);
      out.push(send(e.from, 'VOTE', { term: e.term, value: c.value, version: c.version, base: c.base }));
      return 'follower';
    }
    case 'STALE_TERM': {
      if (e.term <= c.term) return role;
      stepDown(c, e.term, null, out);
      return 'follower';
    }
    case 'VOTE': {
      if (role !== 'candidate' || e.term !== c.term || c.votes.includes(e.from)) return role;
      c.votes = [...c.votes, e.from].sort();
      if (newer(e.version, c.version)) {
        c.value = e.value;
        c.version = e.version;
        c.base = e.base;
        persist(c, out);
      }
      if (c.votes.length + 1 < d.majority) return role;
      // Elected: commit its own value in its term first (the no-op), tell the clients.
      c.base = c.version;
      c.version = [c.term, 0];
      c.leader = c.id;
      c.votes = [];
      c.match = {};
      c.committed = null;
      persist(c, out);
      c.ops = [{ client: '', op: 0, f: 'write', value: c.value, version: c.version, phase: 'commit', acks: [], min: null }];
      out.push({ type: 'timer.clear', name: 'election' });
      for (const client of c.clients) out.push(send(client, 'LEADER', { term: c.term }));
      replicateTo(c, out);
      return 'leader';
    }
    case 'APPEND_OK': {
      if (role !== 'leader' || e.term !== c.term) return role;
      c.match = { ...c.match, [e.from]: c.match[e.from] ? maxVersion(c.match[e.from], e.version) : e.version };
      advance(c, out);
      if (others(c).every((r) => c.match[r] && atLeast(c.match[r], c.version))) out.push({ type: 'timer.clear', name: 'replicate' });
      return role;
    }
    case 'CONFIRM_OK': {
      if (role !== 'leader' || e.term !== c.term) return role;
      c.ops = c.ops.map((o) => (isOp(o, e.client, e.op) && o.phase === 'confirm' && !o.acks.includes(e.from) ? { ...o, acks: [...o.acks, e.from].sort() } : o));
      advance(c, out);
      return role;
    }
    case 'timer.election': {
      // Stand for the next term this replica owns; a candidate asks again those that have not voted.
      if (role === 'follower') {
        c.term += 1;
        c.leader = null;
        c.votes = [];
        persist(c, out);
      }
      for (const r of others(c)) if (!c.votes.includes(r)) out.push(send(r, 'REQUEST_VOTE', { term: c.term }));
      out.push({ type: 'timer.set', name: 'election' });
      return 'candidate';
    }
    case 'timer.replicate': {
      if (role === 'leader') replicateTo(c, out);
      return role;
    }
    default:
      return role;
  }
}

// ---------------------------------------------------------------------------------------------
// Leaderless

function reply(c: ReplicaContext, o: Op, out: Effect[]): void {
  if (o.f === 'write') out.push(send(o.client, 'WRITE_OK', { op: o.op, version: o.version }));
  else out.push(send(o.client, 'READ_OK', { op: o.op, value: o.value, version: o.version }));
  c.ops = c.ops.filter((x) => x !== o);
}

/** Replicas known to hold at least version v, this one included. */
function storePhase(c: ReplicaContext, o: Op, out: Effect[]): void {
  for (const r of others(c)) out.push(send(r, 'STORE', { value: o.value, version: o.version }));
  if (rules.writeQuorum(o.phase, 1 + o.acks.length, c.design.w)) reply(c, o, out);
}

function finishQuery(c: ReplicaContext, o: Op, out: Effect[]): void {
  const d = c.design;
  if (o.f === 'write') {
    // Stamp the write above everything the read quorum holds: counter + 1, ties broken by replica.
    const highest = rules.stampsAboveQuorum(o.version, c.version) ? o.version : c.version;
    const ts: Version = [highest[0] + 1, c.index];
    const w: Op = { ...o, version: ts, phase: 'store', acks: [] };
    c.ops = c.ops.map((x) => (x === o ? w : x));
    c.value = w.value;
    c.version = ts;
    persist(c, out);
    if (!c.origin) out.push({ type: 'timer.set', name: 'replicate' });
    c.origin = true;
    c.synced = [];
    storePhase(c, w, out);
    return;
  }
  if (!rules.repairsReads(d)) {
    reply(c, o, out);
    return;
  }
  // Read repair (ABD's write-back): make W replicas hold what this read returns before answering.
  const r: Op = { ...o, phase: 'repair', acks: [] };
  c.ops = c.ops.map((x) => (x === o ? r : x));
  adoptNewer(c, r.value, r.version, out);
  storePhase(c, r, out);
}

function startQuery(c: ReplicaContext, o: Op, out: Effect[]): void {
  c.ops = [...c.ops.filter((x) => x.client !== o.client), o];
  if (c.design.r <= 1) {
    finishQuery(c, o, out);
    return;
  }
  // Ask just enough replicas, the next ones round the ring (as Cassandra sends a read to as many
  // replicas as its consistency level needs); a write still stores on every replica.
  for (const r of ringAfter(c).slice(0, c.design.r - 1)) out.push(send(r, 'QUERY', { client: o.client, op: o.op }));
}

/** The other replicas in ring order starting after this one: r2, r3, r1 for r1 of three… */
function ringAfter(c: ReplicaContext): string[] {
  const i = c.replicas.indexOf(c.id);
  return [...c.replicas.slice(i + 1), ...c.replicas.slice(0, i)];
}

function leaderless(c: ReplicaContext, e: ReplicaEvent, out: Effect[]): void {
  switch (e.type) {
    case 'WRITE':
      startQuery(c, { client: e.from, op: e.op, f: 'write', value: e.value, version: c.version, phase: 'query', acks: [], min: null }, out);
      return;
    case 'READ':
      startQuery(c, { client: e.from, op: e.op, f: 'read', value: c.value, version: c.version, phase: 'query', acks: [], min: e.min }, out);
      return;
    case 'QUERY':
      out.push(send(e.from, 'QUERY_REPLY', { client: e.client, op: e.op, value: c.value, version: c.version }));
      return;
    case 'QUERY_REPLY': {
      const o = c.ops.find((x) => isOp(x, e.client, e.op) && x.phase === 'query');
      if (!o || o.acks.includes(e.from)) return;
      const better = newer(e.version, o.version);
      // A write only needs the highest version; a read keeps the newest value it heard.
      const next: Op = { ...o, acks: [...o.acks, e.from].sort(), version: better ? e.version : o.version, value: better && o.f === 'read' ? e.value : o.value };
      c.ops = c.ops.map((x) => (x === o ? next : x));
      if (next.acks.length + 1 >= c.design.r) finishQuery(c, next, out);
      return;
    }
    case 'STORE':
      adoptNewer(c, e.value, e.version, out);
      out.push(send(e.from, 'STORE_ACK', { value: c.value, version: c.version }));
      return;
    case 'STORE_ACK': {
      for (const o of c.ops) {
        if ((o.phase === 'store' || o.phase === 'repair') && atLeast(e.version, o.version) && !o.acks.includes(e.from)) {
          const next = { ...o, acks: [...o.acks, e.from].sort() };
          c.ops = c.ops.map((x) => (x === o ? next : x));
          if (rules.writeQuorum(next.phase, next.acks.length + 1, c.design.w)) reply(c, next, out);
        }
      }
      adoptNewer(c, e.value, e.version, out);
      if (atLeast(e.version, c.version) && !c.synced.includes(e.from)) {
        c.synced = [...c.synced, e.from].sort();
        if (c.origin && others(c).every((r) => c.synced.includes(r))) out.push({ type: 'timer.clear', name: 'replicate' });
      }
      return;
    }
    case 'timer.replicate': {
      if (!c.origin) return;
      const behind = others(c).filter((r) => !c.synced.includes(r));
      for (const r of behind) out.push(send(r, 'STORE', { value: c.value, version: c.version }));
      out.push(rules.keepsPushing(behind.length) ? { type: 'timer.set', name: 'replicate' } : { type: 'timer.clear', name: 'replicate' });
      return;
    }
    default:
      return;
  }
}

/**
 * A message from a leader (APPEND, CONFIRM): refuse it when its term is stale (false), else follow
 * that leader, stepping down first when the term is newer or this replica was not a follower.
 */
function followLeader(c: ReplicaContext, role: Role, term: number, from: string, out: Effect[]): boolean {
  if (term < c.term) {
    out.push(send(from, 'STALE_TERM', { term: c.term }));
    return false;
  }
  if (term > c.term || role !== 'follower') stepDown(c, term, from, out);
  c.leader = from;
  return true;
}

/** One event at a replica in role `role`: next context, effects and role. Pure (given pure rules). */
export function react(ctx: ReplicaContext, role: Role, e: ReplicaEvent, with_: Rules = RULES): Result {
  const c: ReplicaContext = { ...ctx };
  const out: Effect[] = [];
  const outer = rules;
  rules = with_;
  try {
    if (c.design.leaderless) {
      leaderless(c, e, out);
      return { ctx: c, out, role: 'serving' };
    }
    const next = leaderMode(c, role, e, out);
    return { ctx: c, out, role: next };
  } finally {
    rules = outer;
  }
}
