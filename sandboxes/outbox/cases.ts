/**
 * Where each unsafe flag is caught: the scenario, the invariant, and the shortest counterexample
 * the explorer finds there (run tokens after the scenario's prefix), as the lesson tells it. Data
 * only, shared by the tests, so the lesson and quiz can cite the same runs.
 */
export type UnsafeCase = { flags: Record<string, boolean>; scenario: string; invariant: string; run: string[]; story: string };

export const UNSAFE_CASES: UnsafeCase[] = [
  {
    flags: { dualWrite: true },
    scenario: 'crash-after-commit',
    invariant: 'no-lost-event',
    run: ['c.orders', 'r.orders'],
    story: 'The order commits; the service crashes before its publish step; on restart nothing remembers the event.',
  },
  {
    flags: { publishFirst: true },
    scenario: 'crash-after-commit',
    invariant: 'no-phantom-event',
    run: ['d1', 'd3', 'c.orders'],
    story: 'The event is published and charged before the order commits; the service crashes and the transaction rolls back.',
  },
  {
    flags: { markBeforeAck: true },
    scenario: 'redelivery',
    invariant: 'no-lost-event',
    run: ['t.relay.poll', 'd1', 'd2', 'x3', 'd4'],
    story: 'The relay publishes and marks the row sent at once; the PUBLISH is lost and the row is never read again.',
  },
  {
    flags: { markBeforeAck: true, logTailing: true },
    scenario: 'redelivery',
    invariant: 'no-lost-event',
    run: ['t.relay.poll', 'd1', 'd2', 'x3'],
    story: 'The log tailer saves its position as it publishes; the PUBLISH is lost and the tailer never reads that far back.',
  },
  {
    flags: { commitOffsetFirst: true },
    scenario: 'consumer-crash',
    invariant: 'no-lost-event',
    run: ['t.relay.poll', 'd1', 'd2', 'd3', 'd5', 'c.payment', 'd4', 'd7', 'd6', 'r.payment'],
    story: 'Payment commits the offset on receipt and crashes before charging; the broker has nothing left to deliver.',
  },
  {
    flags: { notIdempotent: true },
    scenario: 'redelivery',
    invariant: 'effectively-once',
    run: ['t.relay.poll', 'd1', 'd2', 'd3', 'd5', 't.payment.commit-offset', 'x6', 't.broker.redeliver', 'd7'],
    story: 'Payment charges; its offset commit is lost; the broker redelivers and payment, keeping no inbox, charges again.',
  },
  {
    flags: { splitPartitions: true },
    scenario: 'create-then-cancel',
    invariant: 'per-order-order',
    run: ['t.relay.poll', 'd1', 'd2', 'd4', 'd6'],
    story: 'OrderCreated and OrderCancelled go to different partitions in parallel; the cancel is appended and delivered first.',
  },
];
