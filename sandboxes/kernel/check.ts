/**
 * Evaluating a protocol's invariants on a world, and deciding whether a world is quiescent.
 *
 * Liveness invariants only mean something where nothing but faults can happen next, so they are
 * reported as holding everywhere else. Must stay pure.
 */
import { choices, isFaultChoice } from './step.ts';
import type { InvariantResult } from './api-types.ts';
import type { Config, Protocol, World } from './types.ts';

/** True when no choice but a fault (drop, duplicate, crash, partition) remains. */
export function quiescent(protocol: Protocol, config: Config, world: World): boolean {
  return choices(protocol, config, world).every(isFaultChoice);
}

/** Every invariant of the protocol on this world, in the protocol's order. */
export function checkInvariants(protocol: Protocol, config: Config, world: World): InvariantResult[] {
  let q: boolean | null = null;
  return protocol.invariants.map((inv) => {
    let message: string | null = null;
    if (inv.kind === 'liveness') {
      if (q === null) q = quiescent(protocol, config, world);
      if (q) message = inv.check(world, config);
    } else {
      message = inv.check(world, config);
    }
    return { name: inv.name, title: inv.title, kind: inv.kind, holds: message === null, message };
  });
}
