/**
 * The replicated register's design choices: flags, numeric parameters, and how a configuration
 * reads as one of the lesson's designs (single leader, synchronous or asynchronous; leaderless
 * quorum N/W/R; every replica accepting writes with last-writer-wins; session guarantees).
 *
 * Sources: Gilbert & Lynch 2002 (CAP); Ongaro's thesis §6.4 and the Raft paper §8 (a leader must
 * confirm with a majority that it still leads before it answers a read: ReadIndex); Gifford 1979
 * and DeCandia et al. 2007 (Dynamo) for quorums N/W/R; Attiya, Bar-Noy & Dolev 1995 (ABD) for the
 * write-back that makes quorum reads linearizable; Terry et al. 1994 for session guarantees.
 */
import type { Config, FlagSpec, ParamSpec } from '../kernel/types.ts';

export const flags: FlagSpec[] = [
  {
    name: 'leaderless',
    label: 'Leaderless quorums',
    description:
      'No leader: the replica a client contacts coordinates its operation, reading from R replicas and writing to W (Dynamo style); concurrent writes are ordered by a logical timestamp, last writer wins.',
    default: false,
    unsafe: false,
  },
  {
    name: 'syncReplication',
    label: 'Synchronous replication',
    description:
      'With a leader: it acknowledges a write only once a majority of replicas hold it. Off: it acknowledges at once and ships the write to followers later (asynchronous).',
    default: true,
    unsafe: false,
  },
  {
    name: 'readAnyReplica',
    label: 'Read from any replica',
    description: 'With a leader: clients read from a nearby follower (a from r2, b from r3) instead of the leader. Off: reads go to the leader.',
    default: false,
    unsafe: false,
  },
  {
    name: 'sessionTokens',
    label: 'Session tokens',
    description:
      'Each client carries the highest version it has written or read; a replica that is behind that version holds the read until it has caught up (read-your-writes, monotonic reads).',
    default: false,
    unsafe: false,
  },
  {
    name: 'readRepair',
    label: 'Synchronous read repair',
    description:
      'Leaderless: before answering a read, the coordinator writes the newest value it saw back to W replicas and waits for them (the ABD write-back).',
    default: false,
    unsafe: false,
  },
  {
    name: 'leaderReadsWithoutConfirm',
    label: 'Leader reads without confirming',
    description:
      'The leader answers reads from its own copy without first checking with a majority that it is still the leader; a deposed leader that has not heard of its successor serves an old value.',
    default: false,
    unsafe: true,
  },
];

export const params: ParamSpec[] = [
  {
    name: 'w',
    label: 'W (write quorum)',
    min: 1,
    max: 5,
    default: 2,
    onlyWith: 'leaderless',
    description: 'Leaderless: how many replicas (the coordinator included) must hold a write before the client is told it succeeded. Capped at N.',
  },
  {
    name: 'r',
    label: 'R (read quorum)',
    min: 1,
    max: 5,
    default: 2,
    onlyWith: 'leaderless',
    description: 'Leaderless: how many replicas (the coordinator included) a read hears from before it answers with the newest value among them. Capped at N.',
  },
];

/** Every flag at its default, with some set. */
export function flagValues(set: Record<string, boolean> = {}): Record<string, boolean> {
  return { ...Object.fromEntries(flags.map((f) => [f.name, f.default])), ...set };
}

/** Every parameter at its default, with some set. */
export function paramValues(set: Record<string, number> = {}): Record<string, number> {
  return { ...Object.fromEntries(params.map((p) => [p.name, p.default])), ...set };
}

/** A configuration read as the mechanisms it switches on. Plain data (machines copy it into context). */
export type Design = {
  leaderless: boolean;
  sync: boolean;
  readAny: boolean;
  session: boolean;
  /** Leader reads confirm leadership with a majority first (false only with the unsafe flag or asynchronous replication). */
  confirm: boolean;
  readRepair: boolean;
  n: number;
  w: number;
  r: number;
  majority: number;
};

export function designOf(config: Config): Design {
  const f = (name: string) => config.flags[name] ?? flags.find((x) => x.name === name)!.default;
  const p = (name: string) => Math.min(config.size, Math.max(1, config.params?.[name] ?? params.find((x) => x.name === name)!.default));
  const n = config.size;
  const sync = f('syncReplication');
  return {
    leaderless: f('leaderless'),
    sync,
    readAny: f('readAnyReplica'),
    session: f('sessionTokens'),
    // Asynchronous replication makes no linearizability promise, so its leader does not pay for one.
    confirm: sync && !f('leaderReadsWithoutConfirm'),
    readRepair: f('readRepair'),
    n,
    w: p('w'),
    r: p('r'),
    majority: Math.floor(n / 2) + 1,
  };
}

/** The design's name in the lessons' words. */
export function designName(config: Config): string {
  const d = designOf(config);
  if (d.leaderless) {
    const q = `N=${d.n}, W=${d.w}, R=${d.r}`;
    if (d.w === 1 && d.r === 1) return `every replica accepts writes, last writer wins (${q})`;
    return `leaderless quorum (${q}${d.readRepair ? ', read repair' : ''})`;
  }
  const repl = d.sync ? 'synchronous replication to a majority' : 'asynchronous replication';
  const reads = d.readAny ? 'reads from any replica' : d.confirm ? 'leader reads after confirming with a majority' : 'leader reads from its own copy';
  return `single leader, ${repl}, ${reads}${d.session ? ', session tokens' : ''}`;
}

/**
 * What a configuration promises (invariant names). The explorer checks every invariant anyway;
 * these are the ones whose violation is a bug rather than the lesson.
 */
export function promises(config: Config): string[] {
  const d = designOf(config);
  const strong = ['linearizable', 'sequential', 'read-your-writes', 'monotonic-reads', 'monotonic-writes', 'no-lost-acked-write'];
  const out = new Set<string>(['convergence']);
  if (d.leaderless) {
    if (d.w === 1 && d.r === 1) out.add('availability');
    if (d.r + d.w > d.n) {
      // Quorums intersect: a read sees every write that completed before it began, and a write's
      // timestamp is above every write that completed before it (Gifford 1979).
      for (const name of ['read-your-writes', 'monotonic-writes', 'no-lost-acked-write']) out.add(name);
      // With the write-back, a read also leaves what it returns on a quorum (ABD 1995).
      if (d.readRepair) for (const name of strong) out.add(name);
    }
  } else if (d.sync && !d.readAny) {
    // The unsafe flag keeps the promise and breaks it: that is what makes it unsafe.
    for (const name of strong) out.add(name);
  } else if (d.session) {
    out.add('read-your-writes');
    out.add('monotonic-reads');
  }
  return [...out];
}
