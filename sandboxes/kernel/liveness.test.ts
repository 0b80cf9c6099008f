// Kernel tests for liveness by reachability, ghost records, lazy log writes and timer timing, on a
// toy protocol defined here: a client asks a server once and retries on a timer until answered.
import { describe, expect, it } from 'vitest';
import { enqueueActions, setup } from 'xstate';
import { applyChoices, checkInvariants, choices, choiceToToken, createWorld, explore, startWorld, step, tokenToChoice, worldKey } from './index.ts';
import type { Effect, NodeInput, Protocol, Scenario } from './index.ts';

const client = setup({
  types: { events: {} as { type: 'request.ask' } | { type: 'ANSWER' } | { type: 'timer.retry' }, input: {} as NodeInput, emitted: {} as Effect },
  actions: {
    ask: enqueueActions(({ enqueue }) => {
      enqueue.emit({ type: 'send', to: 's', message: { type: 'ASK' } });
      enqueue.emit({ type: 'timer.set', name: 'retry' });
    }),
    done: enqueueActions(({ enqueue }) => {
      enqueue.emit({ type: 'timer.clear', name: 'retry' });
      enqueue.emit({ type: 'store.append', record: 'answered', lazy: true });
    }),
  },
}).createMachine({
  initial: 'idle',
  states: {
    idle: { on: { 'request.ask': { target: 'waiting', actions: 'ask' } } },
    waiting: { on: { ANSWER: { target: 'answered', actions: 'done' }, 'timer.retry': { actions: 'ask' } } },
    answered: {},
  },
});

const server = setup({
  types: { events: {} as { type: 'ASK'; from: string }, input: {} as NodeInput, emitted: {} as Effect },
  actions: {
    answer: enqueueActions(({ enqueue, event }) => {
      // A flag, not a log record per ASK: retries must not grow the world without bound.
      enqueue.emit({ type: 'store.set', key: 'asked', value: true });
      enqueue.emit({ type: 'send', to: event.from, message: { type: 'ANSWER' } });
    }),
  },
}).createMachine({ initial: 'up', states: { up: { on: { ASK: { actions: 'answer' } } } } });

const scenario = (id: string, extra: Partial<Scenario> = {}): Scenario => ({
  id,
  title: id,
  description: id,
  config: { size: 1, flags: {} },
  // No crashes: the toy client has no recovery state, so a crash would (rightly) be a trap.
  budget: { crash: 0, drop: 1, duplicate: 0, partition: 0 },
  prefix: [],
  tryThis: [],
  ...extra,
});

function makeToy(machines = { client, server }): Protocol {
  return {
    id: 'ask',
    title: 'Ask',
    machines,
    flags: [],
    sizes: { min: 1, max: 1, default: 1 },
    invariants: [
      {
        name: 'answered',
        title: 'Answered',
        description: 'The client gets its answer.',
        kind: 'liveness',
        check: (w) => ((w.nodes.a.snapshot as { value?: string } | null)?.value === 'answered' ? null : 'a is never answered'),
      },
    ],
    scenarios: [scenario('plain'), scenario('patient', { timing: 'after-delivery', prefix: [{ kind: 'request', name: 'ask' }] })],
    ghost: (node, role, cause) => (cause.kind === 'send' && cause.type === 'ANSWER' ? 'answered once' : null),
    init: (config, budget) =>
      createWorld(machines, config, budget, [
        { id: 'a', role: 'client', store: { log: [] } },
        { id: 's', role: 'server', store: { log: [] } },
      ], ['ask']),
  };
}

const toy = makeToy();
const crashy = scenario('crashy', { budget: { crash: 1, drop: 0, duplicate: 0, partition: 0 } });
const cfg = { size: 1, flags: {} };
const plain = toy.scenarios[0];
const run = (tokens: string[], p: Protocol = toy, s: Scenario = plain) => {
  const r = applyChoices(p, cfg, startWorld(p, s), tokens.map(tokenToChoice));
  expect(r.error).toBeUndefined();
  return r.world;
};

