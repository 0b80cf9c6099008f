// Sagas: exhaustive checks of both styles, counterexamples for unsafe flags and mutants, scenarios.
import { describe, expect, it } from 'vitest';
import { applyChoices, checkInvariants, choiceToToken, decodeRun, explore, toSequenceDiagram, goalsMet, isFaultChoice, randomRun, startWorld, step, stateDiagram, tokenToChoice, viewNodes, encodeRun } from '../kernel/index.ts';
import type { Config, Protocol, Scenario } from '../kernel/index.ts';
import { protocols } from '../index.ts';
import { saga as p } from './index.ts';
import { flagValues } from './flags.ts';
import { mutants } from './mutants.ts';
import { expectCaught as caught } from '../kernel/testing.ts';

const scenario = (id: string): Scenario => p.scenarios.find((s) => s.id === id)!;
const cfgFor = (s: Scenario, set: Record<string, boolean> = {}): Config => ({ ...s.config, flags: { ...s.config.flags, ...set } });
const STYLES = [false, true];
const style = (choreography: boolean) => (choreography ? 'choreography' : 'orchestration');

/** The shared check (kernel/testing.ts) on a scenario named by id; the violation found. */
const expectCaught = (proto: Protocol, scenarioId: string, cfg: Config, invariant: string) => caught(proto, scenario(scenarioId), cfg, invariant, { maxWorlds: 200_000 }).v;

describe('safe variants: every reachable world holds every invariant', () => {
  for (const choreography of STYLES) {
    for (const s of p.scenarios) {
      it(`${s.id} (${style(choreography)})`, () => {
        const r = explore(p, s, { config: cfgFor(s, { choreography }) });
        expect(r.complete).toBe(true);
        expect(r.violations).toEqual([]);
      }, 60_000);
    }
  }
});

describe('safe variants under more faults than the scenarios allow', () => {
  for (const id of ['compensation-race', 'out-of-stock']) {
    for (const choreography of STYLES) {
      it(`${id} with a crash, a drop and a duplicate (${style(choreography)})`, () => {
        const s = scenario(id);
        const r = explore(p, s, { config: cfgFor(s, { choreography }), budget: { crash: 1, drop: 1, duplicate: 1, partition: 0 } });
        expect(r.complete).toBe(true);
        expect(r.violations).toEqual([]);
      }, 60_000);
    }
  }
});

describe('unsafe variants: the explorer finds a short counterexample', () => {
  const cases = [
    { flag: 'notIdempotent', scenario: 'duplicate-command', invariant: 'no-double-charge', max: 3, styles: STYLES },
    { flag: 'noTombstone', scenario: 'compensation-race', invariant: 'no-stock-for-rejected', max: 5, styles: [false] },
    { flag: 'sendBeforeLog', scenario: 'orchestrator-crash', invariant: 'all-or-compensated', max: 3, styles: STYLES },
    { flag: 'noCompensationRetry', scenario: 'out-of-stock', invariant: 'all-or-compensated', max: 6, styles: STYLES },
    { flag: 'noSemanticLock', scenario: 'compensation-race', invariant: 'one-outcome', max: 5, styles: STYLES },
  ];
  for (const c of cases) {
    for (const choreography of c.styles) {
      it(`${c.flag} breaks ${c.invariant} in ${c.scenario} (${style(choreography)})`, () => {
        const v = expectCaught(p, c.scenario, cfgFor(scenario(c.scenario), { [c.flag]: true, choreography }), c.invariant);
        expect(v.choices.length).toBeLessThanOrEqual(c.max);
      }, 60_000);
    }
  }

  it('every unsafe flag has a case', () => {
    for (const f of p.flags.filter((x) => x.unsafe)) expect(cases.map((c) => c.flag)).toContain(f.name);
  });

  it('under choreography no compensation can overtake its action, so the tombstone is never needed here', () => {
    for (const id of ['compensation-race', 'duplicate-command', 'out-of-stock']) {
      const s = scenario(id);
      expect(explore(p, s, { config: cfgFor(s, { noTombstone: true, choreography: true }) }).violations, id).toEqual([]);
    }
  });

  it('at-least-once retries alone double-charge a participant that is not idempotent (choreography, no fault)', () => {
    const s = scenario('duplicate-command');
    const r = explore(p, s, { config: cfgFor(s, { notIdempotent: true, choreography: true }), maxFaults: 0 });
    const v = r.violations.find((x) => x.invariant === 'no-double-charge')!;
    expect(v.choices.map(choiceToToken)).toEqual(['d1', 't.order.retry', 'd3']);
  });

  it('a lost update needs no fault at all: a cancel and an ordinary run of the saga', () => {
    const s = scenario('compensation-race');
    const r = explore(p, s, { config: cfgFor(s, { noSemanticLock: true }), maxFaults: 0 });
    const v = r.violations.find((x) => x.invariant === 'one-outcome')!;
    expect(v.message).toBe('o1 was both rejected and approved: one write overwrote the other');
    expect(v.choices.some(isFaultChoice)).toBe(false);
  });
});

