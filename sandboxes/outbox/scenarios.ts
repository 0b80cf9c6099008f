/**
 * The outbox sandbox's scenarios: configuration, scripted prefix, fault budget, prompts and their
 * replayable solutions. Failure scenarios follow REFERENCES §3c (dual write both ways, relay crash
 * after publish, commit-before-process, wrong partition key).
 *
 * Every scenario is `after-delivery`: a timer waits until the mail to its node has arrived, so a
 * timeout means something was lost (index.ts narrows the relay's and broker's timers further).
 * Prefixes are client requests only, so they replay under every flag. Message ids in solutions
 * follow send order: with the outbox, POLL is 1, ROWS 2, PUBLISH 3, then PUBLISH_ACK 4 and
 * DELIVER 5 together.
 */
import { tokenToChoice } from '../kernel/tokens.ts';
import type { FaultBudget, Scenario } from '../kernel/types.ts';
import { defaultFlags } from './flags.ts';

const budget = (b: Partial<FaultBudget>): FaultBudget => ({ crash: 0, drop: 0, duplicate: 0, partition: 0, ...b });
const WAIT =
  'Timers wait until the messages to their node have arrived, so a timeout means something was lost; the relay polls again only once its last round is answered or lost and the outbox holds something new, and the broker redelivers only once nothing is on its way and the consumer has finished what it was given.';

function scenario(s: Omit<Scenario, 'prefix' | 'config' | 'timing'> & { prefix: string[] }): Scenario {
  return { ...s, description: `${s.description} ${WAIT}`, config: { size: 1, flags: defaultFlags() }, prefix: s.prefix.map(tokenToChoice), timing: 'after-delivery' };
}

/** From the order's commit to payment holding the charge: poll, rows, publish, ack and delivery, apply. */
const toApplied = ['t.relay.poll', 'd1', 'd2', 'd3', 'd5'];

