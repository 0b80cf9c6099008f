/**
 * Reading a replicated-register world for words and checks: a node's state and context, the
 * register a replica holds, a list in prose. Shared by narration, the outcome line and the
 * protocol's request rules. Pure.
 */
import type { NodeRecord, World } from '../kernel/types.ts';
import type { ClientContext } from './client.ts';
import type { ReplicaContext } from './logic.ts';
import { registerOf } from './logic.ts';
import { showVersion } from './version.ts';

/** The node's machine state, or null while it is down. */
export function stateOf(n: NodeRecord | undefined): string | null {
  const s = n?.snapshot as { value?: unknown } | null | undefined;
  return n?.up && s && typeof s.value === 'string' ? s.value : null;
}

export function replicaCtx(n: NodeRecord | undefined): ReplicaContext | null {
  return n?.up ? ((n.snapshot as { context?: ReplicaContext } | null)?.context ?? null) : null;
}

export function clientCtx(n: NodeRecord | undefined): ClientContext | null {
  return n?.up ? ((n.snapshot as { context?: ClientContext } | null)?.context ?? null) : null;
}

/** "1 (v2.1)" for what a replica holds durably. */
export function held(world: World, id: string): string {
  const r = registerOf(world.nodes[id].store);
  return `${r.value === null ? 'nothing' : String(r.value)} (${showVersion(r.version)})`;
}

/** "r1", "r1 and r2", "r1, r2 and r3". */
export function list(items: string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
