/**
 * The outbox sandbox's ghost state: what actually happened, for the invariants to judge. Derived
 * from log appends only, never from a node's memory or scenario data. Machines never read it.
 *
 * `committed <id>`: the order service's transaction carrying that event committed.
 * `applied <id> #<n>` (payment, notify): the consumer applied that event's effect as its n-th effect; numbering
 * keeps a second application of one event a separate record (the audit is a set).
 */
import type { Protocol } from '../kernel/types.ts';

export const ghost: NonNullable<Protocol['ghost']> = (_node, role, cause) => {
  if (cause.kind !== 'append') return null;
  const r = cause.record as { type?: string; id?: string; n?: number };
  if (role === 'orders' && r.type === 'COMMIT') return `committed ${r.id}`;
  if ((role === 'payment' || role === 'notify') && r.type === 'APPLIED') return `applied ${r.id} #${r.n}`;
  return null;
};

/** Parsed ghost records of a world's node. */
export function audit(store: unknown): string[] {
  const a = (store as { audit?: unknown } | null)?.audit;
  return Array.isArray(a) ? (a as string[]) : [];
}

/** Event ids whose transaction committed, in id order. */
export function committedIds(store: unknown): string[] {
  return audit(store).flatMap((g) => (g.startsWith('committed ') ? [g.slice('committed '.length)] : []));
}

/** The consumer's applications, in the order it applied them. */
export function applications(store: unknown): { id: string; n: number }[] {
  return audit(store)
    .flatMap((g) => {
      const m = /^applied (\S+) #(\d+)$/.exec(g);
      return m ? [{ id: m[1], n: Number(m[2]) }] : [];
    })
    .sort((a, b) => a.n - b.n);
}
