// Two-phase commit: exhaustive checks of safe variants, counterexamples for unsafe ones, scenarios.
import { describe, expect, it } from 'vitest';
import {
  applyChoices, checkInvariants, choiceToToken, choices, decodeRun, encodeRun, explore, isFaultChoice, quiescent, randomRun,
  goalsMet, startWorld, stateDiagram, step, toSequenceDiagram, viewNodes, worldKey,
} from '../kernel/index.ts';
import type { Config, Scenario, World } from '../kernel/index.ts';
import { protocols } from '../index.ts';
import { twoPhaseCommit as p } from './index.ts';
import { mutants } from './mutants.ts';
import { expectCaught as caught } from '../kernel/testing.ts';
import { loggedOutcome } from './store.ts';
import { tokenToChoice } from '../kernel/tokens.ts';

const scenario = (id: string): Scenario => p.scenarios.find((s) => s.id === id)!;
const flags = (set: Record<string, boolean> = {}) => ({ presumedAbort: false, sendBeforeLog: false, voteWithoutLog: false, abortWhenInDoubt: false, ackBeforeForce: false, ...set });
const outcomes = (w: World) => Object.keys(w.nodes).filter((n) => n !== 'c').map((n) => loggedOutcome(w.nodes[n].store));
const failing = (w: World, cfg: Config) => checkInvariants(p, cfg, w).filter((r) => !r.holds && r.kind !== 'observation');

/** Deliver messages (then fire timers, then recover) until nothing but faults remain. */
function settle(w: World, cfg: Config): World {
  for (let i = 0; i < 200 && !quiescent(p, cfg, w); i++) {
    const cs = choices(p, cfg, w).filter((c) => !isFaultChoice(c));
    const c = cs.find((x) => x.kind === 'deliver' || x.kind === 'request') ?? cs.find((x) => x.kind === 'recover') ?? cs[0];
    w = step(p, cfg, w, c);
    expect(failing(w, cfg)).toEqual([]);
  }
  expect(quiescent(p, cfg, w)).toBe(true);
  return w;
}

describe('safe variants: every reachable world holds every invariant', () => {
  // Exhaustive: timers may fire while messages are merely in flight, so this covers slow as well
  // as lost. Two participants for every scenario; three where the space stays small (the bench
  // measures the rest).
  const sizesFor = (id: string) => (['vote-lost', 'coordinator-crash-after-commit'].includes(id) ? [2, 3] : [2]);
  for (const presumedAbort of [false, true]) {
    for (const s of p.scenarios) {
      for (const size of sizesFor(s.id)) {
        it(`${s.id} size ${size}${presumedAbort ? ' presumed abort' : ''}`, () => {
          const r = explore(p, s, { config: { size, flags: flags({ presumedAbort }) } });
          expect(r.complete).toBe(true);
          expect(r.violations).toEqual([]);
        }, 60_000);
      }
    }
  }
});

/** The shared check (kernel/testing.ts) on a scenario named by id; the violation found. */
const expectCaught = (proto: typeof p, scenarioId: string, cfg: Config, invariant: string) => caught(proto, scenario(scenarioId), cfg, invariant).v;

describe('unsafe variants: the explorer finds a short counterexample', () => {
  const cases = [
    { flag: 'sendBeforeLog', scenario: 'coordinator-crash-after-commit', invariant: 'atomicity', max: 6 },
    { flag: 'voteWithoutLog', scenario: 'participant-crash-while-prepared', invariant: 'atomicity', max: 5 },
    { flag: 'abortWhenInDoubt', scenario: 'coordinator-crash-after-prepare', invariant: 'atomicity', max: 5 },
    { flag: 'ackBeforeForce', scenario: 'coordinator-crash-after-commit', invariant: 'decisions-final', max: 10 },
  ];
  for (const c of cases) {
    for (const presumedAbort of [false, true]) {
      it(`${c.flag} breaks ${c.invariant} in ${c.scenario}${presumedAbort ? ' (presumed abort)' : ''}`, () => {
        const cfg = { size: 2, flags: flags({ [c.flag]: true, presumedAbort }) };
        const v = expectCaught(p, c.scenario, cfg, c.invariant);
        expect(v.choices.length).toBeLessThanOrEqual(c.max);
      }, 60_000);
    }
  }

  it('abort-when-in-doubt needs no fault: a slow GLOBAL_COMMIT and an impatient timer are enough', () => {
    const cfg = { size: 2, flags: flags({ abortWhenInDoubt: true }) };
    const r = explore(p, scenario('coordinator-crash-after-prepare'), { config: cfg, maxFaults: 0 });
    const v = r.violations.find((x) => x.invariant === 'atomicity')!;
    expect(v.message).toMatch(/^(p\d committed|c decided commit) while p\d aborted$/);
    expect(v.choices.some(isFaultChoice)).toBe(false);
  });
});