describe('mutants: every deliberately broken machine is caught', () => {
  for (const m of mutants) {
    it(`${m.name} breaks ${m.caughtBy.invariant} in ${m.caughtBy.scenario}`, () => {
      const s = scenario(m.caughtBy.scenario);
      const cfg = cfgFor(s, m.caughtBy.flags);
      const mutated = { ...p, machines: { ...p.machines, ...m.machines } };
      expectCaught(mutated, m.caughtBy.scenario, cfg, m.caughtBy.invariant);
      // The real machines pass the same exploration: the catch is the mutant's doing.
      expect(explore(p, s, { config: cfg }).violations).toEqual([]);
    }, 60_000);
  }

  it('every safety and liveness invariant catches some mutant or unsafe flag', () => {
    const caught = new Set([...mutants.map((m) => m.caughtBy.invariant), 'no-double-charge', 'no-stock-for-rejected', 'all-or-compensated', 'one-outcome']);
    for (const inv of p.invariants) if (inv.kind !== 'observation') expect(caught, inv.name).toContain(inv.name);
  });
});

describe('scenarios', () => {
  it('every scenario starts legally and has 2 to 4 prompts, each with a solution', () => {
    for (const s of p.scenarios) {
      expect(s.tryThis.length, s.id).toBeGreaterThanOrEqual(2);
      expect(s.tryThis.length, s.id).toBeLessThanOrEqual(4);
      expect(s.solutions?.map((x) => x.prompt).sort(), s.id).toEqual(s.tryThis.map((_, i) => i));
      for (const choreography of STYLES) expect(() => startWorld(p, s, cfgFor(s, { choreography }))).not.toThrow();
    }
    expect(p.scenarios.map((s) => s.id)).toEqual(['happy-path', 'payment-declined', 'out-of-stock', 'orchestrator-crash', 'duplicate-command', 'compensation-race', 'two-orders']);
  });

  for (const s of p.scenarios) {
    for (const sol of s.solutions ?? []) {
      it(`${s.id} prompt ${sol.prompt} replays and ticks its goal only at the end`, () => {
        const cfg = cfgFor(s, sol.flags);
        const path = sol.steps.map(tokenToChoice);
        const r = applyChoices(p, cfg, startWorld(p, s, cfg), path);
        expect(r.error).toBeUndefined();
        const states = Object.fromEntries(viewNodes(p, r.world).map((n) => [n.id, n.state]));
        for (const [node, state] of Object.entries(sol.expect.states ?? {})) expect(states[node], node).toBe(state);
        if (sol.expect.breaks) {
          const res = checkInvariants(p, cfg, r.world, path).find((x) => x.name === sol.expect.breaks)!;
          expect(res.holds, res.name).toBe(false);
        }
        expect(goalsMet(p, s, cfg, r.world, path)[sol.prompt]).toBe(true);
        expect(goalsMet(p, s, cfg, startWorld(p, s, cfg), [])[sol.prompt]).toBe(false);
        // A prompt that breaks an invariant does so only with the flag it switches on.
        if (sol.expect.breaks && !p.invariants.find((i) => i.name === sol.expect.breaks && i.kind === 'observation')) {
          expect(Object.values(sol.flags ?? {}).some(Boolean)).toBe(true);
        }
      });
    }
  }
});

