// Kernel tests on a toy protocol defined here, so they check the kernel and nothing else.
import { describe, expect, it } from 'vitest';
import { assign, enqueueActions, setup } from 'xstate';
import {
  applyChoices, canonicalJson, checkInvariants, choiceToToken, choices, createExplorer, createWorld, decodeRun, describeChoice,
  encodeRun, explore, IllegalChoiceError, narrate, quiescent, randomRun, runFromJSON, runToJSON, startWorld, stateDiagram, step,
  timelineBack, timelineCreate, timelineForward, timelinePush, timelineSeek, timelineWorldAt, toSequenceDiagram, tokenToChoice, viewNodes,
} from './index.ts';
import type { Choice, Effect, NodeInput, Protocol, World } from './index.ts';

// Toy: `a` sends PING to `b` on request `go`; `b` logs every PING (not idempotent) and answers PONG.
// Invariant `once`: b logged at most one PING; a retry or a duplicate breaks it.
const pinger = setup({
  types: { context: {} as { pongs: number }, events: {} as { type: 'request.go' } | { type: 'PONG'; from: string } | { type: 'timer.retry' }, input: {} as NodeInput, emitted: {} as Effect },
  actions: {
    ping: enqueueActions(({ enqueue }) => {
      enqueue.emit({ type: 'send', to: 'b', message: { type: 'PING' } });
      enqueue.emit({ type: 'timer.set', name: 'retry' });
    }),
    count: assign({ pongs: ({ context }) => context.pongs + 1 }),
    stop: enqueueActions(({ enqueue }) => enqueue.emit({ type: 'timer.clear', name: 'retry' })),
  },
  guards: { recovering: ({ context }) => context.pongs < 0 },
}).createMachine({
  context: ({ input }) => ({ pongs: input.recovering ? -1 : 0 }),
  initial: 'start',
  states: {
    start: { always: [{ guard: 'recovering', target: 'recovering' }, { target: 'idle' }] },
    idle: { on: { 'request.go': { target: 'waiting', actions: 'ping' } } },
    waiting: { on: { PONG: { target: 'done', actions: ['count', 'stop'] }, 'timer.retry': { actions: 'ping' } } },
    done: {},
    recovering: {},
  },
});
// b remembers how many PINGs it logged (at most two, so the toy's world space stays finite).
const ponger = setup({
  types: { context: {} as { logged: number }, events: {} as { type: 'PING'; from: string }, input: {} as NodeInput, emitted: {} as Effect },
  actions: {
    pong: enqueueActions(({ enqueue, event, context }) => {
      if (context.logged < 2) enqueue.emit({ type: 'store.append', record: { type: 'PING' } });
      enqueue.assign({ logged: Math.min(2, context.logged + 1) });
      enqueue.emit({ type: 'send', to: event.from, message: { type: 'PONG' } });
    }),
  },
}).createMachine({
  context: ({ input }) => ({ logged: ((input.store as { log?: unknown[] }).log ?? []).length }),
  initial: 'up',
  states: { up: { on: { PING: { actions: 'pong' } } } },
});

const toy: Protocol = {
  id: 'toy',
  title: 'Toy',
  machines: { pinger, ponger },
  flags: [{ name: 'loud', label: 'Loud', description: 'Nothing.', default: false, unsafe: false }],
  sizes: { min: 1, max: 3, default: 1 },
  invariants: [
    {
      name: 'once',
      title: 'Once',
      description: 'b logs at most one PING.',
      kind: 'safety',
      check: (w) => (((w.nodes.b.store as { log?: unknown[] }).log?.length ?? 0) > 1 ? 'b logged PING twice' : null),
    },
  ],
  scenarios: [
    { id: 'basic', title: 'Basic', description: 'Ping.', config: { size: 1, flags: { loud: false } }, budget: { crash: 1, drop: 1, duplicate: 1, partition: 1 }, prefix: [], tryThis: [] },
    { id: 'started', title: 'Started', description: 'Ping sent.', config: { size: 1, flags: { loud: false } }, budget: { crash: 0, drop: 1, duplicate: 0, partition: 0 }, prefix: [{ kind: 'request', name: 'go' }], tryThis: [] },
  ],
  init: (config, budget) =>
    createWorld({ pinger, ponger }, config, budget, [
      { id: 'a', role: 'pinger', store: { log: [] } },
      { id: 'b', role: 'ponger', store: { log: [] } },
    ], ['go']),
};
const protocols = { toy };
const cfg = toy.scenarios[0].config;
const basic = toy.scenarios[0];

