/**
 * Test helpers every protocol's tests share (imported only by `*.test.ts` files): the check that
 * an unsafe variant or a mutant is caught (explore, find the named invariant's violation, and prove
 * it real: the run replays from the start to a world where the invariant fails with the same
 * sentence, and a liveness trap's loop comes back to that world), the replay of every scenario's
 * solutions, and a run's narration. Not for app code.
 */
import { expect } from 'vitest';
import { applyChoice, applyChoices, choices, startWorld, stepWithTrace } from './step.ts';
import { checkInvariants } from './check.ts';
import { explore, worldKey } from './explore.ts';
import { goalsMet } from './goals.ts';
import { tokenToChoice } from './tokens.ts';
import { viewNodes } from './view.ts';
import { narrate } from './describe.ts';
import { obsoleteProblems } from './obsolete.ts';
import { randomRun } from './random.ts';
import type { ExploreOptions, ExploreResult, Violation } from './api-types.ts';
import type { Config, Protocol, Scenario, ScenarioSolution, World } from './types.ts';

export function expectCaught(
  proto: Protocol,
  s: Scenario,
  config: Config,
  invariant: string,
  options: ExploreOptions = {},
): { r: ExploreResult; v: Violation } {
  const r = explore(proto, s, { ...options, config });
  const v = r.violations.find((x) => x.invariant === invariant);
  expect(v, `violations: ${r.violations.map((x) => x.invariant).join(', ') || 'none'}`).toBeDefined();
  const replay = applyChoices(proto, config, startWorld(proto, s, config), v!.choices);
  expect(replay.error).toBeUndefined();
  const result = checkInvariants(proto, config, replay.world, [...v!.choices]).find((x) => x.name === invariant)!;
  expect(result.holds).toBe(false);
  expect(result.message).toBe(v!.message);
  if (v!.loop?.length) {
    const round = applyChoices(proto, config, replay.world, v!.loop);
    expect(round.error).toBeUndefined();
    expect(worldKey(round.world)).toBe(worldKey(replay.world));
  }
  return { r, v: v! };
}

/** A solution's configuration: the scenario's, with the flags the solution switches. */
export function solutionConfig(s: Scenario, sol: ScenarioSolution): Config {
  return { ...s.config, flags: { ...s.config.flags, ...sol.flags }, ...(s.config.params || sol.params ? { params: { ...s.config.params, ...sol.params } } : {}) };
}

/**
 * Every "try this" prompt is carried out by its solution: the run replays, the named nodes are in
 * the named states, the named invariant breaks, and the goal ticks only after the last step (the
 * goal is what the whole prompt does, not a prefix of it).
 */
export function expectSolutionsReplay(p: Protocol): void {
  for (const s of p.scenarios) {
    for (const sol of s.solutions ?? []) {
      const cfg = solutionConfig(s, sol);
      const path = sol.steps.map(tokenToChoice);
      const start = startWorld(p, s, cfg);
      const r = applyChoices(p, cfg, start, path);
      const at = `${s.id} prompt ${sol.prompt}`;
      expect(r.error, at).toBeUndefined();
      const states = Object.fromEntries(viewNodes(p, r.world).map((n) => [n.id, n.state]));
      for (const [node, state] of Object.entries(sol.expect.states ?? {})) expect(states[node], `${at}: ${node}`).toBe(state);
      if (sol.expect.breaks) {
        const res = checkInvariants(p, cfg, r.world, path).find((x) => x.name === sol.expect.breaks)!;
        expect(res.holds, `${at} breaks ${sol.expect.breaks}`).toBe(false);
      }
      let w = start;
      for (let i = 0; i < path.length; i++) {
        expect(goalsMet(p, s, cfg, w, path.slice(0, i))[sol.prompt], `${at} ticked after ${i} steps`).toBe(false);
        w = applyChoices(p, cfg, w, [path[i]]).world;
      }
      expect(goalsMet(p, s, cfg, r.world, path)[sol.prompt], `${at} ticks`).toBe(true);
    }
  }
}

/** The protocol's own sentence for each step of a run (each must exist and appear in the player's full narration). */
export function storyOf(p: Protocol, scenarioId: string, tokens: string[], flags: Record<string, boolean> = {}): string[] {
  const s = p.scenarios.find((x) => x.id === scenarioId)!;
  const cfg: Config = { ...s.config, flags: { ...s.config.flags, ...flags } };
  let w: World = startWorld(p, s, cfg);
  return tokens.map((t) => {
    const c = tokenToChoice(t);
    const { world, trace } = stepWithTrace(p, cfg, w, c);
    const line = p.narrate!(w, c, world, trace);
    expect(line, `${scenarioId} ${t}`).not.toBeNull();
    expect(narrate(p, w, c, world, cfg)).toContain(line!);
    w = world;
    return line!;
  });
}

/**
 * The protocol's obsolete-message promise (`Protocol.obsolete`, kernel/obsolete.ts) holds in every
 * world a breadth-first walk reaches (worlds told apart by obsolete messages too, up to
 * `maxWorlds`) and along seeded random runs that go deeper. Returns how many worlds held an
 * obsolete message, so a test can insist the rules are not vacuous.
 */
export function expectObsoleteSound(p: Protocol, s: Scenario, config: Config, options: { maxWorlds: number; runs?: number; maxSteps?: number }): number {
  let withDead = 0;
  const visit = (w: World, at: string) => {
    const problems = obsoleteProblems(p, config, w);
    expect(problems, `${s.id} ${at}`).toEqual([]);
    if (w.inFlight.some((m) => p.obsolete!(m, w))) withDead++;
  };
  const start = startWorld(p, s, config);
  const seen = new Set([worldKey(start)]);
  const queue = [start];
  for (let i = 0; i < queue.length && i < options.maxWorlds; i++) {
    visit(queue[i], `world ${i}`);
    for (const c of choices(p, config, queue[i])) {
      const next = applyChoice(p, config, queue[i], c);
      const k = worldKey(next);
      if (!seen.has(k) && seen.size < options.maxWorlds) {
        seen.add(k);
        queue.push(next);
      }
    }
  }
  for (let seed = 1; seed <= (options.runs ?? 0); seed++) {
    const run = randomRun(p, s, { seed, maxSteps: options.maxSteps ?? 60, config });
    let w = start;
    for (const c of run.choices) {
      w = applyChoice(p, config, w, c);
      visit(w, `random run ${seed}`);
    }
  }
  return withDead;
}
