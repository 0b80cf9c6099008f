/**
 * How a saga run ended, in one line for the player, once every placed order has ended and the
 * system is at rest. Null while something can still change it.
 */
import type { Protocol, World } from '../kernel/types.ts';
import { atRest, creditHeld, ordersInPlay, sagaIn, stockHeld } from './read.ts';

export const outcome: NonNullable<Protocol['outcome']> = (world: World) => {
  const orders = ordersInPlay(world);
  if (!orders.length || !atRest(world)) return null;
  const parts = orders.map((o) => {
    const s = sagaIn(world, o);
    if (!s) return `${o} lost by the order service`;
    if (s.step !== 'done') return `${o} stuck ${s.status}`;
    const held = [creditHeld(world, o) ? 'credit' : '', stockHeld(world, o) ? 'stock' : ''].filter(Boolean).join(' and ');
    return `${o} ${s.status}${held ? ` (holding ${held})` : ''}`;
  });
  return parts.join('; ');
};
