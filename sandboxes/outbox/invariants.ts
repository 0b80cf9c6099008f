/**
 * What the transactional outbox promises, as named predicates over a world, judged on ghost state
 * (ghost.ts): what the order service committed and what the consumer applied, which crashes never
 * erase. The four properties are the ones the literature names (Richardson's outbox and idempotent
 * consumer patterns; DDIA ch. 11 on dual writes and ordering): nothing lost, nothing invented,
 * effects once, per-aggregate order. Pure functions of the world.
 */
import type { Invariant, World } from '../kernel/types.ts';
import { applications, committedIds } from './ghost.ts';
import { ctxOf, eventWords, list, stateOf } from './read.ts';

const ORDERS = 'orders';
const CONSUMERS = ['payment', 'notify'];

const consumers = (world: World) => CONSUMERS.filter((id) => world.nodes[id]);

/** Events the order service still holds in an open transaction (publish first, not committed yet). */
function openIds(world: World): string[] {
  const o = world.nodes[ORDERS];
  if (stateOf(o) !== 'committing') return [];
  const pending = ctxOf(o).pending as { id: string }[] | undefined;
  return (pending ?? []).map((r) => r.id);
}

const noLostEvent: Invariant = {
  name: 'no-lost-event',
  title: 'No lost event',
  description: 'Once messages drain, every committed order’s event has taken effect at every consumer.',
  kind: 'liveness',
  check(world) {
    const committed = committedIds(world.nodes[ORDERS].store);
    for (const c of consumers(world)) {
      const applied = new Set(applications(world.nodes[c].store).map((a) => a.id));
      const missing = committed.filter((id) => !applied.has(id));
      if (missing.length) return `${list(missing.map(eventWords))} committed, but ${c} never applies ${missing.length > 1 ? 'them' : 'it'}`;
    }
    return null;
  },
};

// An event whose transaction is still open (publish first, commit pending) is not judged yet: it
// becomes a phantom once that transaction can no longer commit (the service crashed, and the
// database rolled it back). This is the failure the literature names: "publish, then the commit
// fails" (REFERENCES §3b trap 2, §3c.2).
const noPhantomEvent: Invariant = {
  name: 'no-phantom-event',
  title: 'No phantom event',
  description: 'No consumer acts on an order whose transaction did not commit.',
  kind: 'safety',
  check(world) {
    const committed = new Set(committedIds(world.nodes[ORDERS].store));
    const open = new Set(openIds(world));
    for (const c of consumers(world)) {
      const phantom = applications(world.nodes[c].store).find((a) => !committed.has(a.id) && !open.has(a.id));
      if (phantom) return `${c} applied ${eventWords(phantom.id)}, but that transaction never committed at orders`;
    }
    return null;
  },
};

const effectivelyOnce: Invariant = {
  name: 'effectively-once',
  title: 'Effectively once',
  description: 'No consumer applies one event’s effect twice.',
  kind: 'safety',
  check(world) {
    for (const c of consumers(world)) {
      const seen = new Map<string, number>();
      for (const a of applications(world.nodes[c].store)) {
        const first = seen.get(a.id);
        if (first !== undefined) return `${c} applied ${eventWords(a.id)} twice (effects #${first} and #${a.n})`;
        seen.set(a.id, a.n);
      }
    }
    return null;
  },
};

const perOrderOrder: Invariant = {
  name: 'per-order-order',
  title: 'Per-order ordering',
  description: 'A consumer never applies OrderCancelled before OrderCreated for the same order.',
  kind: 'safety',
  check(world) {
    for (const c of consumers(world)) {
      const done = new Set<string>();
      for (const a of applications(world.nodes[c].store)) {
        const [order, kind] = a.id.split('-');
        if (kind === 'cancelled' && !done.has(`${order}-created`)) return `${c} applied OrderCancelled for ${order} before OrderCreated`;
        done.add(a.id);
      }
    }
    return null;
  },
};

const eventInMemory: Invariant = {
  name: 'event-in-memory',
  title: 'Event only in memory',
  description: 'Under dual write, an event the database does not hold: committed but not yet published, or published but not yet committed.',
  kind: 'observation',
  check(world) {
    const o = world.nodes[ORDERS];
    const pending = ((ctxOf(o).pending as { id: string }[] | undefined) ?? []).map((r) => eventWords(r.id));
    if (!pending.length) return null;
    const state = stateOf(o);
    if (state === 'publishing') return `${list(pending)} committed, but held only in orders’ memory until it is published: a crash now loses it`;
    if (state === 'committing') return `${list(pending)} published, but its transaction is still open: a crash now makes it a phantom`;
    return null;
  },
};

/** Safety first, then the observation and liveness. */
export const invariants: Invariant[] = [noPhantomEvent, effectivelyOnce, perOrderOrder, eventInMemory, noLostEvent];
