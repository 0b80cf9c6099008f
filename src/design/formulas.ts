/**
 * The scorecard's figures that no simulator gives: the availability of a chain of synchronous
 * dependencies and the latency of the status read, each from stated assumptions, for a design's
 * choices. Pure arithmetic; the assumptions are listed with every result so a reader can disagree.
 *
 * Serial availability multiplies (AWS Well-Architected, Reliability pillar, "Availability"); a read
 * that waits for n parallel calls is fast only when all are (Dean & Barroso, "The Tail at Scale", 2013).
 */
import type { MechanismChoices } from './ids.ts';

/** One synchronous dependency on a request path. */
export type Dependency = { name: string; availability: number; p99Ms: number };

const service = (name: string): Dependency => ({ name, availability: 0.9999, p99Ms: 10 });
const store = (name: string, p99Ms = 20): Dependency => ({ name, availability: 0.9995, p99Ms });

export const AVAILABILITY_ASSUMPTIONS = [
  'A stateless service replicated across zones: 99.99%; a database, the broker or the 2PC coordinator’s log: 99.95%.',
  'Failures are independent, and a request fails when any dependency on its path is down (no retries, no fallback).',
];
export const LATENCY_ASSUMPTIONS = [
  'p99 per hop: gateway 5 ms, a service 10 ms, a relational read 20 ms, a key-value view read 10 ms; a position-token wait of up to 100 ms (the view’s p99 lag).',
  'The path’s p99 is budgeted as the sum of its hops’ p99s (a conservative budget, not an exact quantile).',
];

/** What the buyer's "place order" waits for before it is answered. */
export function acceptPath(m: MechanismChoices): Dependency[] {
  const path = [{ ...service('gateway'), p99Ms: 5 }, service('order service'), store('order database')];
  if (m.agreement === '2pc') path.push(store('2PC coordinator (its log)'), service('payment service'), store('payment database'));
  if (m.publishing === 'dual-write') path.push(store('broker'));
  return path;
}

/** What "what is my order's status?" waits for; `parallel` names the calls made side by side. */
export function statusPath(m: MechanismChoices): { path: Dependency[]; parallel: number; tokenWaitMs: number } {
  const gateway = { ...service('gateway'), p99Ms: 5 };
  if (m.statusReads === 'order-db') {
    return { path: [gateway, service('order service'), store('order database'), service('payment service'), store('payment database')], parallel: 2, tokenWaitMs: 0 };
  }
  return { path: [gateway, service('status query service'), store('read model', 10)], parallel: 1, tokenWaitMs: m.statusReads === 'read-model-token' ? 100 : 0 };
}

export const availabilityOf = (path: Dependency[]): number => path.reduce((a, d) => a * d.availability, 1);

export const pct = (x: number, digits = 2): string => `${(x * 100).toFixed(digits)}%`;

/** Downtime a year implied by an availability, in hours. */
export const downtimeHours = (availability: number): number => (1 - availability) * 365 * 24;

/**
 * The status read's p99 budget: the serial hops, where the order-database design's two branches
 * (its own row; the payment service and its database) run in parallel and the slower one counts.
 */
export function statusLatencyMs(m: MechanismChoices): number {
  const { path, tokenWaitMs } = statusPath(m);
  if (m.statusReads === 'order-db') {
    const [gateway, orders, orderDb, payments, paymentDb] = path;
    return gateway.p99Ms + orders.p99Ms + Math.max(orderDb.p99Ms, payments.p99Ms + paymentDb.p99Ms);
  }
  return path.reduce((a, d) => a + d.p99Ms, 0) + tokenWaitMs;
}

/** The percentile each of n parallel calls must meet for the whole read to meet the 99th. */
export const perCallQuantile = (n: number): number => 0.99 ** (1 / n);