describe('random runs', () => {
  it('seeded runs with more faults keep every safety invariant, in both styles', () => {
    for (let seed = 1; seed <= 120; seed++) {
      const s = p.scenarios[seed % p.scenarios.length];
      const cfg = cfgFor(s, { choreography: seed % 2 === 0 });
      const budget = { crash: 2, drop: 2, duplicate: 2, partition: 0 };
      const run = randomRun(p, { ...s, budget }, { seed, maxSteps: 60, faultWeight: 0.2, config: cfg });
      let w = startWorld(p, { ...s, budget }, cfg);
      for (const c of run.choices) {
        w = step(p, cfg, w, c);
        const bad = p.invariants.filter((inv) => inv.kind === 'safety' && inv.check(w, cfg) !== null).map((inv) => inv.name);
        expect(bad, `seed ${seed} ${encodeRun(run, p)}`).toEqual([]);
      }
    }
  });
});

describe('random runs on a bigger shop', () => {
  // Two orders on one unit of stock, both cancellable, and more faults than any scenario allows.
  const big: Scenario = {
    ...scenario('two-orders'),
    id: 'big',
    data: {
      orders: { o1: { amount: 2, qty: 1 }, o2: { amount: 1, qty: 1 } },
      creditLimit: 3,
      stock: 1,
      requests: ['place-o1', 'place-o2', 'cancel-o1', 'cancel-o2'],
    },
    budget: { crash: 2, drop: 3, duplicate: 3, partition: 1 },
  };
  it('120 seeded runs keep every safety invariant, in both styles', () => {
    for (let seed = 1; seed <= 120; seed++) {
      const cfg = cfgFor(big, { choreography: seed % 2 === 0 });
      const run = randomRun(p, big, { seed, maxSteps: 80, faultWeight: 0.25, config: cfg });
      let w = startWorld(p, big, cfg);
      for (const c of run.choices) {
        w = step(p, cfg, w, c);
        const bad = p.invariants.filter((inv) => inv.kind === 'safety' && inv.check(w, cfg) !== null).map((inv) => inv.name);
        expect(bad, `seed ${seed}`).toEqual([]);
      }
    }
  });
});

describe('machines and registry', () => {
  it('is registered and its machines have recovery states', () => {
    expect(protocols.saga).toBe(p);
    for (const role of ['order', 'payment', 'inventory']) expect(stateDiagram(p.machines[role]).recovery).toBe('recovering');
  });

  it('a run link replays and draws a sequence diagram in the saga’s words', () => {
    const s = scenario('out-of-stock');
    const run = { protocol: p.id, scenario: s.id, config: s.config, choices: ['d1', 'd2', 'd3', 'd4'].map(tokenToChoice) };
    const link = encodeRun(run, p);
    const back = decodeRun(link, protocols);
    expect(back.ok && back.run.choices.map(choiceToToken)).toEqual(['d1', 'd2', 'd3', 'd4']);
    const text = toSequenceDiagram(p, run);
    expect(text).toContain('order->>payment: RESERVE_CREDIT');
    expect(text).toContain('Note over inventory: log REFUSED');
    expect(text).toContain('Note over order: log COMPENSATING');
  });

  it('flags default to the safe orchestration', () => {
    expect(flagValues()).toEqual({ choreography: false, notIdempotent: false, noTombstone: false, sendBeforeLog: false, noCompensationRetry: false, noSemanticLock: false });
  });
});