describe('mutants: every deliberately broken machine is caught', () => {
  for (const m of mutants) {
    it(`${m.name} breaks ${m.caughtBy.invariant} in ${m.caughtBy.scenario}`, () => {
      const s = scenario(m.caughtBy.scenario);
      const cfg = { size: m.caughtBy.size ?? 2, flags: { ...s.config.flags, ...m.caughtBy.flags } };
      const mutated = { ...p, machines: { ...p.machines, ...m.machines } };
      expectCaught(mutated, m.caughtBy.scenario, cfg, m.caughtBy.invariant);
      // The real machines pass the same exploration: the catch is the mutant's doing.
      expect(explore(p, s, { config: cfg }).violations).toEqual([]);
    }, 60_000);
  }

  it('every safety and liveness invariant catches some mutant or unsafe flag', () => {
    const caught = new Set([...mutants.map((m) => m.caughtBy.invariant), 'atomicity', 'decisions-final']);
    for (const inv of p.invariants) if (inv.kind !== 'observation') expect(caught, inv.name).toContain(inv.name);
  });

  it('a stuck participant is reported with the loop it is stuck in', () => {
    const m = mutants.find((x) => x.name === 'ignores-decision-requests')!;
    const mutated = { ...p, machines: { ...p.machines, ...m.machines } };
    const cfg = { size: 2, flags: flags({ presumedAbort: true }) };
    const v = expectCaught(mutated, 'one-votes-no', cfg, 'termination');
    expect(v.message).toBe('p1 never decides: no continuation without faults gets there');
    // The loop: p1 asks, the question is delivered and ignored, p1 asks again.
    const tokens = v.loop!.map(choiceToToken);
    expect(tokens.some((t) => t === 't.p1.decision-timeout')).toBe(true);
    let w = applyChoices(mutated, cfg, startWorld(mutated, scenario('one-votes-no'), cfg), v.choices).world;
    const before = worldKey(w);
    w = applyChoices(mutated, cfg, w, v.loop!).world;
    expect(worldKey(w)).toBe(before);
  });

  it('a coordinator that always aborts is caught from the start: nothing failed, yet no commit', () => {
    const m = mutants.find((x) => x.name === 'never-commits')!;
    const mutated = { ...p, machines: { ...p.machines, ...m.machines } };
    const v = expectCaught(mutated, 'all-vote-yes', { size: 2, flags: flags() }, 'non-triviality');
    expect(v.choices.every((c) => c.kind === 'deliver')).toBe(true);
    expect(v.loop).toEqual([]);
  });
});

