// CQRS mutants: every deliberately broken machine is caught with a counterexample that replays,
// and every safety and liveness invariant is tripped by some mutant or unsafe flag.
import { describe, expect, it } from 'vitest';
import { explore } from '../kernel/index.ts';
import type { Config, Protocol } from '../kernel/index.ts';
import { cqrs as p } from './index.ts';
import { mutants } from './mutants.ts';
import { UNSAFE_CASES } from './cases.ts';
import { expectCaught as caught } from '../kernel/testing.ts';

/** The shared check (kernel/testing.ts), over the whole space. */
function expectCaught(proto: Protocol, scenarioId: string, cfg: Config, invariant: string) {
  const { r } = caught(proto, proto.scenarios.find((x) => x.id === scenarioId)!, cfg, invariant);
  expect(r.complete).toBe(true);
}

describe('cqrs mutants', () => {
  for (const m of mutants) {
    it(`${m.name} breaks ${m.caughtBy.invariant} in ${m.caughtBy.scenario}`, () => {
      const s = p.scenarios.find((x) => x.id === m.caughtBy.scenario)!;
      const cfg = { size: m.caughtBy.size ?? s.config.size, flags: { ...s.config.flags, ...m.caughtBy.flags } };
      const mutated = { ...p, machines: { ...p.machines, ...m.machines } };
      expectCaught(mutated, m.caughtBy.scenario, cfg, m.caughtBy.invariant);
      // The real machines pass the same exploration: the catch is the mutant's doing.
      expect(explore(p, s, { config: cfg }).violations).toEqual([]);
    }, 60_000);
  }

  it('every safety and liveness invariant is tripped by some mutant or unsafe flag', () => {
    const caught = new Set([...mutants.map((m) => m.caughtBy.invariant), ...UNSAFE_CASES.map((c) => c.invariant)]);
    for (const inv of p.invariants) if (inv.kind !== 'observation') expect(caught, inv.name).toContain(inv.name);
  });
});
