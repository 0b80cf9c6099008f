// CQRS: exhaustive checks of the safe variants, shortest counterexamples for the unsafe ones,
// seeded random runs, and the machines' shape.
import { describe, expect, it } from 'vitest';
import { applyChoices, checkInvariants, choiceToToken, encodeRun, explore, randomRun, startWorld, stateDiagram, step, tokenToChoice } from '../kernel/index.ts';
import type { Config, Scenario } from '../kernel/index.ts';
import { protocols } from '../index.ts';
import { cqrs as p } from './index.ts';
import { UNSAFE_CASES } from './cases.ts';
import { defaultFlags } from './flags.ts';

const scenario = (id: string): Scenario => p.scenarios.find((s) => s.id === id)!;
const cfg = (size: number, set: Record<string, boolean> = {}): Config => ({ size, flags: { ...defaultFlags(), ...set } });

describe('safe variants: every reachable world holds every invariant', () => {
  for (const s of p.scenarios) {
    it(`${s.id} (position token)`, () => {
      const r = explore(p, s, { config: s.config });
      expect(r.complete).toBe(true);
      expect(r.violations).toEqual([]);
    }, 60_000);
    it(`${s.id} with one more unit in stock`, () => {
      const r = explore(p, s, { config: cfg(s.config.size + 1) });
      expect(r.complete).toBe(true);
      expect(r.violations).toEqual([]);
    }, 60_000);
    it(`${s.id} without the promise: only read-your-writes, which it no longer promises, may fail`, () => {
      const r = explore(p, s, { config: cfg(s.config.size, { positionToken: false }) });
      expect(r.complete).toBe(true);
      expect(r.violations.filter((v) => v.promised !== false)).toEqual([]);
      expect(r.violations.every((v) => v.invariant === 'read-your-writes')).toBe(true);
    }, 60_000);
  }

  it('the concurrent commands with queries and a fault of each kind stay safe', () => {
    const s: Scenario = { ...scenario('last-item'), data: { requests: ['a-reserve', 'b-reserve', 'a-query', 'b-query'] }, budget: { crash: 1, drop: 0, duplicate: 1, partition: 0 } };
    const r = explore(p, s, { config: cfg(1) });
    expect(r.complete).toBe(true);
    expect(r.violations).toEqual([]);
  }, 60_000);
});

describe('unsafe variants: the explorer finds the short counterexample the lesson tells', () => {
  for (const c of UNSAFE_CASES) {
    it(`${Object.keys(c.flags).join(' + ')} breaks ${c.invariant} in ${c.scenario}`, () => {
      const s = scenario(c.scenario);
      const config = { ...s.config, flags: { ...s.config.flags, ...c.flags } };
      const r = explore(p, s, { config });
      const v = r.violations.find((x) => x.invariant === c.invariant);
      expect(v, `violations: ${r.violations.map((x) => x.invariant).join(', ') || 'none'}`).toBeDefined();
      expect(v!.choices.map(choiceToToken)).toEqual(c.run);
      expect(v!.promised).toBe(true);
      const replay = applyChoices(p, config, startWorld(p, s, config), v!.choices);
      expect(replay.error).toBeUndefined();
      const result = checkInvariants(p, config, replay.world, [...v!.choices]).find((x) => x.name === c.invariant)!;
      expect(result.holds).toBe(false);
      expect(result.message).toBe(v!.message);
    }, 60_000);
  }

  it('every unsafe flag has a case', () => {
    for (const f of p.flags.filter((x) => x.unsafe)) expect(UNSAFE_CASES.some((c) => c.flags[f.name]), f.name).toBe(true);
  });

  it('the same early query is a violation with the promise and an observation without it', () => {
    const s = scenario('read-after-write');
    const run = UNSAFE_CASES.find((c) => c.flags.noPositionToken)!.run.map(tokenToChoice);
    const judged = (set: Record<string, boolean>) => {
      const config = cfg(2, set);
      const w = applyChoices(p, config, startWorld(p, s, config), run).world;
      return checkInvariants(p, config, w, run).find((x) => x.name === 'read-your-writes')!;
    };
    expect(judged({ noPositionToken: true })).toMatchObject({ holds: false, promised: true });
    expect(judged({ positionToken: false })).toMatchObject({ holds: false, promised: false });
    expect(judged({ positionToken: false }).message).toBe('a’s reservation is at position 2, but its next query read the read model at position 1 (stock 2): its own write is missing');
  });
});

describe('random runs', () => {
  it('200 seeded runs with more stock, bigger fault budgets (lost messages too) and every safe design keep every safety invariant', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const base = p.scenarios[seed % p.scenarios.length];
      const s: Scenario = { ...base, budget: { crash: 2, drop: 2, duplicate: 3, partition: 0 } };
      const config = cfg(1 + (seed % 3), { positionToken: seed % 2 === 0 });
      const run = randomRun(p, s, { seed, maxSteps: 60, faultWeight: 0.2, config });
      let w = startWorld(p, s, config);
      for (const c of run.choices) {
        w = step(p, config, w, c);
        const bad = p.invariants
          .filter((inv) => inv.kind === 'safety' && (config.flags.positionToken || inv.name !== 'read-your-writes') && inv.check(w, config) !== null)
          .map((inv) => inv.name);
        expect(bad, `seed ${seed} ${encodeRun(run, p)}`).toEqual([]);
      }
    }
  }, 60_000);
});

describe('machines and registry', () => {
  it('is registered, and every machine has a recovery state and textbook names', () => {
    expect(protocols.cqrs).toBe(p);
    expect(Object.keys(p.machines)).toEqual(['client', 'handler', 'store', 'projector', 'view']);
    for (const role of Object.keys(p.machines)) {
      const d = stateDiagram(p.machines[role]);
      expect(d.recovery, role).toBe('recovering');
      for (const s of d.states.filter((x) => x.id !== 'start' && x.id !== 'recovering')) expect(p.stateNames?.[role]?.[s.id], `${role}.${s.id}`).toBeDefined();
    }
  });

  it('reader diagrams show the checkpoint-first path only under its flag', () => {
    const states = (flags: Record<string, boolean>) => stateDiagram(p.machines.projector, { protocol: p, role: 'projector', flags }).states.map((s) => s.id);
    expect(states({})).not.toContain('checkpointed');
    expect(states({ checkpointFirst: true })).toContain('checkpointed');
  });

  it('the stream opens with ItemStocked and the read model starts caught up', () => {
    const w = startWorld(p, scenario('rebuild'));
    expect((w.nodes.store.store as { log: unknown[] }).log).toEqual([
      { type: 'ItemStocked', qty: 2 },
      { type: 'ItemReserved', by: 'a', command: 'a0' },
    ]);
    expect(checkInvariants(p, scenario('rebuild').config, w).every((r) => r.holds)).toBe(true);
  });

  it('an outcome line once the run is over', () => {
    const s = scenario('happy-path');
    const sol = s.solutions![0];
    const w = applyChoices(p, s.config, startWorld(p, s), sol.steps.map(tokenToChoice)).world;
    expect(p.outcome!(w)).toBe('1 reserved, stream at position 2 (stock 1); the read model agrees');
    expect(p.outcome!(startWorld(p, s))).toBeNull();
  });
});
