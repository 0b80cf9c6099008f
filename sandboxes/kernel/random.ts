/**
 * A seeded random scheduler: plays a run by picking choices with a PRNG kept as data, preferring
 * non-fault choices. Same seed, same run. Never uses Math.random.
 */
import { nextRandom } from './rng.ts';
import { applyChoice, choices, isFaultChoice, startWorld } from './step.ts';
import type { Run } from './api-types.ts';
import type { Config, Protocol, Scenario } from './types.ts';

/**
 * Play up to `maxSteps` choices from the scenario's start. With probability `faultWeight`
 * (default 0.1) a fault is picked when one is available, otherwise a non-fault choice.
 */
export function randomRun(
  protocol: Protocol,
  scenario: Scenario,
  options: { seed: number; maxSteps: number; faultWeight?: number; config?: Config },
): Run {
  const config = options.config ?? scenario.config;
  const faultWeight = options.faultWeight ?? 0.1;
  let world = { ...startWorld(protocol, scenario, config), rng: options.seed | 0 };
  const picked = [];
  for (let i = 0; i < options.maxSteps; i++) {
    const all = choices(protocol, config, world);
    if (!all.length) break;
    const faults = all.filter(isFaultChoice);
    const calm = all.filter((c) => !isFaultChoice(c));
    let r = nextRandom(world.rng);
    const useFault = faults.length > 0 && (calm.length === 0 || r.value < faultWeight);
    const pool = useFault ? faults : calm;
    r = nextRandom(r.state);
    const choice = pool[Math.floor(r.value * pool.length)];
    world = { ...applyChoice(protocol, config, world, choice), rng: r.state };
    picked.push(choice);
  }
  return { protocol: protocol.id, scenario: scenario.id, config, choices: picked };
}
