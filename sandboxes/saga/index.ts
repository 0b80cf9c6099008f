/**
 * Sagas as a Protocol: the only import point for this folder.
 *
 * Nodes: `order` (the order service; under orchestration it also runs the saga orchestrator),
 * `payment` (the customer service holding the customer's credit) and `inventory` (holding stock).
 * Scenario data: `orders` (what o1 and o2 ask for: `amount` of credit, `qty` of stock),
 * `creditLimit`, `stock` and `requests` (`place-o1`, `cancel-o1`…), all handed to `order`.
 * The size is fixed at the three services; scenarios vary the data instead.
 */
import { createWorld, type NodeSpec } from '../kernel/world.ts';
import type { Config, FaultBudget, Json, Protocol, World } from '../kernel/types.ts';
import { INVENTORY, ORDER, PAYMENT, parseRequest, shopData } from './data.ts';
import { order } from './order.ts';
import { participant } from './participant.ts';
import { flags } from './flags.ts';
import { ghost } from './ghost.ts';
import { invariants } from './invariants.ts';
import { narrate } from './narrate.ts';
import { outcome } from './outcome.ts';
import { scenarios } from './scenarios.ts';
import { memory } from './memory.ts';

function init(config: Config, budget: FaultBudget, data?: { [key: string]: Json }): World {
  const d = shopData(data);
  const asks = (k: 'amount' | 'qty') => Object.fromEntries(Object.entries(d.orders).map(([o, spec]) => [o, spec[k]]));
  const nodes: NodeSpec[] = [
    { id: ORDER, role: 'order', store: { log: [] } },
    { id: PAYMENT, role: 'payment', store: { log: [], capacity: d.creditLimit, asks: asks('amount') } },
    { id: INVENTORY, role: 'inventory', store: { log: [], capacity: d.stock, asks: asks('qty') } },
  ];
  return createWorld({ order, payment: participant, inventory: participant }, config, budget, nodes, d.requests, ghost);
}

/** A cancel waits until its order has been placed. */
function requestBlocked(request: string, world: World): string | null {
  const r = parseRequest(request);
  if (!r) return `${request} is not a request this shop knows`;
  if (r.kind === 'cancel' && world.pendingRequests.includes(`place-${r.order}`)) return `${r.order} has not been placed yet`;
  return null;
}

function requestLabel(request: string): string {
  const r = parseRequest(request);
  if (!r) return `Client request: ${request}`;
  return r.kind === 'place' ? `The customer places order ${r.order}` : `The customer asks to cancel ${r.order}`;
}

export const saga: Protocol = {
  id: 'saga',
  title: 'Sagas',
  machines: { order, payment: participant, inventory: participant },
  flags,
  sizes: { min: 3, max: 3, default: 3 },
  sizeLabel: 'Services',
  invariants,
  scenarios,
  init,
  requestTarget: () => ORDER,
  requestLabel,
  requestBlocked,
  // A clique, not a star around `order`: under choreography payment and inventory talk directly.
  topology: { kind: 'clique' },
  ghost,
  narrate,
  outcome,
  memory,
  // Guards that only read a flag (order.ts): the state diagram drops the edges a variant forbids.
  flagGuards: { choreography: 'choreography', noSemanticLock: 'noSemanticLock', notIdempotent: 'notIdempotent', noTombstone: 'noTombstone' },
  guardLabels: {
    recovering: 'after a crash',
    isPending: 'order is PENDING',
    awaitsCredit: 'saga waits on credit',
    awaitsStock: 'saga waits on the pivot',
    awaitsRelease: 'saga compensating',
    anyOpen: 'log has an open saga',
    showsCredit: 'saga in view reserves credit',
    showsStock: 'saga in view reaches the pivot',
    showsCompensating: 'saga in view compensates',
    showsApproved: 'saga in view approved',
    showsRejected: 'saga in view rejected',
    processedBefore: 'processed this order before',
    fits: 'enough credit or stock left',
    closedBefore: 'released or tombstoned before',
    refusedBefore: 'refused before',
    holds: 'holds a reservation',
  },
  // Richardson's step kinds (Microservices Patterns, ch. 4) for the saga in view (order.ts, viewOf).
  stateNames: {
    order: {
      idle: 'no order yet',
      reservingCredit: 'PENDING (compensatable step)',
      reservingStock: 'PENDING (the pivot)',
      compensating: 'PENDING (compensating)',
      approved: 'APPROVED',
      rejected: 'REJECTED',
    },
    payment: { ready: 'customer service' },
    inventory: { ready: 'inventory service' },
  },
};

export default saga;
export { order, participant };