function deepFreeze<T>(v: T): T {
  if (v && typeof v === 'object') {
    Object.freeze(v);
    for (const x of Object.values(v)) deepFreeze(x);
  }
  return v;
}

function walk(w: World, depth: number, visit: (w: World, c: Choice) => void) {
  if (depth === 0) return;
  for (const c of choices(toy, cfg, w)) {
    visit(w, c);
    walk(step(toy, cfg, w, c), depth - 1, visit);
  }
}

describe('step', () => {
  it('is pure: a deep-frozen input world is not changed by any choice', () => {
    const w0 = deepFreeze(structuredClone(startWorld(toy, basic)));
    const before = canonicalJson(w0);
    walk(w0, 4, (w, c) => {
      const text = JSON.stringify(w);
      step(toy, cfg, w, c);
      expect(JSON.stringify(w)).toBe(text);
    });
    expect(canonicalJson(w0)).toBe(before);
  });

  it('is deterministic', () => {
    const run = randomRun(toy, basic, { seed: 7, maxSteps: 12, faultWeight: 0.5 });
    const a = applyChoices(toy, cfg, startWorld(toy, basic), run.choices);
    const b = applyChoices(toy, cfg, startWorld(toy, basic), run.choices);
    expect(canonicalJson(a.world)).toBe(canonicalJson(b.world));
  });

  it('rejects illegal choices with a reason, and applyChoices stops there', () => {
    const w = startWorld(toy, basic);
    expect(() => step(toy, cfg, w, { kind: 'deliver', id: 9 })).toThrow(IllegalChoiceError);
    expect(() => step(toy, cfg, w, { kind: 'deliver', id: 9 })).toThrow('message 9 is not in flight');
    const r = applyChoices(toy, cfg, w, [{ kind: 'request', name: 'go' }, { kind: 'recover', node: 'a' }]);
    expect(r.error).toEqual({ index: 1, message: 'a is up' });
  });

  it('loses messages to a crashed node, keeps its store, and recovers into the recovery state', () => {
    let w = startWorld(toy, basic);
    w = step(toy, cfg, w, tokenToChoice('q.go'));
    w = step(toy, cfg, w, tokenToChoice('d1'));
    expect((w.nodes.b.store as { log: unknown[] }).log).toHaveLength(1);
    w = step(toy, cfg, w, tokenToChoice('c.a'));
    expect(w.inFlight).toHaveLength(0);
    expect(w.timers).toHaveLength(0);
    w = step(toy, cfg, w, tokenToChoice('r.a'));
    expect(viewNodes(toy, w)[0].state).toBe('recovering');
  });

  it('describes and narrates', () => {
    let w = step(toy, cfg, startWorld(toy, basic), tokenToChoice('q.go'));
    expect(describeChoice(w, { kind: 'deliver', id: 1 })).toBe('Deliver PING a → b');
    expect(describeChoice(w, tokenToChoice('i.a'))).toBe('Isolate a');
    const after = step(toy, cfg, w, tokenToChoice('d1'));
    expect(narrate(toy, w, tokenToChoice('d1'), after)).toBe('b received PING from a, wrote PING to its log and sent PONG to a.');
    w = step(toy, cfg, w, tokenToChoice('c.b'));
    expect(narrate(toy, w, tokenToChoice('t.a.retry'), step(toy, cfg, w, tokenToChoice('t.a.retry')), cfg)).toContain('Lost: PING a → b (b is down)');
  });
});

