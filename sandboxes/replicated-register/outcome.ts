/**
 * How a replicated-register run ended, in one line, once every client operation has been issued
 * and answered and the replicas agree: what they hold, and how many operations failed or stayed
 * open. Null while something can still change. Pure.
 */
import type { Protocol, World } from '../kernel/types.ts';
import { operations, replicaIds } from './history.ts';
import { registerOf } from './logic.ts';
import { showVersion } from './version.ts';

export const outcome: NonNullable<Protocol['outcome']> = (world: World) => {
  if (world.pendingRequests.length || world.inFlight.length) return null;
  const ops = operations(world);
  if (ops.some((o) => o.completedAt === null)) return null;
  const regs = replicaIds(world).map((id) => registerOf(world.nodes[id].store));
  const same = regs.every((r) => r.version[0] === regs[0].version[0] && r.version[1] === regs[0].version[1]);
  const failed = ops.filter((o) => o.outcome !== 'ok').length;
  const tail = failed ? `; ${failed} of ${ops.length} operations did not succeed` : `; all ${ops.length} operations succeeded`;
  if (!same) return null;
  return `all replicas hold ${regs[0].value === null ? 'nothing' : String(regs[0].value)} (${showVersion(regs[0].version)})${tail}`;
};
