/**
 * The replicated register's scenarios: one per design the lessons compare, each a configuration,
 * the clients' operations (scenario data `requests`, issued in order per client), a fault budget
 * and prompts. Budgets and operation lists are small so the explorer walks every world in the
 * reader's tab. Written values are distinct (a writes 1, b writes 2; a writes 1 and 2 in
 * lww-two-writes), so a read names the write it saw.
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
      'One replica, r1, leads term 1 and every write and read goes through it. It tells a client a write succeeded only once a majority holds it, and answers a read only after a majority has confirmed, since the read arrived, that r1 still leads. r2 stands for term 2 if its election timer fires. Timeouts here outlast delivery: a timer waits until the messages on their way to its replica have arrived, a replica sends again only what was answered or lost, and r2’s election timer fires only once r1 is down or cut off from it (r1’s heartbeats, not drawn, keep it quiet otherwise). Cut the network and find out which of consistency or availability this design gives up.',
    config: config({}),
    budget: budget({ partition: 1 }),
    prefix: [],
    timing: 'after-delivery',
    data: { requests: ['b-w1', 'a-r1'] },
    tryThis: [
      'Cut r1 off together with client a, then let a’s read reach r1. r1 still believes it leads, but it cannot reach a majority to confirm that: does a ever get an answer?',
      'Let b’s write reach r1 and r2 only, leaving the APPEND to r3 on its way, and deliver b’s WRITE_OK. Then let a read. Whom does r1 ask before it answers, and what does a read?',
      'Cut r1 off together with client a. Fire r2’s election timer and deliver r3’s vote, so r2 leads term 2 while r1 has not heard. Let b write 1 through r2, then let a read from r1. What stops r1 from answering with its old copy, and what does a hear once the network heals?',
      'Switch on “Leader reads without confirming” and play the same run up to a’s read: r1 answers a from its own copy. Which guarantee breaks?',
    ],
    solutions: [
      { prompt: 0, steps: ['p.r1-a', 'q.a-r1', 'd1'], expect: { states: { r1: 'leader', a: 'waiting' }, breaks: 'availability' } },
      { prompt: 1, steps: ['q.b-w1', 'd1', 'd2', 'd4', 'd5', 'q.a-r1', 'd6', 'd7', 'd9', 'd10'], expect: { states: { r1: 'leader', a: 'idle', b: 'idle' }, took: ['q.a-r1'] } },
      {
        prompt: 2,
        flags: { leaderReadsWithoutConfirm: false },
        steps: ['p.r1-a', 't.r2.election', 'd2', 'd3', 'd5', 'd7', 'd8', 'q.b-w1', 'd9', 'd11', 'd12', 'd13', 'q.a-r1', 'd14', 'h', 't.r2.replicate', 'd17', 'd18'],
        expect: { states: { r1: 'follower', r2: 'leader', a: 'idle' }, took: ['q.a-r1', 'h'] },
      },
      {
        prompt: 3,
        flags: { leaderReadsWithoutConfirm: true },
        steps: ['p.r1-a', 't.r2.election', 'd2', 'd3', 'd5', 'd7', 'd8', 'q.b-w1', 'd9', 'd11', 'd12', 'd13', 'q.a-r1', 'd14', 'd15'],
        expect: { states: { r1: 'leader', r2: 'leader' }, breaks: 'linearizable' },
      },
    ],
  },
  {
    id: 'leader-async',
    title: 'Single leader, asynchronous replication',
    description:
      'r1 leads, but it tells a client a write succeeded as soon as its own copy has it, and ships the write to the followers later, when its replicate timer fires. Clients read from a follower close to them (a from r2, b from r3). Timeouts in this scenario outlast delivery: a timer waits until the messages heading to its replica have been delivered, r1 ships again only what was answered or lost, and r2 stands for election only once r1 is down or cut off from it. Quick and always answering, yet a read can be stale, and a failover can lose a write the client was told had succeeded.',
    config: config({ syncReplication: false, readAnyReplica: true }),
    budget: budget({ crash: 1 }),
    prefix: [],
    timing: 'after-delivery',
    data: { requests: ['a-w1', 'b-r1', 'a-r1'] },
    tryThis: [
      'Let a write 1 and deliver its WRITE_OK, then let b read from r3 before r1’s replicate timer fires. What does b read, although the write had finished?',
      'Let a write 1 and hear back, then crash r1 before it ships the write. Elect r2 with r3’s vote, recover r1, let r3 take r2’s APPEND and answer it, then fire r2’s replicate timer. What happens to the write a was told had succeeded?',
      'Let a write 1 and hear back, then let a read from r2 right away. Does a see its own write?',
    ],
    solutions: [
      { prompt: 0, steps: ['q.a-w1', 'd1', 'd2', 'q.b-r1', 'd3', 'd4'], expect: { states: { a: 'idle', b: 'idle' }, breaks: 'linearizable' } },
      {
        prompt: 1,
        steps: ['q.a-w1', 'd1', 'd2', 'c.r1', 't.r2.election', 'd4', 'd5', 'r.r1', 'd9', 'd10', 't.r2.replicate', 'd11'],
        expect: { states: { r1: 'follower', r2: 'leader' }, breaks: 'no-lost-acked-write' },
      },
      { prompt: 2, steps: ['q.a-w1', 'd1', 'd2', 'q.a-r1', 'd3', 'd4'], expect: { states: { a: 'idle' }, breaks: 'read-your-writes' } },
    ],
  },
  {
    id: 'quorum',
    title: 'Leaderless quorums (N=3, W=2, R=2)',
    description:
      'There is no leader: the replica a client asks coordinates its operation (a asks r1; b reads once through r3, then through r2). A write first learns the highest version among R replicas, stamps itself above it and waits until W replicas hold it; a read returns the newest of R answers. Here a timer only fires once the messages travelling to its replica have arrived, and a replica pushes again only what was answered or lost. With R + W > N every read quorum meets every write quorum, and still, without read repair, a read can go back in time.',
    config: config({ leaderless: true }, { w: 2, r: 2 }),
    budget: budget({}),
    prefix: [],
    timing: 'after-delivery',
    data: { requests: ['a-w1', 'b-r1-via-r3', 'b-r2-via-r2'] },
    tryThis: [
      'Let a’s write reach r1 and its version query come back, but keep r1’s STOREs in flight. Let b read through r3 (which asks r1), then through r2 (which asks r3). What do b’s two reads return, although R + W > N?',
      'Switch on “Synchronous read repair” (W and R stay 2) and play the same opening. b’s first read now writes the value back before answering: what does b’s second read return?',
    ],
    solutions: [
      {
        prompt: 0,
        flags: { readRepair: false },
        params: { w: 2, r: 2 },
        steps: ['q.a-w1', 'q.b-r1-via-r3', 'd1', 'd2', 'd3', 'd5', 'd4', 'd8', 'd9', 'q.b-r2-via-r2', 'd10', 'd11', 'd12', 'd13'],
        expect: { states: { a: 'waiting', b: 'idle' }, breaks: 'linearizable' },
      },
      {
        prompt: 1,
        flags: { readRepair: true },
        params: { w: 2, r: 2 },
        steps: ['q.a-w1', 'q.b-r1-via-r3', 'd1', 'd2', 'd3', 'd5', 'd4', 'd8', 'd9', 'd11', 'd12', 'q.b-r2-via-r2', 'd13', 'd14', 'd15', 'd16', 'd18', 'd19'],
        expect: { states: { a: 'waiting', b: 'idle' }, took: ['q.b-r2-via-r2'] },
      },
    ],
  },
  {
    id: 'lww',
    title: 'Every replica accepts writes, last writer wins (AP)',
    description:
      'W = R = 1: whichever replica a client asks (r1 for a, r2 for b) reads or writes its own copy, answers straight away, and pushes new values to the others on its replicate timer; when two values meet, the higher timestamp wins. In this scenario a timer holds off until the messages on their way to its replica are delivered, and a replica pushes again only what was answered or lost. Every request gets an answer, the replicas agree once the network heals, and linearizability is what gets sacrificed.',
    config: config({ leaderless: true }, { w: 1, r: 1 }),
    budget: budget({ partition: 1 }),
    prefix: [],
    timing: 'after-delivery',
    data: { requests: ['b-w2', 'a-w1', 'a-r1'] },
    tryThis: [
      'Cut r1 off together with client a. Let b write 2 through r2 and hear back, then let a write 1 through r1. Does either side refuse a write?',
      'Then heal the network, deliver what is in flight and fire r1’s replicate timer until the replicas agree. Which value do they keep, and what became of the other write that was acknowledged?',
      'Once they agree, let a read. What does it get back, having written 1 itself?',
    ],
    solutions: [
      { prompt: 0, steps: ['p.r1-a', 'q.b-w2', 'd1', 'd4', 'q.a-w1', 'd5', 'd8'], expect: { states: { a: 'idle', b: 'idle' }, took: ['p.r1-a', 'q.a-w1'] } },
      {
        prompt: 1,
        steps: ['p.r1-a', 'q.b-w2', 'd1', 'd4', 'q.a-w1', 'd5', 'd8', 'h', 'd3', 'd9', 't.r1.replicate', 'd10', 'd11', 'd12', 'd13'],
        expect: { took: ['h'], breaks: 'no-lost-acked-write' },
      },
      {
        prompt: 2,
        steps: ['p.r1-a', 'q.b-w2', 'd1', 'd4', 'q.a-w1', 'd5', 'd8', 'h', 'd3', 'd9', 't.r1.replicate', 'd10', 'd11', 'd12', 'd13', 'q.a-r1', 'd14', 'd15'],
        expect: { states: { a: 'idle' }, breaks: 'read-your-writes' },
      },
    ],
  },
  {
    id: 'lww-two-writes',
    title: 'Last writer wins, one client writing twice',
    description:
      'W = R = 1 again, and client a writes twice: 1 through r2 (away from home, say), then 2 through its usual r1. Each replica stamps a write with its own counter plus one, ties going to the higher replica number, and answers at once; the new value reaches the others when its STORE arrives. In this scenario a timer holds off until the messages on their way to its replica are delivered, and a replica pushes again only what was answered or lost. A client’s second write can be stamped below its first, and then last writer wins keeps the first.',
    config: config({ leaderless: true }, { w: 1, r: 1 }),
    budget: budget({}),
    prefix: [],
    timing: 'after-delivery',
    data: { requests: ['a-w1-via-r2', 'a-w2'] },
    tryThis: [
      'Let a write 1 through r2 and hear back, then write 2 through r1 before r2’s STORE of 1 reaches r1. Which versions do the two writes get, and which one do the replicas keep once every message is delivered?',
      'Set W = R = 2 and play the same: r1 now asks r2 for its version before stamping a’s second write. Which version does 2 get, and which value do the replicas keep?',
    ],
    solutions: [
      {
        prompt: 0,
        params: { w: 1, r: 1 },
        steps: ['q.a-w1-via-r2', 'd1', 'd4', 'q.a-w2', 'd5', 'd8', 'd2', 'd3', 'd6', 'd7', 'd9', 'd10', 'd11', 'd12'],
        expect: { states: { a: 'idle' }, breaks: 'monotonic-writes' },
      },
      {
        prompt: 1,
        params: { w: 2, r: 2 },
        steps: ['q.a-w1-via-r2', 'd1', 'd2', 'd3', 'd5', 'd6', 'd7', 'q.a-w2', 'd8', 'd9', 'd10', 'd11', 'd13', 'd14', 'd4', 'd12', 'd15', 'd16'],
        expect: { states: { a: 'idle' }, took: ['q.a-w2'] },
      },
    ],
  },
  {
    id: 'session',
    title: 'Session guarantees on asynchronous replication',
    description:
      'The asynchronous single-leader design again, reading from a nearby follower, now with session tokens: every client remembers the highest version it has written or read, and a follower that is behind it keeps the read until it has caught up. Timeouts here outlast delivery: a timer waits until the messages heading to its replica have been delivered, and r1 ships again only what was answered or lost. a then reads its own write even from the lagging r2, while b, whose session has seen nothing, can still read older data than a did.',
    config: config({ syncReplication: false, readAnyReplica: true, sessionTokens: true }),
    budget: budget({}),
    prefix: [],
    timing: 'after-delivery',
    data: { requests: ['a-w1', 'a-r1', 'b-r1'] },
    tryThis: [
      'Let a write 1 and hear back, then let a read from r2 before r1 ships the write. Deliver the read: what does r2 do instead of answering? Then fire r1’s replicate timer and deliver the APPEND to r2 and the answer. What does a read?',
      'Continue: let b read from r3 before r3 gets the APPEND. b’s session has seen nothing, so r3 answers at once. What does b read, and which model does that break?',
      'Switch off “Session tokens” and let a write 1, hear back and read from r2 at once. What does a read now?',
    ],
    solutions: [
      {
        prompt: 0,
        flags: { sessionTokens: true },
        steps: ['q.a-w1', 'd1', 'd2', 'q.a-r1', 'd3', 't.r1.replicate', 'd4', 'd7'],
        expect: { states: { a: 'idle' }, took: ['q.a-r1', 't.r1.replicate'] },
      },
      {
        prompt: 1,
        flags: { sessionTokens: true },
        steps: ['q.a-w1', 'd1', 'd2', 'q.a-r1', 'd3', 't.r1.replicate', 'd4', 'd7', 'q.b-r1', 'd8', 'd9'],
        expect: { states: { a: 'idle', b: 'idle' }, breaks: 'linearizable' },
      },
      { prompt: 2, flags: { sessionTokens: false }, steps: ['q.a-w1', 'd1', 'd2', 'q.a-r1', 'd3', 'd4'], expect: { states: { a: 'idle' }, breaks: 'read-your-writes' } },
    ],
  },
];