export const scenarios: Scenario[] = [
  scenario({
    id: 'happy-path',
    title: 'Happy path',
    description:
      'A customer places order o1. The order service writes the order and its outbox row in one transaction; the relay publishes the row to the broker, marks it sent once the broker acknowledges, and payment charges the order and then commits its offset.',
    budget: budget({}),
    prefix: [],
    tryThis: [
      'Place order o1 and play it straight through: fire the relay’s poll, deliver every message, and fire payment’s commit-offset at the end. Which single write made the event impossible to lose?',
      'Switch the relay to log tailing and play it through again. What does the relay save instead of marking the row sent?',
      'Add the second consumer (notify) and play it through: deliver everything and fire both consumers’ commit-offset timers. Whose offset does the broker keep, and for whom?',
    ],
    solutions: [
      {
        prompt: 0,
        steps: ['q.create-o1', 't.relay.poll', 'd1', 'd2', 'd3', 'd4', 'd5', 'd6', 't.payment.commit-offset', 'd7'],
        expect: { states: { relay: 'idle', payment: 'idle' }, took: ['t.payment.commit-offset', 'd7'] },
      },
      {
        prompt: 1,
        flags: { logTailing: true },
        steps: ['q.create-o1', 't.relay.poll', 'd1', 'd2', 'd3', 'd4', 'd5', 't.payment.commit-offset', 'd6'],
        expect: { states: { relay: 'idle', payment: 'idle' }, took: ['t.payment.commit-offset', 'd6'] },
      },
      {
        prompt: 2,
        flags: { notify: true },
        steps: ['q.create-o1', 't.relay.poll', 'd1', 'd2', 'd3', 'd4', 'd5', 'd6', 'd7', 't.payment.commit-offset', 't.notify.commit-offset', 'd8', 'd9'],
        expect: { states: { payment: 'idle', notify: 'idle' }, took: ['d8', 'd9'] },
      },
    ],
  }),
  scenario({
    id: 'crash-after-commit',
    title: 'Crash between commit and publish',
    description:
      'Order o1 has just committed. Under dual write the event now lives only in the service’s memory until it publishes; with the outbox it is already a row in the same database. Crash the service in this window and compare.',
    budget: budget({ crash: 1 }),
    prefix: ['q.create-o1'],
    tryThis: [
      'Turn on “dual write: commit, then publish”. The order is committed and the publish is still to come: crash orders now and recover it. Is OrderCreated ever published?',
      'With the outbox (dual write off), crash orders and recover it the same way, then fire the relay’s poll and deliver until payment has the event. Where did the event wait out the crash?',
      'Turn on “dual write: publish, then commit”. Deliver the PUBLISH to the broker and the delivery to payment, then crash orders before it commits. What has payment charged for?',
    ],
    solutions: [
      { prompt: 0, flags: { dualWrite: true }, steps: ['c.orders', 'r.orders'], expect: { states: { orders: 'ready' }, breaks: 'no-lost-event' } },
      { prompt: 1, steps: ['c.orders', 'r.orders', ...toApplied], expect: { states: { payment: 'applied' }, took: ['c.orders'] } },
      { prompt: 2, flags: { publishFirst: true }, steps: ['d1', 'd3', 'c.orders'], expect: { states: { orders: null }, breaks: 'no-phantom-event' } },
    ],
  }),
  scenario({
    id: 'relay-crash',
    title: 'Relay crash after publish, before marking',
    description:
      'Order o1 is committed with its outbox row. The relay will publish it, but it marks the row sent only after the broker’s acknowledgement: crash it in between and it publishes the row again. At-least-once delivery, so the consumer must absorb the duplicate.',
    budget: budget({ crash: 1 }),
    prefix: ['q.create-o1'],
    tryThis: [
      'Fire the relay’s poll, deliver the query, the rows and the PUBLISH. Crash the relay before its PUBLISH_ACK arrives, recover it and let it poll and publish again; then deliver both copies to payment. What does payment do with the second one?',
      'Turn on “consumer without an inbox” and do the same. How many times is o1 charged?',
      'Switch the relay to log tailing and crash it the same way, after the broker has the event and before the relay saves its position. From which position does it read again after recovering?',
    ],
    solutions: [
      {
        prompt: 0,
        steps: ['t.relay.poll', 'd1', 'd2', 'd3', 'c.relay', 'r.relay', 't.relay.poll', 'd6', 'd7', 'd8', 'd5', 'd9', 't.payment.commit-offset', 'd11', 'd12'],
        expect: { states: { payment: 'applied' }, took: ['c.relay', 'd12'] },
      },
      {
        prompt: 1,
        flags: { notIdempotent: true },
        steps: ['t.relay.poll', 'd1', 'd2', 'd3', 'c.relay', 'r.relay', 't.relay.poll', 'd6', 'd7', 'd8', 'd5', 'd9', 't.payment.commit-offset', 'd11', 'd12'],
        expect: { took: ['c.relay'], breaks: 'effectively-once' },
      },
      {
        prompt: 2,
        flags: { logTailing: true },
        steps: ['t.relay.poll', 'd1', 'd2', 'd3', 'c.relay', 'r.relay', 't.relay.poll', 'd6', 'd7', 'd8', 'd5', 'd9', 't.payment.commit-offset', 'd10', 'd11'],
        expect: { states: { payment: 'applied' }, took: ['c.relay', 'd11'] },
      },
    ],
  }),
  scenario({
    id: 'consumer-crash',
    title: 'Consumer crash mid-apply',
    description:
      'Order o1 is on its way to payment. Payment applies the charge and records the message id in one transaction, and commits its offset to the broker only afterwards. Crash it between the two and the broker delivers again.',
    budget: budget({ crash: 1 }),
    prefix: ['q.create-o1'],
    tryThis: [
      'Play until payment has applied the charge, then crash payment before it commits its offset, and recover it. Fire the broker’s redeliver timer and deliver: what does the inbox do with the second delivery?',
      'Turn on “commit the offset before applying”. Play until payment has the message, crash it before it applies the charge, and recover it. Will the broker ever deliver o1 again?',
      'Turn on “consumer without an inbox” and repeat the first run: crash payment after the charge, before the offset commit. What does the redelivery do now?',
    ],
    solutions: [
      { prompt: 0, steps: [...toApplied, 'c.payment', 'r.payment', 't.broker.redeliver', 'd6'], expect: { states: { payment: 'applied' }, took: ['c.payment', 'd6'] } },
      { prompt: 1, flags: { commitOffsetFirst: true }, steps: [...toApplied, 'c.payment', 'r.payment'], expect: { states: { payment: 'idle' }, breaks: 'no-lost-event' } },
      { prompt: 2, flags: { notIdempotent: true }, steps: [...toApplied, 'c.payment', 'r.payment', 't.broker.redeliver', 'd6'], expect: { breaks: 'effectively-once' } },
    ],
  }),
  scenario({
    id: 'redelivery',
    title: 'The broker redelivers',
    description:
      'Order o1 is committed. Messages can be lost: the broker redelivers anything whose offset is not committed, and the relay publishes again any row not marked sent. Nothing is lost, and the consumer sees some events twice.',
    budget: budget({ drop: 1 }),
    prefix: ['q.create-o1'],
    tryThis: [
      'Play until payment has applied the charge and fired its commit-offset, then drop the COMMIT_OFFSET. Fire the broker’s redeliver timer and deliver: what does payment do with the second copy?',
      'Turn on “consumer without an inbox” and drop the same COMMIT_OFFSET. How many charges does o1 get?',
      'Turn on “mark sent before the broker acknowledges”. Fire the relay’s poll, deliver the query and the rows, then drop the PUBLISH and deliver the MARK_SENT. Does the relay ever publish o1?',
    ],
    solutions: [
      {
        prompt: 0,
        steps: [...toApplied, 't.payment.commit-offset', 'x6', 't.broker.redeliver', 'd7'],
        expect: { states: { payment: 'applied' }, took: ['x6', 'd7'] },
      },
      { prompt: 1, flags: { notIdempotent: true }, steps: [...toApplied, 't.payment.commit-offset', 'x6', 't.broker.redeliver', 'd7'], expect: { breaks: 'effectively-once' } },
      { prompt: 2, flags: { markBeforeAck: true }, steps: ['t.relay.poll', 'd1', 'd2', 'x3', 'd4'], expect: { breaks: 'no-lost-event', took: ['x3', 'd4'] } },
    ],
  }),
  scenario({
    id: 'create-then-cancel',
    title: 'Created, then cancelled',
    description:
      'The customer places order o1 and cancels it at once: two events for one order, OrderCreated then OrderCancelled. Keyed by the order id they share a partition and arrive in order; keyed otherwise, they may not.',
    budget: budget({}),
    data: { cancel: true },
    prefix: ['q.create-o1', 'q.cancel-o1'],
    tryThis: [
      'Play it through: the relay publishes OrderCreated, waits for the ack, then publishes OrderCancelled; deliver everything and fire payment’s commit-offset when asked. In what order does payment apply them?',
      'Turn on “split one order’s events across partitions”. After the relay publishes both at once, deliver the cancel’s PUBLISH and its delivery first. What does payment do?',
    ],
    solutions: [
      {
        prompt: 0,
        steps: ['t.relay.poll', 'd1', 'd2', 'd3', 'd4', 'd7', 'd5', 't.payment.commit-offset', 'd9', 'd10'],
        expect: { states: { payment: 'applied' }, took: ['d10'] },
      },
      { prompt: 1, flags: { splitPartitions: true }, steps: ['t.relay.poll', 'd1', 'd2', 'd4', 'd6'], expect: { breaks: 'per-order-order' } },
    ],
  }),
];
