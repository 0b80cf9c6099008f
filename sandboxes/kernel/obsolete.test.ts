// The kernel's obsolete-message hook (`Protocol.obsolete`), on a toy defined here: a message its
// receiver can no longer act on holds no timer back, takes no fault, reads "will ignore it" in the
// choice list, and the explorer counts worlds that differ only by it once; `obsoleteProblems`
// catches a rule that declares a live message obsolete.
import { describe, expect, it } from 'vitest';
import { assign, enqueueActions, setup } from 'xstate';
import { choices, choiceToToken, createWorld, describeChoice, explore, startWorld, step } from './index.ts';
import type { Config, Effect, Message, NodeInput, Protocol, Scenario, World } from './index.ts';
import { obsoleteProblems, withoutObsolete } from './obsolete.ts';

// Toy: `s` sends r an OLD (epoch 1) and a NEW (epoch 2) at boot; `r` keeps the highest epoch it has
// heard and ignores anything older, and has a `tick` timer that only re-arms itself.
type Ev = { type: 'OLD' | 'NEW'; epoch: number; from: string } | { type: 'timer.tick' };
const sender = setup({
  types: { context: {}, events: {} as Ev, input: {} as NodeInput, emitted: {} as Effect },
  actions: {
    sendBoth: enqueueActions(({ enqueue }) => {
      enqueue.emit({ type: 'send', to: 'r', message: { type: 'OLD', payload: { epoch: 1 } } });
      enqueue.emit({ type: 'send', to: 'r', message: { type: 'NEW', payload: { epoch: 2 } } });
    }),
  },
}).createMachine({ initial: 'sent', entry: 'sendBoth', states: { sent: {} } });
const receiver = setup({
  types: { context: {} as { epoch: number }, events: {} as Ev, input: {} as NodeInput, emitted: {} as Effect },
  actions: {
    arm: enqueueActions(({ enqueue }) => enqueue.emit({ type: 'timer.set', name: 'tick' })),
    learn: assign({ epoch: ({ context, event }) => ('epoch' in event ? Math.max(context.epoch, event.epoch) : context.epoch) }),
  },
  guards: { newer: ({ context, event }) => 'epoch' in event && event.epoch > context.epoch },
}).createMachine({
  context: { epoch: 0 },
  initial: 'listening',
  entry: 'arm',
  states: { listening: { on: { OLD: { guard: 'newer', actions: 'learn' }, NEW: { guard: 'newer', actions: 'learn' }, 'timer.tick': { actions: 'arm' } } } },
});

const config: Config = { size: 1, flags: {} };
const epochOf = (w: World) => ((w.nodes.r.snapshot as { context?: { epoch: number } } | null)?.context?.epoch ?? 0);
const obsolete = (m: Message, w: World) => w.nodes[m.to].up && typeof m.payload.epoch === 'number' && m.payload.epoch <= epochOf(w);
const base: Protocol = {
  id: 'toy-obsolete',
  title: 'Toy',
  machines: { sender, receiver },
  flags: [],
  sizes: { min: 1, max: 1, default: 1 },
  invariants: [{ name: 'epoch-known', title: 'Epoch known', description: 'r has heard some epoch.', kind: 'liveness', check: (w) => (epochOf(w) > 0 ? null : 'r never hears an epoch') }],
  scenarios: [],
  init: (c, budget) => createWorld({ sender, receiver }, c, budget, [{ id: 's', role: 'sender', store: {} }, { id: 'r', role: 'receiver', store: {} }], []),
};
const toy: Protocol = { ...base, obsolete };
const scenario: Scenario = { id: 's', title: 's', description: '', config, budget: { crash: 0, drop: 1, duplicate: 0, partition: 0 }, prefix: [], tryThis: [], timing: 'after-delivery' };
const tokens = (p: Protocol, w: World) => choices(p, config, w).map(choiceToToken);
const idOf = (w: World, type: string) => w.inFlight.find((m) => m.type === type)!.id;

