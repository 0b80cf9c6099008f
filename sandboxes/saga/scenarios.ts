/**
 * The saga's scenarios: the shop's data (what o1 and o2 ask for, the credit limit, the stock), the
 * client's requests, a small fault budget, a prefix and prompts, each prompt with a solution the
 * tests replay. All run under orchestration by default; the choreography flag switches the style.
 *
 * Message ids follow send order. Under orchestration, with o1 placed in the prefix: 1
 * RESERVE_CREDIT, then each delivery's reply takes the next id (2 CREDIT_RESERVED, 3
 * RESERVE_STOCK, 4 STOCK_RESERVED on the happy path). Budgets are small so the explorer walks every
 * world of every scenario in well under two seconds.
 */
import { tokenToChoice } from '../kernel/tokens.ts';
import type { Choice, Config, FaultBudget, Json, Scenario } from '../kernel/types.ts';
import { flagValues } from './flags.ts';

const budget = (b: Partial<FaultBudget>): FaultBudget => ({ crash: 0, drop: 0, duplicate: 0, partition: 0, ...b });
const config = (): Config => ({ size: 3, flags: flagValues() });
const tokens = (list: string[]): Choice[] => list.map(tokenToChoice);

/** One order, o1: 2 of credit and 1 item, against a limit of 3 and 1 item in stock, unless said otherwise. */
function shop(over: { amount?: number; stock?: number; creditLimit?: number; requests?: string[] } = {}): { [k: string]: Json } {
  return {
    orders: { o1: { amount: over.amount ?? 2, qty: 1 } },
    creditLimit: over.creditLimit ?? 3,
    stock: over.stock ?? 1,
    requests: over.requests ?? ['place-o1'],
  };
}

