// The kernel's optional timing and fault hooks, on a toy defined here: `timerBlocked` (a timing
// assumption a protocol states, applied only under `after-delivery` timing) and `crashBlocked`
// (nodes the model never crashes). Both remove choices and give the reason when one is tried.
import { describe, expect, it } from 'vitest';
import { enqueueActions, setup } from 'xstate';
import { choices, choiceToToken, createWorld, IllegalChoiceError, startWorld, step } from './index.ts';
import type { Config, Effect, NodeInput, Protocol, Scenario, Timer, World } from './index.ts';

// Toy: `w` (a watcher) arms a `tick` timer at boot and re-arms it when it fires; `l` (a leader)
// does nothing. The watcher's timer stands for "l has gone quiet", so it may fire only while l is down.
const watcher = setup({
  types: { context: {}, events: {} as { type: 'timer.tick' }, input: {} as NodeInput, emitted: {} as Effect },
  actions: { arm: enqueueActions(({ enqueue }) => enqueue.emit({ type: 'timer.set', name: 'tick' })) },
}).createMachine({ initial: 'watching', entry: 'arm', states: { watching: { on: { 'timer.tick': { actions: 'arm' } } } } });
const leader = setup({ types: { context: {}, events: {} as { type: 'NONE' }, input: {} as NodeInput, emitted: {} as Effect } }).createMachine({ initial: 'up', states: { up: {} } });

const config: Config = { size: 1, flags: {} };
const timerBlocked = (t: Timer, world: World) => (t.name === 'tick' && world.nodes.l.up ? 'l is up, so its heartbeats keep w quiet' : null);
const crashBlocked = (node: string) => (node === 'w' ? 'w is the observer: this model never crashes it' : null);
const toy: Protocol = {
  id: 'toy-blocked',
  title: 'Toy',
  machines: { watcher, leader },
  flags: [],
  sizes: { min: 1, max: 1, default: 1 },
  invariants: [],
  scenarios: [],
  init: (c, budget) => createWorld({ watcher, leader }, c, budget, [{ id: 'w', role: 'watcher', store: {} }, { id: 'l', role: 'leader', store: {} }], []),
  timerBlocked,
  crashBlocked,
};
const scenario = (timing: Scenario['timing']): Scenario => ({
  id: 's',
  title: 's',
  description: '',
  config,
  budget: { crash: 1, drop: 0, duplicate: 0, partition: 0 },
  prefix: [],
  tryThis: [],
  timing,
});
const tokens = (w: World) => choices(toy, config, w).map(choiceToToken);

describe('timerBlocked', () => {
  it('under after-delivery timing, a timer the protocol blocks is not offered, and trying it says why', () => {
    const w = startWorld(toy, scenario('after-delivery'));
    expect(tokens(w)).not.toContain('t.w.tick');
    expect(() => step(toy, config, w, { kind: 'timer', node: 'w', name: 'tick' })).toThrow(IllegalChoiceError);
    expect(() => step(toy, config, w, { kind: 'timer', node: 'w', name: 'tick' })).toThrow('l is up, so its heartbeats keep w quiet');
    const down = step(toy, config, w, { kind: 'crash', node: 'l' });
    expect(tokens(down)).toContain('t.w.tick');
  });

  it('under the default timing a timeout cannot tell slow from lost: the hook is not consulted', () => {
    const w = startWorld(toy, scenario(undefined));
    expect(tokens(w)).toContain('t.w.tick');
  });
});

describe('crashBlocked', () => {
  it('a node the protocol never crashes is not offered, and trying it says why', () => {
    const w = startWorld(toy, scenario('after-delivery'));
    expect(tokens(w)).toContain('c.l');
    expect(tokens(w)).not.toContain('c.w');
    expect(() => step(toy, config, w, { kind: 'crash', node: 'w' })).toThrow('w is the observer: this model never crashes it');
  });
});