describe('obsolete messages', () => {
  it('hold no timer back, take no fault, and say the receiver will ignore them', () => {
    const w0 = startWorld(toy, scenario);
    expect(tokens(toy, w0)).not.toContain('t.r.tick'); // OLD and NEW both still matter
    const w1 = step(toy, config, w0, { kind: 'deliver', id: idOf(w0, 'NEW') });
    const old = idOf(w1, 'OLD');
    expect(tokens(toy, w1)).toContain('t.r.tick');
    expect(tokens(toy, w1)).not.toContain(`x${old}`);
    expect(tokens(toy, w1)).toContain(`d${old}`); // the reader may still deliver it, to see it ignored
    expect(describeChoice(w1, { kind: 'deliver', id: old }, toy)).toBe('Deliver OLD s → r (r will ignore it)');
    // Without the hook the same world waits for OLD and offers to drop it.
    expect(tokens(base, w1)).not.toContain('t.r.tick');
    expect(tokens(base, w1)).toContain(`x${old}`);
  });

  it('the explorer counts worlds that differ only by them once, and finds the same verdicts', () => {
    const a = explore(toy, scenario);
    const b = explore(base, scenario);
    expect(a.complete && b.complete).toBe(true);
    expect(a.worlds).toBeLessThan(b.worlds);
    expect(a.violations.map((v) => v.invariant)).toEqual(b.violations.map((v) => v.invariant));
  });

  it('obsoleteProblems catches a rule that declares a live message obsolete', () => {
    const w0 = startWorld(toy, scenario);
    expect(obsoleteProblems(toy, config, w0)).toEqual([]);
    const careless: Protocol = { ...base, obsolete: () => true };
    expect(obsoleteProblems(careless, config, w0).join('\n')).toMatch(/declared obsolete, yet delivering it changes the world/);
  });

  it('…and one that holds now but not after another step', () => {
    // q ignores PING while paused and counts it once its wake timer has fired: "obsolete while
    // paused" is true at the start and false one step later.
    const sleeper = setup({
      types: { context: {} as { pings: number }, events: {} as { type: 'PING' } | { type: 'timer.wake' }, input: {} as NodeInput, emitted: {} as Effect },
      actions: { arm: enqueueActions(({ enqueue }) => enqueue.emit({ type: 'timer.set', name: 'wake' })), count: assign({ pings: ({ context }) => context.pings + 1 }) },
    }).createMachine({ context: { pings: 0 }, initial: 'paused', entry: 'arm', states: { paused: { on: { 'timer.wake': 'listening' } }, listening: { on: { PING: { actions: 'count' } } } } });
    const pinger = setup({ types: { context: {}, events: {} as { type: 'NONE' }, input: {} as NodeInput, emitted: {} as Effect }, actions: { ping: enqueueActions(({ enqueue }) => enqueue.emit({ type: 'send', to: 'q', message: { type: 'PING', payload: {} } })) } }).createMachine({ initial: 'done', entry: 'ping', states: { done: {} } });
    const paused = (w: World) => (w.nodes.q.snapshot as { value?: string } | null)?.value === 'paused';
    const fickle: Protocol = {
      ...base,
      machines: { sleeper, pinger },
      init: (c, budget) => createWorld({ sleeper, pinger }, c, budget, [{ id: 'q', role: 'sleeper', store: {} }, { id: 'p', role: 'pinger', store: {} }], []),
      obsolete: (m, w) => m.type === 'PING' && paused(w),
    };
    const w0 = startWorld(fickle, { ...scenario, timing: undefined });
    expect(obsoleteProblems(fickle, config, w0).join('\n')).toMatch(/is obsolete, but no longer after .*"timer"/);
  });

  it('withoutObsolete leaves a world with none untouched', () => {
    const w0 = startWorld(toy, scenario);
    expect(withoutObsolete(toy, w0)).toBe(w0);
    const w1 = step(toy, config, w0, { kind: 'deliver', id: idOf(w0, 'NEW') });
    expect(withoutObsolete(toy, w1).inFlight.map((m) => m.type)).toEqual([]);
  });
});