describe('scenarios', () => {
  it('every scenario starts legally at every size and has prompts', () => {
    for (const s of p.scenarios) {
      expect(s.tryThis.length).toBeGreaterThanOrEqual(2);
      for (let size = p.sizes.min; size <= p.sizes.max; size++) expect(() => startWorld(p, s, { size, flags: flags() })).not.toThrow();
    }
  });

  it('every "try this" prompt has a solution, and the solution does what the prompt says', () => {
    for (const s of p.scenarios) {
      expect(s.solutions?.map((x) => x.prompt).sort(), s.id).toEqual(s.tryThis.map((_, i) => i));
      for (const sol of s.solutions ?? []) {
        const cfg = { ...s.config, flags: { ...s.config.flags, ...sol.flags } };
        const r = applyChoices(p, cfg, startWorld(p, s, cfg), sol.steps.map(tokenToChoice));
        expect(r.error, `${s.id} prompt ${sol.prompt}`).toBeUndefined();
        const states = Object.fromEntries(viewNodes(p, r.world).map((n) => [n.id, n.state]));
        for (const [node, state] of Object.entries(sol.expect.states ?? {})) expect(states[node], `${s.id} prompt ${sol.prompt}: ${node}`).toBe(state);
        if (sol.expect.breaks) {
          const result = checkInvariants(p, cfg, r.world, sol.steps.map(tokenToChoice)).find((x) => x.name === sol.expect.breaks)!;
          expect(result.holds, `${s.id} prompt ${sol.prompt}`).toBe(false);
        }
        // The player's checklist ticks the goal at the end of the solution, and not at the start.
        expect(goalsMet(p, s, cfg, r.world, sol.steps.map(tokenToChoice))[sol.prompt], `${s.id} prompt ${sol.prompt} ticks`).toBe(true);
        expect(goalsMet(p, s, cfg, startWorld(p, s, cfg), [])[sol.prompt], `${s.id} prompt ${sol.prompt} ticked at the start`).toBe(false);
      }
    }
  });

  it('all-vote-yes played out commits everywhere with 2N + 1 forced writes and 4N messages', () => {
    const cfg = { size: 3, flags: flags() };
    const start = startWorld(p, scenario('all-vote-yes'), cfg);
    const w = settle(start, cfg);
    expect(outcomes(w)).toEqual(['commit', 'commit', 'commit']);
    expect(viewNodes(p, w)[0].state).toBe('ended');
    expect((w.nodes.c.store as { log: { type: string }[] }).log.map((r) => r.type)).toEqual(['COMMIT', 'END']);
    // The prefix sent the three PREPAREs; ids count every message since.
    expect(w.nextMessageId - 1).toBe(12);
    const records = Object.values(w.nodes).flatMap((n) => (n.store as { log: unknown[] }).log);
    expect(records.length - 1).toBe(7); // everything but the lazy END is forced
  });

  it('one-votes-no aborts everywhere', () => {
    for (const presumedAbort of [false, true]) {
      const cfg = { size: 3, flags: flags({ presumedAbort }) };
      const w = settle(startWorld(p, scenario('one-votes-no'), cfg), cfg);
      expect(outcomes(w)).toEqual(['abort', 'abort', 'abort']);
      // Presumed abort: the coordinator writes nothing on the abort path, not even END.
      expect((w.nodes.c.store as { log: unknown[] }).log.length).toBe(presumedAbort ? 0 : 2);
    }
  });

  it('coordinator-crash-after-prepare blocks the prepared participants until c is back', () => {
    const cfg = { size: 3, flags: flags() };
    let w = startWorld(p, scenario('coordinator-crash-after-prepare'), cfg);
    w = step(p, cfg, w, { kind: 'crash', node: 'c' });
    const blocked = checkInvariants(p, cfg, w).find((r) => r.name === 'blocked')!;
    expect(blocked.holds).toBe(false);
    expect(blocked.message).toBe('coordinator is down after prepare; p1, p2 and p3 are in doubt holding locks');
    // Firing the decision timer only asks again (the request is lost: c is down); p2 stays in doubt.
    w = step(p, cfg, w, { kind: 'timer', node: 'p2', name: 'decision-timeout' });
    expect(viewNodes(p, w).find((n) => n.id === 'p2')!.state).toBe('prepared');
    // Recovery with an empty log: c knows nothing of T1; asked, it answers abort.
    w = settle(step(p, cfg, w, { kind: 'recover', node: 'c' }), cfg);
    expect(outcomes(w)).toEqual(['abort', 'abort', 'abort']);
  });

  it('coordinator-crash-after-commit: the recovered coordinator finishes the commit', () => {
    for (const presumedAbort of [false, true]) {
      const cfg = { size: 3, flags: flags({ presumedAbort }) };
      let w = startWorld(p, scenario('coordinator-crash-after-commit'), cfg);
      w = applyChoices(p, cfg, w, [{ kind: 'deliver', id: 7 }, { kind: 'crash', node: 'c' }, { kind: 'recover', node: 'c' }]).world;
      expect(outcomes(settle(w, cfg))).toEqual(['commit', 'commit', 'commit']);
    }
  });

  it('a crash loses lazy log records and keeps forced ones', () => {
    const cfg = { size: 2, flags: flags({ ackBeforeForce: true }) };
    let w = startWorld(p, scenario('coordinator-crash-after-commit'), cfg);
    w = step(p, cfg, w, tokenToChoice('d5')); // p1 writes COMMIT lazily and ACKs
    expect(loggedOutcome(w.nodes.p1.store)).toBe('commit');
    expect((w.nodes.p1.store as { unflushed?: number }).unflushed).toBe(1);
    w = step(p, cfg, w, tokenToChoice('c.p1'));
    expect((w.nodes.p1.store as { log: { type: string }[] }).log.map((r) => r.type)).toEqual(['PREPARED']);
    // What happened is not erased: the ghost record of the commit survives.
    expect((w.nodes.p1.store as { audit: string[] }).audit).toEqual(['decided commit', 'voted yes']);
  });

  it('machines never see the ghost records', () => {
    const cfg = { size: 2, flags: flags() };
    let w = startWorld(p, scenario('participant-crash-while-prepared'), cfg);
    w = step(p, cfg, w, tokenToChoice('r.p1'));
    const ctx = JSON.stringify(w.nodes.p1.snapshot);
    expect(ctx).not.toContain('audit');
  });
});

