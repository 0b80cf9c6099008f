/**
 * What CQRS with event sourcing promises, as named predicates over a world. They judge the durable,
 * append-only logs (the event stream, the read model's transaction log, the clients' results),
 * which crashes never erase, never a node's intentions. The four properties are the issue's and
 * the literature's (Young, "CQRS Documents"; Fowler, "Event Sourcing"; DDIA ch. 11): the business
 * rule holds in the stream, the read model converges to the fold of the stream, it never shows an
 * event twice or one the store lacks, and a client promised read-your-writes sees its own write.
 * Pure functions of the world.
 */
import type { Invariant, World } from '../kernel/types.ts';
import { foldStock } from './messages.ts';
import { clientLog, streamOf, viewApplied, viewRow } from './store.ts';

const CLIENTS = ['a', 'b'];

const eventsOf = (world: World) => streamOf(world.nodes.store.store);

const stockNeverNegative: Invariant = {
  name: 'stock-never-negative',
  title: 'Stock never negative',
  description: 'The business rule holds in the event stream: folding item 1’s events never takes its stock below zero.',
  kind: 'safety',
  check(world) {
    const events = eventsOf(world);
    for (let i = 1; i <= events.length; i++) {
      const stock = foldStock(events.slice(0, i).map((e) => e.event));
      if (stock < 0) {
        const by = events.slice(0, i).flatMap((e) => (e.event.type === 'ItemReserved' ? [e.event.by] : []));
        return `the stream holds ${by.length} ItemReserved (by ${by.join(', ')}) for ${by.length + stock} unit${by.length + stock === 1 ? '' : 's'}: stock ${stock} at position ${i}`;
      }
    }
    return null;
  },
};

const noPhantomOrDouble: Invariant = {
  name: 'no-phantom-or-double',
  title: 'No phantom or double-counted event',
  description: 'The read model never shows an event the event store does not hold, and never counts one twice.',
  kind: 'safety',
  check(world) {
    const stream = eventsOf(world);
    const seen = new Set<number>();
    for (const a of viewApplied(world.nodes.view.store)) {
      const held = stream[a.position - 1];
      if (!held || JSON.stringify(held.event) !== JSON.stringify(a.event)) return `the read model applied ${a.event.type} at position ${a.position}, which the event store does not hold`;
      if (seen.has(a.position)) return `the read model counted ${a.event.type} at position ${a.position} twice`;
      seen.add(a.position);
    }
    return null;
  },
};

const readModelConverges: Invariant = {
  name: 'read-model-converges',
  title: 'Read model converges',
  description: 'Once the projector catches up, the read model equals the fold of the event stream.',
  kind: 'liveness',
  check(world) {
    const events = eventsOf(world);
    const want = foldStock(events.map((e) => e.event));
    const row = viewRow(world.nodes.view.store);
    if (row.checkpoint === events.length && row.stock === want) return null;
    return `the stream folds to stock ${want} at position ${events.length}, but the read model stays at stock ${row.stock} as of position ${row.checkpoint}`;
  },
};

const readYourWrites: Invariant = {
  name: 'read-your-writes',
  title: 'Read your writes',
  description: 'For a client promised it: after its command succeeded, its next query reflects it.',
  kind: 'safety',
  check(world) {
    for (const c of CLIENTS) {
      let wrote = 0;
      for (const r of clientLog(world.nodes[c]?.store ?? null)) {
        if (r.type === 'RESERVED') wrote = r.position;
        if (r.type === 'READ' && r.position < wrote)
          return `${c}’s reservation is at position ${wrote}, but its next query read the read model at position ${r.position} (stock ${r.stock}): its own write is missing`;
      }
    }
    return null;
  },
};

/** Safety first, then liveness. */
export const invariants: Invariant[] = [stockNeverNegative, noPhantomOrDouble, readYourWrites, readModelConverges];