describe('tokens and runs', () => {
  const all: Choice[] = [
    { kind: 'deliver', id: 3 }, { kind: 'drop', id: 12 }, { kind: 'duplicate', id: 1 }, { kind: 'crash', node: 'p1' },
    { kind: 'recover', node: 'c' }, { kind: 'timer', node: 'p1', name: 'vote-timeout' }, { kind: 'partition', groups: [['c']] },
    { kind: 'partition', groups: [['c', 'p1'], ['p2']] }, { kind: 'heal' }, { kind: 'request', name: 'begin' },
  ];
  it('round-trips every choice kind through a token', () => {
    for (const c of all) expect(tokenToChoice(choiceToToken(c))).toEqual(c);
    expect(all.map(choiceToToken)).toEqual(['d3', 'x12', 'u1', 'c.p1', 'r.c', 't.p1.vote-timeout', 'i.c', 'p.c-p1.p2', 'h', 'q.begin']);
    expect(() => tokenToChoice('zz')).toThrow('not a choice token');
    expect(() => tokenToChoice('d0')).toThrow();
  });

  it('round-trips a run through a link and JSON', () => {
    const run = { protocol: 'toy', scenario: 'basic', config: { size: 2, flags: { loud: true } }, choices: ['q.go', 'u1', 'd1'].map(tokenToChoice) };
    const link = encodeRun(run, toy);
    expect(link).toBe('toy~basic~2~loud-1~q.go_u1_d1');
    expect(decodeRun(link, protocols)).toEqual({ ok: true, run });
    expect(runFromJSON(runToJSON(run), protocols)).toEqual({ ok: true, run });
  });

  it('explains malformed and stale links', () => {
    const bad = (text: string) => decodeRun(text, protocols) as { ok: false; error: string; nearest?: unknown };
    expect(bad('').error).toBe('The run link is empty.');
    expect(bad('toy~basic').error).toContain('5 parts');
    expect(bad('nope~basic~1~~').error).toBe('Unknown protocol "nope" (known: toy).');
    expect(bad('toy~nope~1~~').error).toBe('Unknown scenario "nope" for toy (known: basic, started).');
    expect(bad('toy~basic~9~~').error).toBe('Size "9" is out of range: toy runs with 1 to 3.');
    expect(bad('toy~basic~1~shout-1~').error).toBe('Unknown flag "shout" (known: loud).');
    expect(bad('toy~basic~1~loud-2~').error).toBe('Flag loud has value "2"; use 1 or 0.');
    const token = bad('toy~basic~1~~q.go_zz_d1');
    expect(token.error).toMatch(/^step 2 \(zz\): "zz" is not a choice token/);
    expect(token.nearest).toEqual({ protocol: 'toy', scenario: 'basic', config: { size: 1, flags: { loud: false } }, choices: [tokenToChoice('q.go')] });
    const stale = bad('toy~basic~1~~q.go_d1_d2_d7');
    expect(stale.error).toBe('step 4 (d7): message 7 is not in flight');
    expect((stale.nearest as { choices: Choice[] }).choices.map(choiceToToken)).toEqual(['q.go', 'd1', 'd2']);
    expect(runFromJSON('{', protocols).ok).toBe(false);
  });
});

describe('timeline', () => {
  it('keeps the old future as a branch when pushing while rewound', () => {
    const root = startWorld(toy, basic);
    let tl = timelineCreate(root);
    for (const t of ['q.go', 'd1', 'd2']) tl = timelinePush(tl, tokenToChoice(t));
    expect(tl.cursor).toBe(3);
    tl = timelineBack(timelineBack(tl));
    expect(tl.cursor).toBe(1);
    tl = timelineForward(tl);
    expect(tl.cursor).toBe(2);
    tl = timelineSeek(tl, 1);
    tl = timelinePush(tl, tokenToChoice('x1'));
    expect(tl.steps.map(choiceToToken)).toEqual(['q.go', 'x1']);
    expect(tl.branches.map((b) => b.map(choiceToToken))).toEqual([['q.go', 'd1', 'd2']]);
    expect(timelineSeek(tl, 99).cursor).toBe(2);
    expect(timelineWorldAt(toy, cfg, tl, 2).inFlight).toHaveLength(0);
    expect(timelineWorldAt(toy, cfg, tl, 1).inFlight).toHaveLength(1);
  });
});

