/**
 * Reading a CQRS world for words and checks: a node's state and context. Shared by invariants,
 * narration, the outcome line and index.ts's timing rules. Pure.
 */
import type { Json, NodeRecord } from '../kernel/types.ts';

/** The node's machine state, or null while it is down. */
export function stateOf(n: NodeRecord | undefined): string | null {
  const s = n?.snapshot as { value?: unknown } | null | undefined;
  return n?.up && s && typeof s.value === 'string' ? s.value : null;
}

/** The node's machine context (empty while down). */
export function ctxOf(n: NodeRecord | undefined): { [k: string]: Json } {
  return ((n?.up ? (n.snapshot as { context?: { [k: string]: Json } } | null)?.context : null) ?? {}) as { [k: string]: Json };
}

/** "1 event", "2 events". */
export const count = (n: number, what: string): string => `${n} ${what}${n === 1 ? '' : 's'}`;
