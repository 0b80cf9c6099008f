/**
 * A replicated register as a Protocol: the only import point for this folder.
 *
 * Nodes: replicas `r1`…`rN` (N = size, 3 to 5) and two clients, `a` and `b`. A scenario's requests
 * name a client and an operation (`a-w1`: a writes 1; `b-r1`: b's first read); each client runs
 * them one at a time, in the scenario's order (`requestBlocked`). Written values are distinct, so
 * a read names the write it saw, and the clients' stamped logs are the history the consistency
 * checkers judge (`history`). The design is the configuration (design.ts): a single leader with
 * synchronous or asynchronous replication, a leaderless quorum N/W/R with or without read repair
 * (W = R = 1 is every replica accepting writes, last writer wins), and session tokens; `promises`
 * says which invariants each design claims. A partition may cut a replica off alone or together
 * with one client, so a deposed leader can still hear from a client.
 */
import { createWorld } from '../kernel/world.ts';
import type { Config, FaultBudget, Json, NodeId, Protocol, World } from '../kernel/types.ts';
import { replica } from './replica.ts';
import { client, parseRequest, requestLabel } from './client.ts';
import { flags, params, promises } from './design.ts';
import { invariants } from './invariants.ts';
import { ghost } from './ghost.ts';
import { clientIds, operations, replicaIds } from './history.ts';
import { narrate } from './narrate.ts';
import { outcome } from './outcome.ts';
import { scenarios } from './scenarios.ts';
import { stateOf } from './read.ts';
import { INITIAL } from './version.ts';
import { timerBlocked } from './timing.ts';
import { obsolete } from './obsolete.ts';

export const CLIENTS = ['a', 'b'];

/** Scenario data: `requests`, the clients' operations in order (default: a writes 1, b reads). */
function init(config: Config, budget: FaultBudget, data?: { [key: string]: Json }): World {
  const requests = Array.isArray(data?.requests) ? (data.requests as string[]) : ['a-w1', 'b-r1'];
  const nodes = [
    ...Array.from({ length: config.size }, (_, i) => ({ id: `r${i + 1}`, role: 'replica', store: { register: { term: 1, value: null, version: INITIAL } } })),
    ...CLIENTS.map((id) => ({ id, role: 'client', store: { log: [] } })),
  ];
  return createWorld({ replica, client }, config, budget, nodes, requests, ghost);
}

function requestTarget(request: string): NodeId {
  return parseRequest(request)?.client ?? CLIENTS[0];
}

/** One operation at a time per client, in the scenario's order. */
function requestBlocked(request: string, world: World): string | null {
  const req = parseRequest(request);
  if (!req) return `${request} is not a client operation`;
  const earlier = world.pendingRequests.find((r) => parseRequest(r)?.client === req.client);
  if (earlier !== request) return `${req.client} must first issue ${earlier}`;
  if (stateOf(world.nodes[req.client]) !== 'idle') return `${req.client} is still waiting for an answer to its last operation`;
  return null;
}

/** Cut one replica off, alone or together with client a (which then reaches only that replica). */
function partitions(world: World): NodeId[][][] {
  const out: NodeId[][][] = [];
  const first = clientIds(world)[0];
  for (const r of replicaIds(world)) out.push([[r]], [[r, first]]);
  return out;
}

/** Only replicas crash: a client stands for the application, whose session state outlives it here. */
function crashBlocked(node: NodeId): string | null {
  return CLIENTS.includes(node) ? `${node} is a client: this model crashes only replicas` : null;
}

/** Show what a reader reasons about. */
function memory(role: string, context: Json): Json {
  const c = context as { [k: string]: Json };
  if (role === 'client') return { leader: c.leader, near: c.near, token: c.token, current: c.current };
  const ops = (c.ops as { client: string; f: string; phase: string; acks: string[] }[] | undefined) ?? [];
  return {
    term: c.term,
    value: c.value,
    version: c.version,
    leader: c.leader,
    ...(c.committed ? { committed: c.committed } : {}),
    ...(ops.length ? { working: ops.map((o) => `${o.client || 'no-op'} ${o.f} (${o.phase}${o.acks.length ? `, heard ${o.acks.join(' ')}` : ''})`) } : {}),
  };
}

export const replicatedRegister: Protocol = {
  id: 'replicated-register',
  title: 'Replicated register',
  machines: { replica, client },
  flags,
  params,
  sizes: { min: 3, max: 5, default: 3 },
  sizeLabel: 'Replicas',
  invariants,
  scenarios,
  init,
  requestTarget,
  requestLabel,
  requestBlocked,
  timerBlocked,
  crashBlocked,
  obsolete,
  partitions,
  promises,
  history: operations,
  ghost,
  narrate,
  outcome,
  memory,
  topology: { kind: 'clique' },
  guardLabels: {
    recovering: 'after a crash',
    leaderless: 'leaderless design',
    leadsAtStart: 'owns term 1',
    followerToCandidate: 'owns the next term',
    candidateToLeader: 'a majority voted for it',
    candidateToFollower: 'a newer or equal term exists',
    leaderToFollower: 'a newer term exists',
    isCurrent: 'answer to its operation',
  },
  // Raft's names for the roles (Ongaro & Ousterhout 2014); Dynamo's for the leaderless replica.
  stateNames: {
    replica: { serving: 'leaderless' },
    client: { idle: 'no op open', waiting: 'op invoked' },
  },
};

export default replicatedRegister;
export { replica, client };
