/**
 * One line on how a CQRS run ended, once nothing is in flight and the projection has caught up (or
 * never will without another step). Pure.
 */
import type { World } from '../kernel/types.ts';
import { foldStock } from './messages.ts';
import { streamOf, viewRow } from './store.ts';

export function outcome(world: World): string | null {
  if (world.inFlight.length || world.pendingRequests.length || world.timers.length) return null;
  if (Object.values(world.nodes).some((n) => !n.up)) return null;
  const events = streamOf(world.nodes.store.store);
  const stock = foldStock(events.map((e) => e.event));
  const row = viewRow(world.nodes.view.store);
  const reserved = events.filter((e) => e.event.type === 'ItemReserved').length;
  const agree = row.checkpoint === events.length && row.stock === stock;
  return `${reserved} reserved, stream at position ${events.length} (stock ${stock}); the read model ${agree ? 'agrees' : `shows stock ${row.stock} at position ${row.checkpoint}`}`;
}
