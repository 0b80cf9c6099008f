/**
 * A replica of the register as an XState machine. Its roles are the states: `follower`,
 * `candidate` and `leader` with a single leader (Raft's names), `serving` when leaderless. What it
 * does with each event is logic.ts's pure `react`; the machine routes on the role that returns
 * (guards `becomesLeader`…) and emits its effects (`apply`). It talks only by emitting sends; its
 * timeouts (`election`, `replicate`) are kernel timers. Its durable store holds the register
 * (term, value, version); a restarted replica reads it in `recovering` and rejoins as a follower
 * (a leader's authority is not durable: Raft §5.2) or, leaderless, pushes its value to the others.
 */
import { assign, enqueueActions, setup } from 'xstate';
import type { NodeInput } from '../kernel/types.ts';
import type { Emitted, ReplicaEvent } from './messages.ts';
import { RULES, bootEffects, bootRole, initialContext, react, type Phase, type ReplicaContext, type Role, type Rules } from './logic.ts';
import type { Design } from './design.ts';
import type { Version } from './version.ts';

/** Every event a replica reacts to, in the machine's `on` tables. */
const EVENTS = [
  'WRITE', 'READ', 'APPEND', 'APPEND_OK', 'REQUEST_VOTE', 'VOTE', 'CONFIRM', 'CONFIRM_OK', 'STALE_TERM',
  'QUERY', 'QUERY_REPLY', 'STORE', 'STORE_ACK', 'timer.election', 'timer.replicate',
] as const;

// Per role: the events that can move it to another role, and where. Every other event is handled in place.
const MOVES: Record<'follower' | 'candidate' | 'leader', Partial<Record<(typeof EVENTS)[number], Role[]>>> = {
  follower: { 'timer.election': ['candidate'] },
  candidate: { VOTE: ['leader'], APPEND: ['follower'], CONFIRM: ['follower'], REQUEST_VOTE: ['follower'], STALE_TERM: ['follower'] },
  leader: { APPEND: ['follower'], CONFIRM: ['follower'], REQUEST_VOTE: ['follower'], STALE_TERM: ['follower'] },
};

type Held = 'follower' | 'candidate' | 'leader' | 'serving';

/** The guard that says an event moves a replica from one role to another (logic.ts decides). */
const moveGuard = (from: Held, to: Role) => `${from}To${to[0].toUpperCase()}${to.slice(1)}` as Guard;
type Guard = 'followerToCandidate' | 'candidateToLeader' | 'candidateToFollower' | 'leaderToFollower';
type Apply = 'asFollower' | 'asCandidate' | 'asLeader' | 'asServing';
const applyAs = (role: Held) => `as${role[0].toUpperCase()}${role.slice(1)}` as Apply;

function table(role: Held) {
  const on: Record<string, { guard?: Guard; target?: string; actions: Apply }[]> = {};
  const apply = applyAs(role);
  for (const ev of EVENTS) {
    if (role === 'serving' ? !['WRITE', 'READ', 'QUERY', 'QUERY_REPLY', 'STORE', 'STORE_ACK', 'timer.replicate'].includes(ev) : ['QUERY', 'QUERY_REPLY', 'STORE', 'STORE_ACK'].includes(ev)) continue;
    const moves = role === 'serving' ? [] : (MOVES[role][ev] ?? []);
    on[ev] = [...moves.map((to) => ({ guard: moveGuard(role, to), target: to, actions: apply })), { actions: apply }];
  }
  return on;
}

type Check = (guard: { type: string; params: unknown }) => boolean;

/** logic.ts's named decisions, each asked of the machine's guard of the same name (so `provide` can swap one). */
function rulesOf(check: Check): Rules {
  return {
    majorityHolds: (holders, majority) => check({ type: 'majorityHolds', params: { holders, majority } }),
    confirmsReads: (design) => check({ type: 'confirmsReads', params: { design } }),
    repairsReads: (design) => check({ type: 'repairsReads', params: { design } }),
    writeQuorum: (phase, holders, w) => check({ type: 'writeQuorum', params: { phase, holders, w } }),
    lwwNewer: (incoming, held) => check({ type: 'lwwNewer', params: { incoming, held } }),
    honoursSession: (design) => check({ type: 'honoursSession', params: { design } }),
    keepsPushing: (behind) => check({ type: 'keepsPushing', params: { behind } }),
    stampsAboveQuorum: (heard, own) => check({ type: 'stampsAboveQuorum', params: { heard, own } }),
  };
}

