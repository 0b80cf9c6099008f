/**
 * Deliberately broken saga machines. Each is the real machine with one named guard or action
 * swapped (`provide`), and names where the explorer must catch it; saga.test.ts explores each and
 * expects its invariant to break, so every invariant has a bug it is known to catch beyond the
 * unsafe flags. Never shown to readers: their unsafe choices are the flags in flags.ts.
 */
import { enqueueActions } from 'xstate';
import type { Mutant } from '../kernel/types.ts';
import { order } from './order.ts';
import { participant } from './participant.ts';
import { applyRecord } from './ledger.ts';

export const mutants: Mutant[] = [
  {
    name: 'ignores-credit-limit',
    description: 'Payment reserves credit without checking what the customer already holds against the limit.',
    machines: { payment: participant.provide({ guards: { fits: () => true } }) },
    caughtBy: { scenario: 'two-orders', invariant: 'credit-limit' },
  },
  {
    name: 'refunds-blindly',
    description: 'A compensation that finds nothing reserved writes a release anyway instead of a tombstone.',
    machines: {
      payment: participant.provide({
        actions: {
          recordCancel: enqueueActions(({ context, event, enqueue }) => {
            const record = { type: 'RELEASED' as const, order: event.order, n: context.asks[event.order] ?? 0 };
            enqueue.emit({ type: 'store.append', record });
            const next = applyRecord(context, record);
            enqueue.assign({ held: next.held, outcome: next.outcome, closed: next.closed });
          }),
        },
      }),
    },
    caughtBy: { scenario: 'compensation-race', invariant: 'no-phantom-refund' },
  },
  {
    name: 'inventory-forgets-processed',
    description: 'Inventory keeps no record of the commands it processed, so a retried RESERVE_STOCK reserves again.',
    machines: { inventory: participant.provide({ guards: { processedBefore: () => false } }) },
    caughtBy: { scenario: 'duplicate-command', invariant: 'no-double-charge' },
  },
  {
    name: 'never-compensates',
    description: 'When the pivot fails, the orchestrator does nothing: the order stays PENDING and its credit stays reserved.',
    machines: { order: order.provide({ actions: { compensate: () => {} } }) },
    caughtBy: { scenario: 'out-of-stock', invariant: 'all-or-compensated' },
  },
  {
    name: 'ignores-stock-reply',
    description: 'The orchestrator never recognises the pivot’s reply, so it asks for stock forever and the order stays PENDING.',
    machines: { order: order.provide({ guards: { awaitsStock: () => false } }) },
    caughtBy: { scenario: 'happy-path', invariant: 'all-or-compensated' },
  },
  {
    name: 'forgets-log-on-recovery',
    description: 'A restarted order service ignores the open sagas in its log and resends nothing.',
    machines: { order: order.provide({ guards: { anyOpen: () => false } }) },
    caughtBy: { scenario: 'orchestrator-crash', invariant: 'all-or-compensated' },
  },
  {
    name: 'late-credit-reply-resumes',
    description: 'The orchestrator acts on a CREDIT_RESERVED that arrives after it gave up on the step, and goes on to approve an order it has rejected.',
    machines: { order: order.provide({ guards: { awaitsCredit: () => true } }) },
    caughtBy: { scenario: 'happy-path', invariant: 'one-outcome' },
  },
  {
    name: 'rejects-without-releasing',
    description: 'When the pivot fails, the orchestrator rejects the order at once and never releases the credit already reserved.',
    machines: { order: order.provide({ actions: { compensate: order.implementations.actions.reject as never } }) },
    caughtBy: { scenario: 'out-of-stock', invariant: 'no-stock-for-rejected' },
  },
];