const scenarioList: Scenario[] = [
  {
    id: 'happy-path',
    title: 'Every step succeeds',
    description:
      'The customer has placed o1. The orchestrator in the order service created it PENDING and sent RESERVE_CREDIT to payment. Watch each step logged before its command leaves: credit (compensatable), then stock (the pivot), then the order approved.',
    config: config(),
    budget: budget({ drop: 1 }),
    data: shop(),
    prefix: tokens(['q.place-o1']),
    tryThis: [
      'Deliver every message in turn. Which step is the pivot, and what does the order service write once it succeeds?',
      'Fire the order service’s credit-timeout before RESERVE_CREDIT arrives, then deliver everything. Payment could reserve the credit: why does the saga still end REJECTED?',
      'Deliver RESERVE_CREDIT, drop payment’s CREDIT_RESERVED reply and fire the credit-timeout. Which compensation does the orchestrator send, and how does the saga end?',
      'Switch on choreography and deliver every message. With no orchestrator, who tells inventory to reserve stock, and who tells the order service the outcome?',
    ],
    solutions: [
      { prompt: 0, steps: ['d1', 'd2', 'd3', 'd4'], expect: { states: { order: 'approved' }, took: ['d4'] } },
      { prompt: 1, steps: ['t.order.credit-timeout', 'd1', 'd2', 'd3', 'd4'], expect: { states: { order: 'rejected' }, took: ['t.order.credit-timeout'] } },
      { prompt: 2, steps: ['d1', 'x2', 't.order.credit-timeout', 'd3', 'd4'], expect: { states: { order: 'rejected' }, took: ['x2', 't.order.credit-timeout'] } },
      { prompt: 3, flags: { choreography: true }, steps: ['d1', 'd2', 'd3'], expect: { states: { order: 'approved' }, took: ['d3'] } },
    ],
  },
  {
    id: 'payment-declined',
    title: 'Payment declines: the credit limit',
    description:
      'o1 asks for 4 of credit and the customer’s limit is 3, so payment will refuse it: a business failure, not a technical one. Nothing was reserved, so the only compensation is the order service rejecting its own PENDING order.',
    config: config(),
    budget: budget({ drop: 1 }),
    data: shop({ amount: 4 }),
    prefix: tokens(['q.place-o1']),
    tryThis: [
      'Deliver RESERVE_CREDIT and payment’s answer. What does payment reply, and which steps must be compensated?',
      'Drop RESERVE_CREDIT, fire the credit-timeout and deliver the rest. Payment gets RELEASE_CREDIT for credit it never reserved: what does it write in its ledger?',
    ],
    solutions: [
      { prompt: 0, steps: ['d1', 'd2'], expect: { states: { order: 'rejected' }, took: ['d2'] } },
      { prompt: 1, steps: ['x1', 't.order.credit-timeout', 'd2', 'd3'], expect: { states: { order: 'rejected' }, took: ['x1'] } },
    ],
  },
  {
    id: 'out-of-stock',
    title: 'Out of stock after payment: compensate',
    description:
      'Inventory has nothing left, so the pivot (reserve stock) fails after payment has already reserved o1’s credit. The orchestrator runs the compensations of the completed steps in reverse order: release the credit, then reject the order.',
    config: config(),
    budget: budget({ drop: 1 }),
    data: shop({ stock: 0 }),
    prefix: tokens(['q.place-o1']),
    tryThis: [
      'Deliver every message in turn. In which order do the compensations run, and what does payment’s ledger show at the end?',
      'Deliver up to OUT_OF_STOCK, then drop the RELEASE_CREDIT the orchestrator sends. Fire its release-timeout and deliver the rest: how does the saga still finish?',
      'Switch on “Send compensations only once” and drop the same RELEASE_CREDIT. Which invariant breaks?',
      'Switch on choreography and deliver every message. Who tells payment to release the credit, and who tells the order service?',
    ],
    solutions: [
      { prompt: 0, steps: ['d1', 'd2', 'd3', 'd4', 'd5', 'd6'], expect: { states: { order: 'rejected' }, took: ['d6'] } },
      { prompt: 1, steps: ['d1', 'd2', 'd3', 'd4', 'x5', 't.order.release-timeout', 'd6', 'd7'], expect: { states: { order: 'rejected' }, took: ['x5', 't.order.release-timeout'] } },
      { prompt: 2, flags: { noCompensationRetry: true }, steps: ['d1', 'd2', 'd3', 'd4', 'x5'], expect: { states: { order: 'compensating' }, breaks: 'all-or-compensated' } },
      { prompt: 3, flags: { choreography: true }, steps: ['d1', 'd2', 'd3', 'd4', 'd5'], expect: { states: { order: 'rejected' }, took: ['d5'] } },
    ],
  },
  {
    id: 'orchestrator-crash',
    title: 'The orchestrator crashes mid-saga',
    description:
      'Payment has reserved o1’s credit and its CREDIT_RESERVED reply is on the way. If the order service crashes now it loses its memory and that reply, not its log: on restart it reads where each saga stood and sends again what the saga waits on.',
    config: config(),
    budget: budget({ crash: 1 }),
    data: shop(),
    prefix: tokens(['q.place-o1', 'd1']),
    tryThis: [
      'Crash the order service now and recover it. Which command does it send again, and why does payment not reserve the credit twice?',
      'Deliver CREDIT_RESERVED so the orchestrator logs the step and sends RESERVE_STOCK, then crash and recover it. At which step does it resume?',
      'Switch on “Send before logging the step”, crash the order service now and recover it. What does it remember of o1, and what does payment still hold?',
    ],
    solutions: [
      { prompt: 0, steps: ['c.order', 'r.order', 'd3', 'd4', 'd5', 'd6'], expect: { states: { order: 'approved' }, took: ['c.order', 'r.order', 'd3'] } },
      { prompt: 1, steps: ['d2', 'c.order', 'r.order', 'd3', 'd4'], expect: { states: { order: 'approved' }, took: ['d2', 'r.order'] } },
      { prompt: 2, flags: { sendBeforeLog: true }, steps: ['c.order', 'r.order'], expect: { states: { order: 'idle' }, breaks: 'all-or-compensated' } },
    ],
  },
  {
    id: 'duplicate-command',
    title: 'A command arrives twice',
    description:
      'Messaging is at least once: the network may deliver a command twice, and a retry after a timeout sends it again. o1 asks for 1 of credit (limit 3) and 1 item (2 in stock), so a second reservation would fit and nothing but the participant’s own record stops it.',
    config: config(),
    budget: budget({ duplicate: 1 }),
    data: { ...shop({ amount: 1, stock: 2 }) },
    prefix: tokens(['q.place-o1']),
    tryThis: [
      'Duplicate RESERVE_CREDIT and deliver both copies. What does payment answer the second time, and how much credit does it hold for o1?',
      'Switch on “Participants are not idempotent” and do the same. Which invariant breaks?',
      'Deliver RESERVE_CREDIT, its reply and RESERVE_STOCK; fire the stock-timeout while STOCK_RESERVED is still on its way and deliver the retry. How many items does inventory hold for o1?',
    ],
    solutions: [
      { prompt: 0, steps: ['u1', 'd1', 'd2'], expect: { states: { order: 'reservingCredit' }, took: ['u1', 'd2'] } },
      { prompt: 1, flags: { notIdempotent: true }, steps: ['u1', 'd1', 'd2'], expect: { breaks: 'no-double-charge' } },
      { prompt: 2, steps: ['d1', 'd2', 'd3', 't.order.stock-timeout', 'd5', 'd4'], expect: { states: { order: 'approved' }, took: ['t.order.stock-timeout', 'd5'] } },
    ],
  },
  {
    id: 'compensation-race',
    title: 'A compensation races its action',
    description:
      'o1 is PENDING and RESERVE_CREDIT is slow. A timeout cannot tell slow from lost, so the orchestrator may give up and send RELEASE_CREDIT, which can overtake the command it undoes. The customer may also ask to cancel o1 while its saga runs.',
    config: config(),
    budget: budget({}),
    data: shop({ requests: ['place-o1', 'cancel-o1'] }),
    prefix: tokens(['q.place-o1']),
    tryThis: [
      'Fire the credit-timeout, deliver RELEASE_CREDIT before RESERVE_CREDIT, then the rest. What does payment record, and what happens to the late RESERVE_CREDIT?',
      'Switch on “No tombstone for early compensations” and play the same run. What does payment hold once everything has settled?',
      'Ask to cancel o1 while it is PENDING. What does the order service do with the request?',
      'Switch on “No semantic lock on PENDING orders”, cancel o1 while it is PENDING and let the saga finish. How does o1 end?',
    ],
    solutions: [
      { prompt: 0, steps: ['t.order.credit-timeout', 'd2', 'd1', 'd3'], expect: { states: { order: 'rejected' }, took: ['t.order.credit-timeout', 'd2'] } },
      { prompt: 1, flags: { noTombstone: true }, steps: ['t.order.credit-timeout', 'd2', 'd1', 'd3', 'd4'], expect: { states: { order: 'rejected' }, breaks: 'no-stock-for-rejected' } },
      { prompt: 2, steps: ['q.cancel-o1'], expect: { states: { order: 'reservingCredit' }, took: ['q.cancel-o1'] } },
      { prompt: 3, flags: { noSemanticLock: true }, steps: ['q.cancel-o1', 'd1', 'd2', 'd3', 'd4'], expect: { states: { order: 'approved' }, breaks: 'one-outcome' } },
    ],
  },
  {
    id: 'two-orders',
    title: 'Two orders on one credit limit',
    description:
      'The customer places o1 and o2 at once, each asking for 2 of credit against a limit of 3 (2 items in stock). The two sagas interleave; payment checks each reservation against the credit it holds at that moment, including credit of a saga that has not finished.',
    config: config(),
    budget: budget({}),
    data: {
      orders: { o1: { amount: 2, qty: 1 }, o2: { amount: 2, qty: 1 } },
      creditLimit: 3,
      stock: 2,
      requests: ['place-o1', 'place-o2'],
    },
    prefix: [],
    tryThis: [
      'Place both orders and deliver both RESERVE_CREDIT commands, then everything else. Which order does payment refuse, and how does each saga end?',
      'Place both, deliver o1’s RESERVE_CREDIT and then o2’s, and fire the credit-timeout before o1’s reply arrives. Deliver o1’s RELEASE_CREDIT: what did o2 read?',
    ],
    solutions: [
      { prompt: 0, steps: ['q.place-o1', 'q.place-o2', 'd1', 'd2', 'd3', 'd4', 'd5', 'd6'], expect: { states: { order: 'rejected' }, took: ['q.place-o2', 'd2'] } },
      { prompt: 1, steps: ['q.place-o1', 'q.place-o2', 'd1', 'd2', 't.order.credit-timeout', 'd5'], expect: { breaks: 'dirty-read' } },
    ],
  },
];

/**
 * Prompts speak of the orchestrator unless their solution switches choreography on, so each goal
 * holds only under its style: a reader who switched styles sees it unticked, not falsely ticked.
 */
export const scenarios: Scenario[] = scenarioList.map((s) => ({
  ...s,
  solutions: s.solutions?.map((x) => ({ ...x, flags: { choreography: false, ...x.flags } })),
}));