describe('random runs', () => {
  it('200 seeded runs with 5 participants keep every safety invariant', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const s = p.scenarios[seed % p.scenarios.length];
      const cfg = { size: 5, flags: flags({ presumedAbort: seed % 2 === 0 }) };
      const run = randomRun(p, s, { seed, maxSteps: 80, faultWeight: 0.15, config: cfg });
      let w = startWorld(p, s, cfg);
      for (const c of run.choices) {
        w = step(p, cfg, w, c);
        const bad = p.invariants.filter((inv) => inv.kind === 'safety' && inv.check(w, cfg) !== null).map((inv) => inv.name);
        expect(bad, `seed ${seed} ${encodeRun(run, p)}`).toEqual([]);
      }
    }
  });
});

describe('machines and runs', () => {
  it('state diagrams come from the machines and include recovery', () => {
    for (const role of ['coordinator', 'participant']) {
      const d = stateDiagram(p.machines[role]);
      expect(d.recovery).toBe('recovering');
      expect(d.states.map((s) => s.id)).toContain('recovering');
    }
    const d = stateDiagram(p.machines.participant);
    expect(d.transitions).toContainEqual({ from: 'working', to: 'prepared', event: 'PREPARE' });
    expect(d.transitions).toContainEqual({ from: 'recovering', to: 'prepared', event: '(always)' });
  });

  it('a run link replays and draws a sequence diagram', () => {
    const s = scenario('coordinator-crash-after-prepare');
    const run = { protocol: p.id, scenario: s.id, config: { size: 3, flags: flags({ presumedAbort: true }) }, choices: [{ kind: 'crash', node: 'c' } as const] };
    const link = encodeRun(run, p);
    expect(link).toBe('two-phase-commit~coordinator-crash-after-prepare~3~presumedAbort-1~c.c');
    const back = decodeRun(link, protocols);
    expect(back.ok && back.run.choices.map(choiceToToken)).toEqual(['c.c']);
    const text = toSequenceDiagram(p, run);
    expect(text.startsWith('sequenceDiagram\n  participant c\n  participant p1')).toBe(true);
    expect(text).toContain('  c->>p1: PREPARE');
    expect(text).toContain('  Note over p1: log PREPARED');
    expect(text).toContain('  Note over c: crashed');
    const stale = decodeRun('two-phase-commit~coordinator-crash-after-prepare~3~~d1', protocols);
    expect(stale).toMatchObject({ ok: false, error: 'step 1 (d1): message 1 is not in flight' });
  });
});

