/**
 * Goals: a scenario's "try this" prompts as checks that tick themselves. Each prompt's solution
 * (`Scenario.solutions`) says what the reader should see when it is done: node states, a broken
 * invariant (or a present observation), and the flags it needs. The same data is the goal's
 * predicate here and the replayed proof in the protocol's tests, so a goal the player shows can
 * always be reached. Pure.
 */
import { checkInvariants } from './check.ts';
import { choiceToToken } from './tokens.ts';
import { stateIdOf } from './node.ts';
import type { Choice, Config, Protocol, Scenario, ScenarioSolution, World } from './types.ts';

/** True when the world (reached by `path` since the scenario's start) shows what the solution expects. */
export function goalMet(protocol: Protocol, config: Config, world: World, path: Choice[], solution: ScenarioSolution): boolean {
  for (const [flag, value] of Object.entries(solution.flags ?? {})) if ((config.flags[flag] ?? false) !== value) return false;
  for (const [param, value] of Object.entries(solution.params ?? {})) {
    const spec = protocol.params?.find((p) => p.name === param);
    if ((config.params?.[param] ?? spec?.default) !== value) return false;
  }
  for (const [node, state] of Object.entries(solution.expect.states ?? {})) {
    const n = world.nodes[node];
    if (!n) return false;
    const now = n.up ? stateIdOf(n.snapshot) : null;
    if (now !== state) return false;
  }
  if (solution.expect.took?.length) {
    const tokens = new Set(path.map(choiceToToken));
    if (!solution.expect.took.every((t) => tokens.has(t))) return false;
  }
  if (solution.expect.breaks) {
    const r = checkInvariants(protocol, config, world, path).find((x) => x.name === solution.expect.breaks);
    if (!r || r.holds) return false;
  }
  return true;
}

/** Which of the scenario's prompts are met by this world, by prompt index. */
export function goalsMet(protocol: Protocol, scenario: Scenario, config: Config, world: World, path: Choice[]): boolean[] {
  return scenario.tryThis.map((_, i) => {
    const sol = scenario.solutions?.find((x) => x.prompt === i);
    return sol ? goalMet(protocol, config, world, path, sol) : false;
  });
}
