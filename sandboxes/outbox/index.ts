/**
 * The transactional outbox as a Protocol: the only import point for this folder.
 *
 * Nodes, in pipeline order: `orders` (the order service and its database), `relay` (the message
 * relay), `broker` (the partitioned log) and `payment` (a consumer with its own store); with the
 * `notify` flag, a second consumer `notify` (a notification service) after it. Size is the
 * number of orders; each gets a `create-oN` request, and scenario data `cancel: true` adds
 * `cancel-o1` right after `create-o1`. Requests go to `orders`, in the scenario's order.
 */
import { createWorld } from '../kernel/world.ts';
import type { Config, FaultBudget, Json, Protocol, Timer, World } from '../kernel/types.ts';
import { orders } from './orders.ts';
import { relay } from './relay.ts';
import { broker } from './broker.ts';
import { payment } from './payment.ts';
import { flags } from './flags.ts';
import { ghost } from './ghost.ts';
import { invariants } from './invariants.ts';
import { narrate } from './narrate.ts';
import { outcome } from './outcome.ts';
import { scenarios } from './scenarios.ts';
import { committedOffsets, outboxRows, partitionLogs, savedPosition, unsentRows } from './store.ts';

/** The scenario's requests: create each order; with scenario data `cancel`, cancel o1 right after creating it. */
export function requestsFor(config: Config, data?: { [key: string]: Json }): string[] {
  const creates = Array.from({ length: config.size }, (_, i) => `create-o${i + 1}`);
  return data?.cancel === true ? [creates[0], 'cancel-o1', ...creates.slice(1)] : creates;
}

/** The consumers, in world order; `notify` exists only with the `notify` flag. */
const CONSUMERS = ['payment', 'notify'];

// The notification service runs the consumer machine too: it differs only in what its effect means.
const notify = payment;

function init(config: Config, budget: FaultBudget, data?: { [key: string]: Json }): World {
  const ids = config.flags.notify === true ? ['orders', 'relay', 'broker', 'payment', 'notify'] : ['orders', 'relay', 'broker', 'payment'];
  const nodes = ids.map((id) => ({ id, role: id, store: { log: [] } }));
  return createWorld({ orders, relay, broker, payment, notify }, config, budget, nodes, requestsFor(config, data), ghost);
}

/** Requests one at a time, in the scenario's order (a cancel needs its order created first). */
function requestBlocked(request: string, world: World): string | null {
  const first = world.pendingRequests[0];
  return first === request ? null : `orders takes requests in order: ${first} comes first`;
}

const talks = (world: World, a: string, b: string) => world.inFlight.some((m) => (m.from === a && m.to === b) || (m.from === b && m.to === a));

/**
 * The scenarios' timing (every one is `after-delivery`): a timeout means something was lost. The
 * relay polls again only when its last query, publish or mark is no longer on its way and the
 * database holds something it has not published (an empty poll changes nothing); the broker
 * redelivers only when no delivery or offset commit is on its way, the consumer is not busy with
 * what it was given, and a record is uncommitted.
 */
function timerBlocked(timer: Timer, world: World): string | null {
  if (timer.node === 'relay' && timer.name === 'poll') {
    if (world.inFlight.some((m) => m.from === 'relay' || m.to === 'relay')) return 'the relay is still waiting for an answer';
    const db = world.nodes.orders.store;
    const tailing = (world.nodes.relay.snapshot as { context?: { logTailing?: boolean } } | null)?.context?.logTailing === true;
    const fresh = tailing ? outboxRows(db).some((r) => r.lsn > savedPosition(world.nodes.relay.store)) : unsentRows(db).length > 0;
    return fresh ? null : 'nothing new to publish in the outbox';
  }
  if (timer.node === 'broker' && timer.name === 'redeliver') {
    const consumers = CONSUMERS.filter((c) => world.nodes[c]);
    if (consumers.some((c) => talks(world, 'broker', c))) return 'a delivery or an offset commit is still on its way';
    const busy = consumers.find((c) => world.nodes[c].up && ((world.nodes[c].snapshot as { context?: { held?: unknown[] } } | null)?.context?.held ?? []).length);
    if (busy) return `${busy} is still processing what it was given`;
    const logs = partitionLogs(world.nodes.broker.store);
    const behind = consumers.some((c) => {
      const offsets = committedOffsets(world.nodes.broker.store, c);
      return logs.some((l, p) => l.length > offsets[p]);
    });
    return behind ? null : 'every record is committed';
  }
  return null;
}

/** What a reader can reason about in each node's memory. */
function memory(role: string, context: Json): Json {
  const c = context as { [k: string]: Json };
  if (role === 'orders') return { pending: c.pending, sent: c.sent };
  if (role === 'relay') return { queue: c.queue, position: c.position };
  if (role === 'broker') return { committed: c.committed, outstanding: c.outstanding };
  return { inbox: c.inbox, held: c.held };
}

const CONSUMER_STATES = {
  idle: 'waiting for records',
  applied: 'processed (offset not committed: at-least-once)',
  offsetCommitted: 'acknowledged (offset committed before processing: at-most-once)',
};

export const outbox: Protocol = {
  id: 'outbox',
  title: 'Transactional outbox',
  machines: { orders, relay, broker, payment, notify },
  flags,
  sizes: { min: 1, max: 2, default: 1 },
  sizeLabel: 'Orders',
  invariants,
  scenarios,
  init,
  requestTarget: () => 'orders',
  requestLabel: (r) => (r.startsWith('cancel-') ? `A customer cancels order ${r.slice(7)}` : `A customer places order ${r.slice(7)}`),
  requestBlocked,
  timerBlocked,
  ghost,
  narrate,
  outcome,
  memory,
  topology: { kind: 'pipeline' },
  flagGuards: { dualWrite: 'dualWrite', publishFirst: 'publishFirst', commitOffsetFirst: 'commitOffsetFirst' },
  guardLabels: {
    lastPending: 'last event acknowledged',
    noRows: 'nothing unsent',
    ackForQueued: 'ack for the row in flight',
    lastRow: 'last row acknowledged',
  },
  // Textbook names: Richardson's patterns, and Kafka's delivery semantics for the consumer.
  stateNames: {
    orders: { ready: 'accepting orders', publishing: 'committed (not yet published: dual write)', committing: 'published (not yet committed: dual write)' },
    relay: { idle: 'waiting to poll', polling: 'querying the outbox (polling publisher) or reading the log (log tailing)', publishing: 'published, awaiting PUBLISH_ACK' },
    broker: { serving: 'partition leader (durable log)' },
    payment: CONSUMER_STATES,
    notify: CONSUMER_STATES,
  },
};

export default outbox;
export { orders, relay, broker, payment, notify };
