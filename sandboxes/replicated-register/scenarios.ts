/**
 * The replicated register's scenarios: one per design the lessons compare, each a configuration,
 * the clients' operations (scenario data `requests`, issued in order per client), a fault budget
 * and prompts. Budgets and operation lists are small so the explorer walks every world in the
 * reader's tab. Written values are distinct (a writes 1, b writes 2), so a read names the write
 * it saw.
 */
import type { Config, FaultBudget, Scenario } from '../kernel/types.ts';
import { flagValues, paramValues } from './design.ts';

const budget = (b: Partial<FaultBudget>): FaultBudget => ({ crash: 0, drop: 0, duplicate: 0, partition: 0, ...b });
const config = (flags: Record<string, boolean>, params: Record<string, number> = {}, size = 3): Config => ({
  size,
  flags: flagValues(flags),
  params: paramValues(params),
});

export const scenarios: Scenario[] = [
  {
    id: 'leader-sync',
    title: 'Single leader, synchronous replication (CP)',
    description:
      'r1 leads term 1. It acknowledges a write only once a majority holds it, and answers a read only after a majority confirms it still leads. r2 stands for term 2 if its election timer fires. Cut the network and see which of consistency or availability this design gives up.',
    config: config({}),
    budget: budget({ partition: 1 }),
    prefix: [],
    timing: 'after-delivery',
    data: { requests: ['a-w1', 'b-r1'] },
    tryThis: [],
    solutions: [],
  },
  {
    id: 'leader-async',
    title: 'Single leader, asynchronous replication',
    description:
      'r1 acknowledges a write at once and ships it to the followers later, when its replicate timer fires; clients read from a nearby follower (a from r2, b from r3). Fast and available, but a read can be stale, and a failover can lose a write the client was told succeeded.',
    config: config({ syncReplication: false, readAnyReplica: true }),
    budget: budget({ crash: 1 }),
    prefix: [],
    timing: 'after-delivery',
    data: { requests: ['a-w1', 'b-r1', 'a-r1'] },
    tryThis: [],
    solutions: [],
  },
  {
    id: 'quorum',
    title: 'Leaderless quorums (N=3, W=2, R=2)',
    description:
      'No leader: a asks r1 to coordinate its write; b reads once through r3 and once through r2. A write stamps a version above what R replicas hold and waits for W; a read returns the newest of R answers. R + W > N, so read and write quorums overlap; yet without read repair a read can go back in time.',
    config: config({ leaderless: true }, { w: 2, r: 2 }),
    budget: budget({}),
    prefix: [],
    timing: 'after-delivery',
    data: { requests: ['a-w1', 'b-r1-via-r3', 'b-r2-via-r2'] },
    tryThis: [],
    solutions: [],
  },
  {
    id: 'lww',
    title: 'Every replica accepts writes, last writer wins (AP)',
    description:
      'W = R = 1: the replica a client asks (r1 for a, r2 for b) writes or reads its own copy and answers at once, then pushes new values to the others; a higher timestamp wins. Always available, converges once the network heals, and gives up linearizability.',
    config: config({ leaderless: true }, { w: 1, r: 1 }),
    budget: budget({ partition: 1 }),
    prefix: [],
    timing: 'after-delivery',
    data: { requests: ['b-w2', 'a-w1', 'a-r1'] },
    tryThis: [],
    solutions: [],
  },
  {
    id: 'session',
    title: 'Session guarantees on asynchronous replication',
    description:
      'The asynchronous design, reading from followers, with session tokens: each client carries the highest version it has seen, and a follower that is behind holds the read until it has caught up. a reads its own write even from r2; b may still read something older than a did.',
    config: config({ syncReplication: false, readAnyReplica: true, sessionTokens: true }),
    budget: budget({}),
    prefix: [],
    timing: 'after-delivery',
    data: { requests: ['a-w1', 'a-r1', 'b-r1'] },
    tryThis: [],
    solutions: [],
  },
];