describe('sequence diagram', () => {
  it('draws deliveries as arrows, drops as -x, and faults as notes', () => {
    const run = { protocol: 'toy', scenario: 'basic', config: cfg, choices: ['q.go', 'x1', 't.a.retry', 'd2', 'c.a', 'r.a'].map(tokenToChoice) };
    const text = toSequenceDiagram(toy, run);
    expect(text).toBe(
      ['sequenceDiagram', '  participant a', '  participant b', '  Note over a: client request go', '  a-xb: PING (dropped)', '  Note over a: retry fired',
        '  a->>b: PING', '  Note over b: log PING', '  Note over a: crashed', '  b-xa: PONG (lost, a crashed)', '  Note over a: recovered', ''].join('\n'),
    );
  });
});

describe('random scheduler', () => {
  it('plays the same run for the same seed, and different runs for different seeds', () => {
    const a = randomRun(toy, basic, { seed: 42, maxSteps: 20, faultWeight: 0.3 });
    const b = randomRun(toy, basic, { seed: 42, maxSteps: 20, faultWeight: 0.3 });
    expect(a).toEqual(b);
    const runs = new Set(Array.from({ length: 20 }, (_, s) => encodeRun(randomRun(toy, basic, { seed: s, maxSteps: 20, faultWeight: 0.5 }))));
    expect(runs.size).toBeGreaterThan(1);
  });
});

describe('explorer', () => {
  it('finds the shortest counterexample, and it replays', () => {
    // Two runs of length 4 break it (a retry, or a duplicate); BFS order prefers non-fault choices.
    const r = explore(toy, basic);
    expect(r.complete).toBe(true);
    expect(r.stoppedBy).toBeNull();
    expect(r.violations).toHaveLength(1);
    const v = r.violations[0];
    expect(v.invariant).toBe('once');
    expect(v.choices.map(choiceToToken)).toEqual(['q.go', 'd1', 't.a.retry', 'd3']);
    // Nothing shorter exists: three steps never break it.
    expect(explore(toy, basic, { maxDepth: 3 }).violations).toEqual([]);
    const w = applyChoices(toy, cfg, startWorld(toy, basic), v.choices).world;
    expect(checkInvariants(toy, cfg, w).find((i) => i.name === 'once')).toMatchObject({ holds: false, message: 'b logged PING twice' });
  });

  it('respects limits, cancel and slicing', () => {
    expect(explore(toy, basic, { maxWorlds: 3 }).stoppedBy).toBe('worlds');
    expect(explore(toy, basic, { maxDepth: 1 }).stoppedBy).toBe('depth');
    expect(explore(toy, basic, { shouldCancel: () => true }).stoppedBy).toBe('cancel');
    let t = 0;
    expect(explore(toy, basic, { now: () => (t += 1000), timeLimitMs: 10 }).stoppedBy).toBe('time');
    const whole = explore(toy, basic);
    const ex = createExplorer(toy, basic);
    let r = null;
    let slices = 0;
    while (!(r = ex.run(5))) slices++;
    expect(slices).toBeGreaterThan(1);
    expect(r).toEqual(whole);
    const progress: number[] = [];
    explore(toy, basic, { progressEvery: 10, onProgress: (p) => progress.push(p.transitions) });
    expect(progress.length).toBeGreaterThan(0);
  });

  it('reports quiescence', () => {
    const s = toy.scenarios[1];
    let w = startWorld(toy, s);
    expect(quiescent(toy, s.config, w)).toBe(false);
    w = applyChoices(toy, s.config, w, ['d1', 'd2'].map(tokenToChoice)).world;
    expect(quiescent(toy, s.config, w)).toBe(true);
  });
});

describe('state diagram', () => {
  it('is read off the machine, recovery state included', () => {
    const d = stateDiagram(pinger);
    expect(d.initial).toBe('start');
    expect(d.recovery).toBe('recovering');
    expect(d.states.map((s) => s.id)).toEqual(['start', 'idle', 'waiting', 'done', 'recovering']);
    expect(d.transitions).toContainEqual({ from: 'idle', to: 'waiting', event: 'request.go' });
    expect(d.transitions).toContainEqual({ from: 'start', to: 'recovering', event: '(always)' });
  });
});
