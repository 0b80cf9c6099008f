/**
 * Test helpers every protocol's tests share (imported only by `*.test.ts` files): the check that
 * an unsafe variant or a mutant is caught. Explores, finds the named invariant's violation, and
 * proves it is real: the run replays from the start to a world where the invariant fails with the
 * same sentence, and a liveness trap's loop comes back to that world. Not for app code.
 */
import { expect } from 'vitest';
import { applyChoices, startWorld } from './step.ts';
import { checkInvariants } from './check.ts';
import { explore, worldKey } from './explore.ts';
import type { ExploreOptions, ExploreResult, Violation } from './api-types.ts';
import type { Config, Protocol, Scenario } from './types.ts';

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
