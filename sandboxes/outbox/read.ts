/**
 * Reading an outbox world for words and checks: a node's state and context, event ids in prose.
 * Shared by invariants, narration and the outcome line. Pure.
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

/** `o1-created` → "OrderCreated for o1". */
export function eventWords(id: string): string {
  const [order, kind] = id.split('-');
  return `${kind === 'created' ? 'OrderCreated' : 'OrderCancelled'} for ${order}`;
}

/** "a", "a and b", "a, b and c". */
export function list(items: string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
