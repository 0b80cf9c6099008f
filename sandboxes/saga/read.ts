/**
 * Reading a saga world for checks and words: node states, the orders in play, what each service
 * holds for an order, and an order's status as the order service's log says. Pure.
 */
import type { NodeRecord, World } from '../kernel/types.ts';
import { INVENTORY, ORDER, ORDER_IDS, PAYMENT } from './data.ts';
import { ledgerOf, recordsOf } from './ledger.ts';
import { sagasOf, type Saga } from './saga-log.ts';

/** The node's machine state, or null while it is down. */
export function stateOf(n: NodeRecord | undefined): string | null {
  const s = n?.snapshot as { value?: unknown } | null | undefined;
  return n?.up && s && typeof s.value === 'string' ? s.value : null;
}

/** The node's ghost records. */
export function audit(n: NodeRecord | undefined): string[] {
  const a = (n?.store as { audit?: string[] } | null)?.audit;
  return Array.isArray(a) ? a : [];
}

/** Orders some service has acted on: placed at the order service, or in a participant's ledger. */
export function ordersInPlay(world: World): string[] {
  const placed = audit(world.nodes[ORDER]);
  const touched = [PAYMENT, INVENTORY].flatMap((id) => recordsOf(world.nodes[id]?.store ?? null).map((r) => r.order));
  return ORDER_IDS.filter((o) => placed.includes(`${o} placed`) || touched.includes(o));
}

/** Credit payment holds for an order now. */
export const creditHeld = (world: World, o: string): number => ledgerOf(world.nodes[PAYMENT]?.store ?? null).held[o] ?? 0;

/** Items inventory holds for an order now. */
export const stockHeld = (world: World, o: string): number => ledgerOf(world.nodes[INVENTORY]?.store ?? null).held[o] ?? 0;

/** The order's saga as the order service's log says (lazy records included until a crash drops them). */
export const sagaIn = (world: World, o: string): Saga | undefined => sagasOf(world.nodes[ORDER]?.store ?? null)[o];

/** Nothing left to happen but faults: no mail, no armed timer, every service up. */
export function atRest(world: World): boolean {
  return world.inFlight.length === 0 && world.timers.length === 0 && Object.values(world.nodes).every((n) => n.up);
}

/** "o1", "o1 and o2". */
export function list(items: string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