/** React to an event in one role (logic.ts): the new context, then its sends, timers and durable writes. */
function run(
  role: Role,
  context: ReplicaContext,
  event: ReplicaEvent,
  enqueue: { assign: (c: ReplicaContext) => void; emit: (e: Emitted) => void },
  check: unknown,
): void {
  const r = react(context, role, event, rulesOf(check as Check));
  enqueue.assign(r.ctx);
  for (const e of r.out) enqueue.emit(e);
}

export const replica = setup({
  types: {
    context: {} as ReplicaContext,
    events: {} as ReplicaEvent,
    input: {} as NodeInput,
    emitted: {} as Emitted,
  },
  actions: {
    asFollower: enqueueActions(({ context, event, enqueue, check }) => run('follower', context, event, enqueue, check)),
    asCandidate: enqueueActions(({ context, event, enqueue, check }) => run('candidate', context, event, enqueue, check)),
    asLeader: enqueueActions(({ context, event, enqueue, check }) => run('leader', context, event, enqueue, check)),
    asServing: enqueueActions(({ context, event, enqueue, check }) => run('serving', context, event, enqueue, check)),
    /** Arm the timers a booting replica needs (its election timer, or leaderless, the push of its value). */
    boot: enqueueActions(({ context, enqueue }) => {
      for (const e of bootEffects(context)) enqueue.emit(e);
    }),
    clearRecovering: assign({ recovering: false }),
  },
  guards: {
    recovering: ({ context }) => context.recovering,
    leaderless: ({ context }) => context.design.leaderless,
    leadsAtStart: ({ context }) => bootRole(context) === 'leader',
    followerToCandidate: ({ context, event }) => react(context, 'follower', event).role === 'candidate',
    candidateToLeader: ({ context, event }) => react(context, 'candidate', event).role === 'leader',
    candidateToFollower: ({ context, event }) => react(context, 'candidate', event).role === 'follower',
    leaderToFollower: ({ context, event }) => react(context, 'leader', event).role === 'follower',
    // logic.ts's decisions (`Rules`), asked by the actions above with the facts as params.
    majorityHolds: (_, p: { holders: number; majority: number }) => RULES.majorityHolds(p.holders, p.majority),
    confirmsReads: (_, p: { design: Design }) => RULES.confirmsReads(p.design),
    repairsReads: (_, p: { design: Design }) => RULES.repairsReads(p.design),
    writeQuorum: (_, p: { phase: Phase; holders: number; w: number }) => RULES.writeQuorum(p.phase, p.holders, p.w),
    lwwNewer: (_, p: { incoming: Version; held: Version }) => RULES.lwwNewer(p.incoming, p.held),
    honoursSession: (_, p: { design: Design }) => RULES.honoursSession(p.design),
    keepsPushing: (_, p: { behind: number }) => RULES.keepsPushing(p.behind),
    stampsAboveQuorum: (_, p: { heard: Version; own: Version }) => RULES.stampsAboveQuorum(p.heard, p.own),
  },
}).createMachine({
  id: 'replica',
  context: ({ input }) => initialContext(input),
  initial: 'start',
  states: {
    // Transient: a fresh replica takes its role; a restarted one reads its store first.
    start: {
      always: [
        { guard: 'recovering', target: 'recovering' },
        { guard: 'leaderless', target: 'serving', actions: 'boot' },
        { guard: 'leadsAtStart', target: 'leader', actions: 'boot' },
        { target: 'follower', actions: 'boot' },
      ],
    },
    // After a crash: the register (term, value, version) is what survived. Nobody leads on restart.
    recovering: {
      always: [
        { guard: 'leaderless', target: 'serving', actions: ['clearRecovering', 'boot'] },
        { target: 'follower', actions: ['clearRecovering', 'boot'] },
      ],
    },
    follower: { on: table('follower') },
    candidate: { on: table('candidate') },
    leader: { on: table('leader') },
    serving: { on: table('serving') },
  },
});
