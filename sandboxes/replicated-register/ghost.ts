/**
 * The replicated register's ghost state: what replicas actually did that the invariants judge and
 * no world field shows for long. A refusal (NOT_LEADER sent to a client) is recorded, so the CAP
 * availability check can tell "answered with an error" from "answered". Client histories need no
 * ghost: clients keep them in their durable logs. Machines never read these records.
 */
import type { Protocol } from '../kernel/types.ts';

export const refused = (client: string): string => `refused ${client}`;

export const ghost: NonNullable<Protocol['ghost']> = (_node, role, cause) => {
  if (role === 'replica' && cause.kind === 'send' && (cause.type === 'NOT_LEADER' || cause.type === 'SESSION_LOST')) return refused(cause.to);
  return null;
};
