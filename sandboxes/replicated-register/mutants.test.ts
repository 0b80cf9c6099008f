// Replicated register mutants: every deliberately broken replica is caught by the invariant it
// names, with a counterexample that replays; the real replica passes the same bounded search.
import { describe, expect, it } from 'vitest';
import { explore, startWorld, step, tokenToChoice } from '../kernel/index.ts';
import type { Choice, Config, ExploreOptions, Protocol, Scenario } from '../kernel/index.ts';
import { checkMonotonicWrites } from '../consistency/index.ts';
import type { History } from '../consistency/index.ts';
import { replicatedRegister as p } from './index.ts';
import { mutants } from './mutants.ts';
import { expectCaught } from '../kernel/testing.ts';
import { flagValues, paramValues } from './design.ts';

const scenario = (id: string): Scenario => p.scenarios.find((s) => s.id === id)!;
const kindOf = (name: string) => p.invariants.find((i) => i.name === name)!.kind;

/**
 * A prefix played by name (`r2>r3:REQUEST_VOTE`) or token (`q.a-w1`, `t.r2.election`, `p.r1-a`), so
 * a deep counterexample is searched for from a world already on its way (the leader spaces take
 * seconds to walk whole; `exhaustive.test.ts` does that once per design, not once per mutant).
 */
function prefixed(s: Scenario, config: Config, script: string[]): Scenario {
  let w = startWorld(p, s, config);
  const prefix: Choice[] = [];
  for (const t of script) {
    const m = /^(\w+)>(\w+):(\w+)$/.exec(t);
    const c: Choice = m ? { kind: 'deliver', id: w.inFlight.find((x) => x.from === m[1] && x.to === m[2] && x.type === m[3])!.id } : tokenToChoice(t);
    w = step(p, config, w, c);
    prefix.push(c);
  }
  return { ...s, prefix: [...s.prefix, ...prefix] };
}

// r1 is cut off with client a; r2 has won term 2 with r3's vote and told client b; r1, not having
// heard, still leads in its own eyes, and a still believes r1 leads.
const deposed = ['p.r1-a', 't.r2.election', 'r2>r3:REQUEST_VOTE', 'r3>r2:VOTE', 'r2>b:LEADER'];

/** How each mutant's search is bounded: worlds (breadth-first, so the run found is still the shortest), faults, a prefix. */
const search: Record<string, { maxWorlds: number; maxFaults?: number; prefix?: string[] }> = {
  // b's write reaches r1 and is acknowledged at once; a partition cuts r1 off, r2 wins term 2 with
  // r3 (neither holds 1) and, once healed, overwrites r1.
  'ack-before-majority': { maxWorlds: 20_000, prefix: ['q.b-w1', 'b>r1:WRITE'] },
  'reads-without-confirming': { maxWorlds: 6_000, maxFaults: 0, prefix: deposed },
  // The mutant's space is explored completely (about 1,600 worlds).
  'skips-read-repair': { maxWorlds: 3_000 },
  // Both writes issued; a partition keeps the newer one from being pushed, and nobody takes it after.
  'lww-keeps-older': { maxWorlds: 6_000, prefix: ['q.b-w2', 'q.a-w1'] },
  'ignores-session-token': { maxWorlds: 3_000 },
  // The mutant's fault-free space is explored completely (about 600 worlds).
  'never-answers-writes': { maxWorlds: 2_000, maxFaults: 0 },
  'anti-entropy-stops-early': { maxWorlds: 3_000 },
  // Fault-free, explored completely (about 160 worlds): a writes 1 through r2, then 2 through r1.
  'stamps-below-quorum': { maxWorlds: 1_000, maxFaults: 0 },
};

/** Invariants a mutant breaks besides the one it names (checked in the same search). */
const alsoBreaks: Record<string, string[]> = {
  'skips-read-repair': ['sequential', 'monotonic-reads'],
  // Last writer wins then keeps a's first write over its acknowledged second one.
  'stamps-below-quorum': ['no-lost-acked-write'],
};

function configFor(m: (typeof mutants)[number]): Config {
  const s = scenario(m.caughtBy.scenario);
  return {
    size: m.caughtBy.size ?? s.config.size,
    flags: { ...s.config.flags, ...m.caughtBy.flags },
    params: { ...s.config.params, ...m.caughtBy.params },
  };
}


