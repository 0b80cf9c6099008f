/**
 * How an outbox run ended, in one line, once nothing is in flight and every request is issued
 * (later steps can then only be faults or idle timers). Null while the run is still moving.
 */
import type { Protocol, World } from '../kernel/types.ts';
import { applications, committedIds } from './ghost.ts';
import { eventWords, list } from './read.ts';

/** What went wrong at one consumer, in clauses. */
function faults(c: string, committed: string[], applied: { id: string }[]): string[] {
  const ids = new Set(applied.map((a) => a.id));
  const lost = committed.filter((id) => !ids.has(id));
  const phantom = [...ids].filter((id) => !committed.includes(id));
  const twice = applied.length - ids.size;
  const parts: string[] = [];
  if (lost.length) parts.push(`${list(lost.map(eventWords))} committed but never took effect at ${c}`);
  if (phantom.length) parts.push(`${c} acted on ${list(phantom.map(eventWords))}, which never committed`);
  if (twice) parts.push(`${c} applied ${twice} event${twice > 1 ? 's' : ''} twice`);
  return parts;
}

export const outcome: NonNullable<Protocol['outcome']> = (world: World) => {
  if (world.inFlight.length || world.pendingRequests.length || world.timers.some((t) => t.node !== 'relay')) return null;
  const committed = committedIds(world.nodes.orders.store);
  const consumers = ['payment', 'notify'].filter((c) => world.nodes[c]);
  const parts = consumers.flatMap((c) => faults(c, committed, applications(world.nodes[c].store)));
  if (parts.length) return parts.join('; ');
  return committed.length ? `every committed event took effect once at ${list(consumers)} (${list(committed.map(eventWords))})` : null;
};
