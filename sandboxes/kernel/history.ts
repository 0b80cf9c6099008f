/**
 * Client histories on a run's step axis: `Protocol.history` reads operations off one world with
 * times on the world's logical clock (`World.clock`, advanced by stamped log records); the player
 * draws them on the same cursor as the sequence chart, so this maps each time to the index of the
 * world (0 = the run's root, i = after i choices) in which it happened. Pure.
 */
import { applyChoice } from './step.ts';
import type { Choice, ClientOperation, Config, Protocol, World } from './types.ts';

/** A client operation with the step indices of its invoke and response (null: none yet). */
export type StepOperation = ClientOperation & { invokedStep: number; completedStep: number | null };

/**
 * The clients' operations at the end of `steps` (applied from `root`, which must be legal: the
 * player's timeline), each placed on the step axis. Empty when the protocol exposes no history.
 */
export function historySteps(protocol: Protocol, config: Config, root: World, steps: Choice[]): StepOperation[] {
  if (!protocol.history) return [];
  const clocks = [root.clock ?? 0];
  let w = root;
  for (const c of steps) {
    w = applyChoice(protocol, config, w, c);
    clocks.push(w.clock ?? 0);
  }
  // The world in which time t was stamped: the first whose clock has passed t.
  const stepOf = (t: number): number => {
    for (let i = 0; i < clocks.length; i++) if (clocks[i] > t) return i;
    return clocks.length - 1;
  };
  return protocol.history(w).map((op) => ({
    ...op,
    invokedStep: stepOf(op.invokedAt),
    completedStep: op.completedAt === null ? null : stepOf(op.completedAt),
  }));
}