describe('liveness by reachability', () => {
  it('a protocol that retries reaches its goal from every world: no violation', () => {
    const r = explore(toy, plain);
    expect(r.complete).toBe(true);
    expect(r.violations).toEqual([]);
  });

  it('a server that never answers traps the client in a retry loop, reported with the loop', () => {
    const deaf = makeToy({ client, server: server.provide({ actions: { answer: () => {} } }) });
    const v = explore(deaf, deaf.scenarios[0]).violations.find((x) => x.invariant === 'answered')!;
    expect(v.message).toBe('a is never answered: no continuation without faults gets there');
    // The loop: the retry fires and asks again, and the world comes back as it was.
    expect(v.loop!.length).toBeGreaterThan(0);
    expect(v.loop!.some((c) => c.kind === 'timer')).toBe(true);
    const at = applyChoices(deaf, cfg, startWorld(deaf, plain), v.choices).world;
    expect(worldKey(applyChoices(deaf, cfg, at, v.loop!).world)).toBe(worldKey(at));
    // The player's per-world check says the same on the world the run ends in.
    expect(checkInvariants(deaf, cfg, at, v.choices)[0]).toMatchObject({ holds: false, message: v.message });
  });

  it('a client that crashes and has no recovery state is trapped', () => {
    const v = explore(toy, crashy).violations[0];
    // Into the trap, then on to where nothing more can happen: the answer lost, a idle for ever.
    expect(v.choices.map(choiceToToken)).toEqual(['q.ask', 'c.a', 'd1', 'r.a']);
    expect(v.loop).toEqual([]);
  });

  it('a client that never retries is stuck at a dead end once its question is lost: the loop is empty', () => {
    const once = makeToy({ client: client.provide({ actions: { ask: enqueueActions(({ enqueue }) => enqueue.emit({ type: 'send', to: 's', message: { type: 'ASK' } })) } }), server });
    const v = explore(once, once.scenarios[0]).violations.find((x) => x.invariant === 'answered')!;
    expect(v.choices.map(choiceToToken)).toEqual(['q.ask', 'x1']);
    expect(v.loop).toEqual([]);
  });

  it('a world where the goal is only reachable through a timer still holds (slow is not stuck)', () => {
    const w = run(['q.ask', 'x1']); // the question is lost; only the retry timer can help
    expect(checkInvariants(toy, cfg, w)[0].holds).toBe(true);
  });
});

describe('ghost records, lazy writes and timing', () => {
  it('records what a node did in its audit set, which crashes keep and machines never see', () => {
    let w = run(['q.ask', 'd1'], toy, crashy);
    expect((w.nodes.s.store as { audit?: string[] }).audit).toEqual(['answered once']);
    w = step(toy, cfg, w, tokenToChoice('c.s'));
    expect((w.nodes.s.store as { audit?: string[] }).audit).toEqual(['answered once']);
  });

  it('a lazy record is in the log until a crash takes it back; a forced one stays', () => {
    let w = run(['q.ask', 'd1', 'd2'], toy, crashy);
    expect(w.nodes.a.store).toMatchObject({ log: ['answered'], unflushed: 1 });
    w = step(toy, cfg, w, tokenToChoice('c.a'));
    expect(w.nodes.a.store).toEqual({ log: [] });
    expect(w.nodes.s.store).toMatchObject({ asked: true });
  });

  it("timers fire while mail is in flight unless the scenario says timeouts outlast delivery", () => {
    const w = run(['q.ask']);
    expect(choices(toy, cfg, w).map(choiceToToken)).toContain('t.a.retry');
    const patient = toy.scenarios[1];
    // The answer is on its way to a: a patient timer waits for it.
    const p0 = applyChoices(toy, cfg, startWorld(toy, patient), ['d1'].map(tokenToChoice)).world;
    expect(choices(toy, cfg, p0).map(choiceToToken)).not.toContain('t.a.retry');
    // Once the answer is lost, the timer is the only way on.
    const lost = step(toy, cfg, p0, tokenToChoice('x2'));
    expect(choices(toy, cfg, lost).map(choiceToToken)).toContain('t.a.retry');
  });
});
