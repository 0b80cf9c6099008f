/**
 * The saga's ghost state: what each service actually did, from its effects, as short strings the
 * kernel keeps in `audit` where crashes never erase them and machines never look. The order
 * service's outcomes (placed, approved, rejected) are recorded when written, even lazily, since
 * an order others already act on was placed whether or not the record survives. Participants'
 * ledgers are forced and append-only, so invariants may also count their records directly.
 */
import type { Protocol } from '../kernel/types.ts';

export const ghost: NonNullable<Protocol['ghost']> = (_node, role, cause) => {
  if (cause.kind !== 'append') return null;
  const r = cause.record as { type?: string; order?: string };
  if (role === 'order') {
    if (r.type === 'PENDING') return `${r.order} placed`;
    if (r.type === 'APPROVED') return `${r.order} approved`;
    if (r.type === 'REJECTED' || r.type === 'CANCELLED') return `${r.order} rejected`;
    return null;
  }
  if (r.type === 'RESERVED') return `${r.order} reserved`;
  if (r.type === 'RELEASED') return `${r.order} released`;
  if (r.type === 'TOMBSTONE') return `${r.order} cancelled before reserving`;
  return null;
};
