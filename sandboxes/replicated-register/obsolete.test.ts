// The replicated register's obsolete-message rules (obsolete.ts) keep their promise: in every
// world the scenarios reach, under every design and every mutant, a message declared obsolete is
// ignored on arrival and stays obsolete whatever happens first. And declaring them changes no
// verdict: the explorer finds the same broken invariants with and without the rules.
import { describe, expect, it } from 'vitest';
import { explore, tokenToChoice } from '../kernel/index.ts';
import type { Config, Protocol, Scenario } from '../kernel/index.ts';
import { expectObsoleteSound } from '../kernel/testing.ts';
import { replicatedRegister as p } from './index.ts';
import { mutants } from './mutants.ts';
import { flagValues, paramValues } from './design.ts';

const scenario = (id: string): Scenario => p.scenarios.find((s) => s.id === id)!;
/** The scenario with a run already played (tokens), so a search starts where obsolete messages abound. */
const after = (s: Scenario, tokens: string[]): Scenario => ({ ...s, id: `${s.id} after ${tokens.join(' ')}`, prefix: [...s.prefix, ...tokens.map(tokenToChoice)] });
// leader-sync: r1 cut off with a, r2 elected by r3, b's write through r2 committed; then healed.
const DEPOSED = ['p.r1-a', 't.r2.election', 'd2', 'd3', 'd5', 'd7', 'd8', 'q.b-w1', 'd9', 'd11', 'd12', 'd13', 'q.a-r1', 'd14', 'h'];
// leader-async: a's write acknowledged, r1 crashed before shipping it, r2 elected by r3.
const FAILED_OVER = ['q.a-w1', 'd1', 'd2', 'c.r1', 't.r2.election', 'd4', 'd5'];
const deep = (): [Scenario, Config][] => [
  [after(scenario('leader-sync'), DEPOSED), scenario('leader-sync').config],
  [after(scenario('leader-sync'), DEPOSED.slice(0, 5)), scenario('leader-sync').config],
  [after(scenario('leader-async'), FAILED_OVER), scenario('leader-async').config],
];

const withFlags = (s: Scenario, flags: Record<string, boolean>, size = s.config.size): Config => ({
  size,
  flags: flagValues({ ...s.config.flags, ...flags }),
  params: paramValues(s.config.params),
});

describe('obsolete messages', () => {
  it('every rule holds in every world each scenario reaches, as designed', () => {
    let withDead = 0;
    for (const s of p.scenarios) withDead += expectObsoleteSound(p, s, s.config, { maxWorlds: 15_000, runs: 150, maxSteps: 80 });
    for (const [s, config] of deep()) withDead += expectObsoleteSound(p, s, config, { maxWorlds: 15_000, runs: 50 });
    // Not vacuous: after a failover the single-leader scenarios are full of them.
    expect(withDead).toBeGreaterThan(10_000);
  }, 300_000);

  it('…with the unsafe switches on, and with five replicas', () => {
    const sync = scenario('leader-sync');
    expectObsoleteSound(p, sync, withFlags(sync, { leaderReadsWithoutConfirm: true }), { maxWorlds: 4_000, runs: 40 });
    expectObsoleteSound(p, sync, withFlags(sync, {}, 5), { maxWorlds: 4_000, runs: 40, maxSteps: 90 });
    const async = scenario('leader-async');
    expectObsoleteSound(p, async, withFlags(async, {}, 5), { maxWorlds: 4_000, runs: 40, maxSteps: 90 });
  }, 300_000);

  it('…and under every mutant, in the scenario that catches it', () => {
    for (const m of mutants) {
      const s = scenario(m.caughtBy.scenario);
      const broken: Protocol = { ...p, machines: { ...p.machines, ...m.machines } };
      const config: Config = { size: m.caughtBy.size ?? s.config.size, flags: flagValues({ ...s.config.flags, ...m.caughtBy.flags }), params: paramValues({ ...s.config.params, ...m.caughtBy.params }) };
      expectObsoleteSound(broken, s, config, { maxWorlds: 3_000, runs: 20 });
      if (m.caughtBy.scenario.startsWith('leader')) for (const [d, c] of deep()) expectObsoleteSound(broken, d, c, { maxWorlds: 3_000, runs: 20 });
    }
  }, 300_000);

  it('changes no verdict: the same invariants break, with or without the rules', () => {
    // The single-leader spaces without the rules take minutes (1.5 million worlds); a crash-free
    // and a partition-free cut of them, and the small scenarios whole, keep this test quick.
    const plain: Protocol = { ...p, obsolete: undefined };
    const cases: [Scenario, Config, number][] = [
      ...p.scenarios.filter((s) => !s.id.startsWith('leader') && s.id !== 'lww').map((s): [Scenario, Config, number] => [s, s.config, Infinity]),
      [scenario('leader-sync'), scenario('leader-sync').config, 0],
      [scenario('leader-async'), scenario('leader-async').config, 0],
      [scenario('leader-sync'), withFlags(scenario('leader-sync'), { leaderReadsWithoutConfirm: true }), 0],
      ...deep().map(([s, c]): [Scenario, Config, number] => [s, c, Infinity]),
      [after(scenario('leader-sync'), DEPOSED.slice(0, 5)), withFlags(scenario('leader-sync'), { leaderReadsWithoutConfirm: true }), Infinity],
    ];
    for (const [s, config, maxFaults] of cases) {
      const opts = { config, maxWorlds: 400_000, ...(maxFaults === Infinity ? {} : { maxFaults }) };
      const a = explore(p, s, opts);
      const b = explore(plain, s, opts);
      expect(a.complete && b.complete, s.id).toBe(true);
      const names = (r: typeof a) => r.violations.map((v) => `${v.invariant}${v.promised ? ' (promised)' : ''}`).sort();
      expect(names(a), s.id).toEqual(names(b));
      expect(a.worlds, s.id).toBeLessThanOrEqual(b.worlds);
    }
  }, 300_000);
});
