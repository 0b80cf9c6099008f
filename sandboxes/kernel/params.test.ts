// Numeric parameters (`Protocol.params`, `Config.params`) on a toy defined here: what the machines
// receive, links (`name-N`), old links without parameters, JSON files, solutions that name them.
import { describe, expect, it } from 'vitest';
import { assign, setup } from 'xstate';
import { createWorld, decodeRun, encodeRun, goalMet, runFromJSON, runToJSON, startWorld, step } from './index.ts';
import type { Config, Effect, NodeInput, Protocol, Run } from './index.ts';

// Toy: one node that copies its quorum `q` (a parameter) into context, so we can see what it got.
const node = setup({
  types: { context: {} as { q: number | null }, events: {} as { type: 'request.go' }, input: {} as NodeInput, emitted: {} as Effect },
  actions: { note: assign({ q: ({ context }) => context.q }) },
}).createMachine({
  context: ({ input }) => ({ q: input.config.params?.q ?? null }),
  initial: 'idle',
  states: { idle: { on: { 'request.go': { target: 'done', actions: 'note' } } }, done: {} },
});

const quiet = { crash: 0, drop: 0, duplicate: 0, partition: 0 };

const toy: Protocol = {
  id: 'toy',
  title: 'Toy',
  machines: { node },
  flags: [
    { name: 'loud', label: 'Loud', description: 'Nothing.', default: false, unsafe: false },
    { name: 'tidy', label: 'Tidy', description: 'Nothing.', default: true, unsafe: false },
  ],
  params: [
    { name: 'q', label: 'Quorum', min: 1, max: 5, default: 2, description: 'Nothing.' },
    { name: 'n', label: 'Copies', min: 0, max: 9, default: 3, description: 'Nothing.' },
  ],
  sizes: { min: 1, max: 3, default: 1 },
  invariants: [],
  scenarios: [
    {
      id: 'basic',
      title: 'Basic',
      description: 'Go.',
      config: { size: 1, flags: { loud: false, tidy: true }, params: { q: 2, n: 3 } },
      budget: quiet,
      prefix: [],
      tryThis: ['Go with a quorum of 4.'],
      solutions: [{ prompt: 0, params: { q: 4 }, steps: ['q.go'], expect: { states: { a: 'done' } } }],
    },
  ],
  init: (config, budget) => createWorld({ node }, config, budget, [{ id: 'a', role: 'node', store: {} }], ['go']),
};
// The same toy without parameters: its configs keep no `params`.
const plain: Protocol = { ...toy, id: 'plain', params: undefined, scenarios: toy.scenarios.map((s) => ({ ...s, config: { size: 1, flags: s.config.flags } })) };
const protocols = { toy, plain };

const run = (config: Config, choices: Run['choices'] = []): Run => ({ protocol: 'toy', scenario: 'basic', config, choices });
const ctx = (w: ReturnType<typeof startWorld>) => (w.nodes.a.snapshot as { context: { q: number | null } }).context;

