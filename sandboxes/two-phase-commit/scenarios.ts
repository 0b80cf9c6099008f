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
      'Deliver all three PREPAREs, crash p1, and fire c’s vote-timeout while the votes are still on their way. What does c decide, and what does p1 do when it recovers?',
      'Fire p1’s prepare-timeout before its PREPARE arrives, then deliver that PREPARE and p1’s answer. How does that change the outcome?',
      'Deliver the PREPAREs and the first two votes, then fire c’s vote-timeout while the last vote is merely slow. Why must c abort although everyone voted yes?',
    ],
    solutions: [
      { prompt: 0, steps: ['d1', 'd2', 'd3', 'd4', 'd5', 'd6', 'd7', 'd8', 'd9', 'd10', 'd11', 'd12'], expect: { states: { c: 'ended', p1: 'committed', p2: 'committed', p3: 'committed' } } },
      { prompt: 1, steps: ['d1', 'd2', 'd3', 'c.p1', 't.c.vote-timeout', 'r.p1'], expect: { states: { c: 'aborting', p1: 'prepared' } } },
      { prompt: 2, steps: ['t.p1.prepare-timeout', 'd1', 'd4'], expect: { states: { c: 'aborting', p1: 'aborted' } } },
      { prompt: 3, steps: ['d1', 'd2', 'd3', 'd4', 'd5', 't.c.vote-timeout'], expect: { states: { c: 'aborting', p3: 'prepared' } } },
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
      'Deliver p1’s and p2’s PREPAREs and p2’s VOTE_ABORT, then drop the GLOBAL_ABORT on its way to p1. Fire c’s ack-timeout: how does p1 find out in the end?',
      'Switch on presumed abort and lose the same GLOBAL_ABORT. c has already forgotten T1. Fire p1’s decision-timeout: what does c answer, and from what?',
    ],
    solutions: [
      { prompt: 0, steps: ['d1', 'd2'], expect: { states: { p1: 'prepared', p2: 'aborted', c: 'collecting' } } },
      { prompt: 1, steps: ['d1', 'd2', 'd5', 'x6', 't.c.ack-timeout', 'd9'], expect: { states: { c: 'aborting', p1: 'aborted' } } },
      { prompt: 2, flags: { presumedAbort: true }, steps: ['d1', 'd2', 'd5', 'x6', 't.p1.decision-timeout', 'd9', 'd10'], expect: { states: { c: 'ended', p1: 'aborted' } } },
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
      'Before that, fire p1’s decision-timeout and deliver its DECISION_REQUEST. What does the coordinator answer while it is still collecting votes?',
    ],
    solutions: [
      { prompt: 0, steps: ['t.c.vote-timeout'], expect: { states: { c: 'aborting' } } },
      { prompt: 1, steps: ['t.p1.decision-timeout', 'd7'], expect: { states: { c: 'collecting', p1: 'prepared' }, took: ['t.p1.decision-timeout'] } },
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
      'Crash c and recover it: its log is empty. Fire p1’s decision-timeout and deliver the question and the answer. What does c answer, and why is that safe?',
      'Instead of crashing c, isolate it from the network. Does the blocked panel light up?',
    ],
    solutions: [
      { prompt: 0, steps: ['c.c', 't.p2.decision-timeout'], expect: { states: { c: null, p2: 'prepared' }, breaks: 'blocked' } },
      { prompt: 1, steps: ['c.c', 'r.c', 't.p1.decision-timeout', 'd7', 'd8'], expect: { states: { c: 'idle', p1: 'aborted' } } },
      { prompt: 2, steps: ['i.c'], expect: { breaks: 'blocked' } },
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
      'Deliver GLOBAL_COMMIT to p1, then crash c and recover it. What does c resend, and to whom?',
      'Deliver GLOBAL_COMMIT to p1 and drop p1’s ACK. Fire c’s ack-timeout and deliver the resent GLOBAL_COMMIT. How does p1 answer a decision it already has?',
      'Turn on “send the decision before logging it”, deliver GLOBAL_COMMIT to p1 and crash c right away. Recover c and let p2 ask. What does it hear?',
      'Turn on “acknowledge before forcing COMMIT”, deliver every GLOBAL_COMMIT and every ACK, then crash p1 and recover it. What does p1 find in its log, and what is it told?',
    ],
    solutions: [
      { prompt: 0, steps: ['d7', 'c.c', 'r.c'], expect: { states: { c: 'committing', p1: 'committed' } } },
      { prompt: 1, steps: ['d7', 'x10', 't.c.ack-timeout', 'd11'], expect: { states: { c: 'committing', p1: 'committed' } } },
      { prompt: 2, flags: { sendBeforeLog: true }, steps: ['d7', 'c.c', 'r.c', 't.p2.decision-timeout', 'd11', 'd12'], expect: { breaks: 'atomicity' } },
      {
        prompt: 3,
        flags: { ackBeforeForce: true },
        steps: ['d7', 'd8', 'd9', 'd10', 'd11', 'd12', 'c.p1', 'r.p1', 'd13', 'd14'],
        expect: { states: { c: 'ended', p1: 'aborted' }, breaks: 'decisions-final' },
      },
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
      'Deliver all three votes, then recover p1 and deliver its question and the answer. How does p1 learn that T1 committed?',
      'Turn on “vote yes without logging PREPARED”, deliver the votes and p2’s GLOBAL_COMMIT, then recover p1. What goes wrong?',
    ],
    solutions: [
      { prompt: 0, steps: ['r.p1'], expect: { states: { p1: 'prepared' } } },
      { prompt: 1, steps: ['d4', 'd5', 'd6', 'r.p1', 'd10', 'd11'], expect: { states: { c: 'committing', p1: 'committed' } } },
      { prompt: 2, flags: { voteWithoutLog: true }, steps: ['d4', 'd5', 'd6', 'd8', 'r.p1'], expect: { breaks: 'atomicity' } },
    ],
  }),
];