describe('mutants: every deliberately broken replica is caught', () => {
  for (const m of mutants) {
    it(`${m.name} breaks ${m.caughtBy.invariant} in ${m.caughtBy.scenario}`, () => {
      const bound = search[m.name];
      expect(bound, `${m.name} needs a search bound`).toBeDefined();
      const config = configFor(m);
      const base = scenario(m.caughtBy.scenario);
      const s = bound.prefix ? prefixed(base, config, bound.prefix) : base;
      const options: ExploreOptions = { maxWorlds: bound.maxWorlds, maxFaults: bound.maxFaults };
      const mutated: Protocol = { ...p, machines: { ...p.machines, ...m.machines } };
      const { r, v } = expectCaught(mutated, s, config, m.caughtBy.invariant, options);
      // A bug, not a finding: the design promises what the mutant breaks.
      expect(v.promised).toBe(true);
      for (const other of alsoBreaks[m.name] ?? []) expectCaught(mutated, s, config, other, options);
      // The real replica passes the same search: the catch is the mutant's doing.
      const real = explore(p, s, { config, ...options });
      const named = [m.caughtBy.invariant, ...(alsoBreaks[m.name] ?? [])];
      expect(real.violations.filter((x) => named.includes(x.invariant)).map((x) => x.invariant)).toEqual([]);
      expect(r.worlds).toBeLessThanOrEqual(bound.maxWorlds);
    }, 60_000);
  }

  it('the unsafe flag “leader reads without confirming” is caught by the same search as its mutant', () => {
    const s0 = scenario('leader-sync');
    const config: Config = { size: 3, flags: flagValues({ leaderReadsWithoutConfirm: true }), params: paramValues() };
    const s = prefixed(s0, config, deposed);
    const { v } = expectCaught(p, s, config, 'linearizable', { maxWorlds: 6_000, maxFaults: 0 });
    expect(v.promised).toBe(true);
    expect(v.message).toMatch(/read by client a returned null/);
  }, 60_000);

  it('every safety and liveness invariant catches some mutant or unsafe flag', () => {
    const caught = new Set([...mutants.map((m) => m.caughtBy.invariant), ...Object.values(alsoBreaks).flat(), 'linearizable']);
    const uncaught = p.invariants.filter((i) => i.kind !== 'observation' && !caught.has(i.name)).map((i) => i.name);
    expect(uncaught).toEqual([]);
  });

  it('monotonic-writes is judged against the system’s write order, which real time alone could never contradict', () => {
    // a writes 1 then 2; b then reads 2 and later 1, as if the replicas had ordered a's writes
    // backwards. Against real time alone the checker may order 2 before 1 only if real time
    // allows, and a's writes do not overlap: so it holds. Against the order the replicas' versions
    // impose (2 stamped below 1) it fails: that is the order the invariant passes.
    const h: History = {
      model: 'register',
      initial: null,
      ops: [
        { id: 0, process: 'a', f: 'write', value: 1, invoke: 0, response: 1, outcome: 'ok' },
        { id: 1, process: 'a', f: 'write', value: 2, invoke: 2, response: 3, outcome: 'ok' },
        { id: 2, process: 'b', f: 'read', result: 2, invoke: 4, response: 5, outcome: 'ok' },
        { id: 3, process: 'b', f: 'read', result: 1, invoke: 6, response: 7, outcome: 'ok' },
      ],
    };
    expect(checkMonotonicWrites(h).holds).toBe(true);
    expect(checkMonotonicWrites(h, { versionOrder: [1, 2] }).holds).toBe(true);
    expect(checkMonotonicWrites(h, { versionOrder: [2, 1] })).toMatchObject({ holds: false, ops: [0, 1] });
    // And some scenario has a client write twice, so the explorer can reach such an order.
    const twice = p.scenarios.filter((s) => ['a', 'b'].some((c) => ((s.data?.requests as string[] | undefined) ?? []).filter((r) => r.startsWith(`${c}-w`)).length >= 2));
    expect(twice.map((s) => s.id)).toContain('lww-two-writes');
  });

  it('the replica’s named decisions are guards the mutants swap', () => {
    const guards = Object.keys((p.machines.replica as unknown as { implementations: { guards: Record<string, unknown> } }).implementations.guards);
    for (const name of ['majorityHolds', 'confirmsReads', 'repairsReads', 'writeQuorum', 'lwwNewer', 'honoursSession', 'keepsPushing', 'stampsAboveQuorum']) expect(guards).toContain(name);
  });
});
