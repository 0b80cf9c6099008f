/**
 * Two-phase commit's scenarios: configuration, scripted prefix, fault budget and prompts.
 *
 * Prefixes are written as token lists per size, because message ids follow send order: with N
 * participants, `q.begin` sends PREPARE 1..N, delivering them yields votes N+1..2N, and delivering
 * the votes yields the decision messages 2N+1..3N. Budgets are small so the explorer finishes, and
 * big enough that every unsafe flag has a counterexample in its scenario.
 */
import { tokenToChoice } from '../kernel/tokens.ts';
import type { Choice, Config, FaultBudget, Scenario } from '../kernel/types.ts';
import { defaultFlags } from './flags.ts';

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const tokens = (list: string[]): Choice[] => list.map(tokenToChoice);
const budget = (b: Partial<FaultBudget>): FaultBudget => ({ crash: 0, drop: 0, duplicate: 0, partition: 0, ...b });
const config = (): Config => ({ size: 3, flags: defaultFlags() });

/** begin, then deliver every PREPARE: all participants have voted, votes in flight. */
const prepared = (n: number) => ['q.begin', ...range(1, n).map((i) => `d${i}`)];
/** ...then deliver every vote: the coordinator has decided commit; decisions in flight. */
const decided = (n: number) => [...prepared(n), ...range(n + 1, 2 * n).map((i) => `d${i}`)];

function scenario(s: Omit<Scenario, 'prefix' | 'config'> & { prefixTokens: (n: number) => string[] }): Scenario {
  const { prefixTokens, ...rest } = s;
  const c = config();
  return { ...rest, config: c, prefix: tokens(prefixTokens(c.size)), prefixFor: (cfg) => tokens(prefixTokens(cfg.size)) };
}

export const scenarios: Scenario[] = [
  scenario({
    id: 'all-vote-yes',
    title: 'Everyone votes yes',
    description:
      'A client has asked the coordinator c to commit T1 and every participant can. Watch PREPARE arrive, the votes come back, COMMIT reach the coordinator’s log before GLOBAL_COMMIT leaves, and the acks close the transaction.',
    budget: budget({ crash: 1 }),
    prefixTokens: () => ['q.begin'],
    tryThis: [
      'Play it straight through: deliver every message. Which log record makes the decision final?',
      'Deliver all PREPAREs, then crash one participant before its vote arrives. What does the coordinator do when its vote-timeout fires?',
      'Fire a participant’s prepare-timeout before PREPARE reaches it. How does that change the outcome?',
    ],
  }),
  scenario({
    id: 'one-votes-no',
    title: 'One participant votes no',
    description:
      'c has sent PREPARE, but p2’s local work failed, so it will answer with VOTE_ABORT. One no is enough: the coordinator aborts everywhere, including participants that already voted yes and are waiting in doubt.',
    budget: budget({ drop: 1 }),
    data: { voteNo: ['p2'] },
    prefixTokens: () => ['q.begin'],
    tryThis: [
      'Deliver PREPARE to p1 first, then to p2. What state is p1 in while p2’s VOTE_ABORT travels?',
      'Drop GLOBAL_ABORT on its way to p1. How does p1 find out in the end?',
    ],
  }),
  scenario({
    id: 'vote-lost',
    title: 'A vote is lost',
    description:
      'Every participant voted yes, but the network dropped p1’s VOTE_COMMIT. The coordinator cannot tell a lost vote from a slow one; only its vote-timeout gets it out of waiting.',
    budget: budget({ drop: 1, crash: 1 }),
    prefixTokens: (n) => [...prepared(n), `x${n + 1}`],
    tryThis: [
      'Fire c’s vote-timeout. What does the coordinator decide, and why is that safe although everyone voted yes?',
      'Before the timeout, fire p1’s decision-timeout. What does the coordinator answer to DECISION_REQUEST while it is still collecting votes?',
    ],
  }),
  scenario({
    id: 'coordinator-crash-after-prepare',
    title: 'Coordinator crashes after PREPARE',
    description:
      'Every participant has voted yes and is waiting. If the coordinator crashes now, the participants are in doubt: they promised to obey and cannot decide alone. This is why two-phase commit is called blocking.',
    budget: budget({ crash: 1, partition: 1 }),
    prefixTokens: (n) => prepared(n),
    tryThis: [
      'Crash c now, then fire p2’s decision-timeout. What can p2 do? Why may it not just abort?',
      'Crash c, recover it, and deliver what it sends. How does a recovered coordinator decide?',
      'Instead of crashing c, isolate it from the network. Does the blocked panel light up?',
    ],
  }),
  scenario({
    id: 'coordinator-crash-after-commit',
    title: 'Coordinator crashes after deciding commit',
    description:
      'The coordinator has forced COMMIT to its log and sent GLOBAL_COMMIT. A crash now loses its memory, not its decision: on recovery it reads COMMIT and tells everyone again.',
    budget: budget({ crash: 1, drop: 1 }),
    prefixTokens: (n) => decided(n),
    tryThis: [
      'Deliver GLOBAL_COMMIT to p1, then crash c. After recovery, what does c resend, and to whom?',
      'Drop a GLOBAL_COMMIT, then crash and recover c. Does the transaction still finish everywhere?',
      'Turn on "send the decision before logging it" and crash c right away. What does the explorer find?',
    ],
  }),
  scenario({
    id: 'participant-crash-while-prepared',
    title: 'A participant crashes while prepared',
    description:
      'p1 forced PREPARED to its log, voted yes, and crashed. Its vote is still on the way. When p1 restarts, its log tells it that it is in doubt and must ask the coordinator.',
    budget: budget({ crash: 1, drop: 1 }),
    prefixTokens: (n) => [...prepared(n), 'c.p1'],
    tryThis: [
      'Recover p1 before delivering any vote. What does it send first, and what state is it in?',
      'Deliver all votes, then recover p1. How does p1 learn that T1 committed?',
      'Turn on "vote yes without logging PREPARED" and recover p1. What goes wrong?',
    ],
  }),
];