describe('numeric parameters', () => {
  it('reach the machines through their input config', () => {
    const s = toy.scenarios[0];
    expect(ctx(startWorld(toy, s, { size: 1, flags: s.config.flags, params: { q: 4, n: 3 } })).q).toBe(4);
    expect(ctx(startWorld(toy, s)).q).toBe(2);
  });

  it('links name only the parameters off their default, as name-N sorted among the flags, and decode back in full', () => {
    const config = { size: 1, flags: { loud: true, tidy: true }, params: { q: 4, n: 3 } };
    const link = encodeRun(run(config, [{ kind: 'request', name: 'go' }]), toy);
    expect(link).toBe('toy~basic~1~loud-1.q-4~q.go');
    const back = decodeRun(link, protocols);
    expect(back).toEqual({ ok: true, run: run(config, [{ kind: 'request', name: 'go' }]) });
    // Defaults everywhere: an empty flags field; 0 and 1 are values too (a link cannot tell q-1 from a flag).
    expect(encodeRun(run({ size: 1, flags: { loud: false, tidy: true }, params: { q: 2, n: 3 } }), toy)).toBe('toy~basic~1~~');
    const low = decodeRun('toy~basic~1~n-0.q-1.tidy-0~', protocols);
    expect(low.ok && low.run.config).toEqual({ size: 1, flags: { loud: false, tidy: false }, params: { q: 1, n: 0 } });
    expect(encodeRun(low.ok ? low.run : run(config), toy)).toBe('toy~basic~1~n-0.q-1.tidy-0~');
  });

  it('links made before parameters existed decode with every parameter at its default', () => {
    const old = decodeRun('toy~basic~1~loud-1~q.go', protocols);
    expect(old.ok && old.run.config).toEqual({ size: 1, flags: { loud: true, tidy: true }, params: { q: 2, n: 3 } });
  });

  it('out-of-range and malformed values are reported, not thrown', () => {
    const big = decodeRun('toy~basic~1~q-6~', protocols);
    expect(big.ok).toBe(false);
    expect(!big.ok && big.error).toBe('Parameter q has value "6"; use a whole number from 1 to 5.');
    expect(decodeRun('toy~basic~1~q-0~', protocols)).toMatchObject({ ok: false, error: expect.stringMatching(/Parameter q has value "(false|0)"/) });
    expect(decodeRun('toy~basic~1~q-x~', protocols)).toMatchObject({ ok: false });
    expect(decodeRun('toy~basic~1~k-3~', protocols)).toMatchObject({ ok: false });
  });

  it('protocols without parameters keep configs without them', () => {
    const r = decodeRun('plain~basic~1~loud-1~', protocols);
    expect(r.ok && r.run.config).toEqual({ size: 1, flags: { loud: true, tidy: true } });
    expect(r.ok && 'params' in r.run.config).toBe(false);
  });

  it('run files carry parameters; missing ones take their default; unknown or bad ones are refused', () => {
    const config = { size: 1, flags: { loud: false, tidy: true }, params: { q: 5, n: 0 } };
    const r = run(config, [{ kind: 'request', name: 'go' }]);
    const json = runToJSON(r);
    expect(JSON.parse(json).config.params).toEqual({ q: 5, n: 0 });
    expect(runFromJSON(json, protocols)).toEqual({ ok: true, run: r });
    const partial = runFromJSON({ protocol: 'toy', scenario: 'basic', config: { size: 1, flags: {}, params: { q: 4 } }, choices: [] }, protocols);
    expect(partial.ok && partial.run.config.params).toEqual({ q: 4, n: 3 });
    const none = runFromJSON({ protocol: 'toy', scenario: 'basic', config: { size: 1, flags: {} }, choices: [] }, protocols);
    expect(none.ok && none.run.config.params).toEqual({ q: 2, n: 3 });
    expect(runFromJSON({ protocol: 'toy', scenario: 'basic', config: { size: 1, flags: {}, params: { k: 1 } }, choices: [] }, protocols)).toEqual({
      ok: false,
      error: 'Unknown parameter "k" (known: q, n).',
    });
    expect(runFromJSON({ protocol: 'toy', scenario: 'basic', config: { size: 1, flags: {}, params: { q: 2.5 } }, choices: [] }, protocols)).toMatchObject({ ok: false });
    expect(runFromJSON({ protocol: 'toy', scenario: 'basic', config: { size: 1, flags: {}, params: [1] }, choices: [] }, protocols)).toEqual({
      ok: false,
      error: 'config.params must be an object.',
    });
  });

  it('a solution that names parameters is met only under them (absent ones read as their default)', () => {
    const s = toy.scenarios[0];
    const sol = s.solutions![0];
    const at = (params: Record<string, number> | undefined) => {
      const config: Config = params ? { size: 1, flags: s.config.flags, params } : { size: 1, flags: s.config.flags };
      const w0 = startWorld(toy, s, config);
      const go = { kind: 'request', name: 'go' } as const;
      return goalMet(toy, config, step(toy, config, w0, go), [go], sol);
    };
    expect(at({ q: 4, n: 3 })).toBe(true);
    expect(at({ q: 2, n: 3 })).toBe(false);
    expect(at(undefined)).toBe(false);
  });
});