describe('symmetry reduction', () => {
  const unsafe = p.flags.filter((f) => f.unsafe).map((f) => f.name);
  for (const s of p.scenarios) {
    for (const flag of [null, ...unsafe]) {
      it(`${s.id}${flag ? ` with ${flag}` : ''}: same violations as without it, fewer worlds, real counterexamples`, () => {
        const cfg = { size: 2, flags: flags(flag ? { [flag]: true } : {}) };
        const full = explore(p, s, { config: cfg, symmetry: false });
        const reduced = explore(p, s, { config: cfg });
        expect(full.complete && reduced.complete).toBe(true);
        // Two participants are interchangeable only where nothing sets them apart from the start.
        if (s.id === 'all-vote-yes') expect(reduced.worlds).toBeLessThan(full.worlds);
        else expect(reduced.worlds).toBeLessThanOrEqual(full.worlds);
        expect(reduced.depth).toBe(full.depth);
        expect(reduced.violations.map((v) => v.invariant).sort()).toEqual(full.violations.map((v) => v.invariant).sort());
        for (const v of reduced.violations) {
          // Still shortest: symmetry keeps BFS levels.
          expect(v.choices.length).toBe(full.violations.find((x) => x.invariant === v.invariant)!.choices.length);
          const replay = applyChoices(p, cfg, startWorld(p, s, cfg), v.choices);
          expect(replay.error).toBeUndefined();
          const result = checkInvariants(p, cfg, replay.world, v.choices).find((x) => x.name === v.invariant)!;
          expect(result.holds).toBe(false);
          expect(result.message).toBe(v.message);
        }
      }, 60_000);
    }
  }

  it('groups participants by scenario data', () => {
    const s = scenario('one-votes-no');
    expect(p.symmetry!(s.config, s.data)).toEqual([['p1', 'p3'], ['p2']]);
    expect(p.symmetry!({ size: 4, flags: flags() }, undefined)).toEqual([['p1', 'p2', 'p3', 'p4'], []]);
  });
});

describe('symmetric world key', () => {
  it('is equal for worlds that differ only by renaming participants, and only then', async () => {
    const { createSymmetricKey, validGroups } = await import('../kernel/symmetry.ts');
    const { worldKey } = await import('../kernel/index.ts');
    const s = scenario('all-vote-yes');
    const cfg = s.config;
    const w0 = startWorld(p, s, cfg);
    const key = createSymmetricKey(w0, validGroups(w0, p.symmetry!(cfg, s.data)));
    const d = (w: World, to: string) => step(p, cfg, w, { kind: 'deliver', id: w.inFlight.find((m) => m.to === to)!.id });
    const a = d(d(w0, 'p1'), 'c'); // p1 voted, c counted p1's vote
    const b = d(d(w0, 'p3'), 'c');
    expect(worldKey(a)).not.toBe(worldKey(b));
    expect(key(a)).toBe(key(b));
    const c = d(d(w0, 'p1'), 'p3'); // two votes in flight: not a renaming of a
    expect(key(c)).not.toBe(key(a));
    expect(() => validGroups(w0, [['c', 'p1']])).toThrow(/mixes roles/);
  });
});

describe('a cap on faults of all kinds together', () => {
  const s = scenario('coordinator-crash-after-commit');
  const cfg = { size: 2, flags: flags() };
  const count = (budget: { crash: number; drop: number }, maxFaults?: number) =>
    explore(p, s, { config: cfg, budget: { ...budget, duplicate: 0, partition: 0 }, maxFaults, symmetry: false }).worlds;

  it('explores exactly the worlds reachable with one crash or one drop, never both', () => {
    // Worlds with at most one fault = (crash only) ∪ (drop only); the fault-free ones are in both.
    const capped = count({ crash: 1, drop: 1 }, 1);
    expect(capped).toBe(count({ crash: 1, drop: 0 }) + count({ crash: 0, drop: 1 }) - count({ crash: 0, drop: 0 }));
    expect(capped).toBeLessThan(count({ crash: 1, drop: 1 }));
    expect(count({ crash: 1, drop: 1 }, 0)).toBe(count({ crash: 0, drop: 0 }));
  });

  it('reports counterexamples that stay within the cap', () => {
    const unsafe = { ...cfg, flags: flags({ sendBeforeLog: true }) };
    const r = explore(p, s, { config: unsafe, budget: { crash: 1, drop: 2, duplicate: 0, partition: 0 }, maxFaults: 1 });
    const v = r.violations.find((x) => x.invariant === 'atomicity');
    expect(v).toBeDefined();
    expect(v!.choices.filter(isFaultChoice).length).toBeLessThanOrEqual(1);
  });
});
