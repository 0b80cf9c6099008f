/**
 * The design lab's plan: which simulations a reader's design choices stand for. Each mechanism
 * option maps to a protocol, scenarios and flags of the course's sandboxes, and each run names the
 * invariants that judge a requirement. Pure data from choices; the explorer runs the plan (run-lab.ts
 * in Node, the lab worker in the browser) and scorecard.ts reads the outcomes. No verdict is written
 * here: a run only says what to look at.
 */
import type { FaultBudget } from '../../sandboxes/kernel/types.ts';
import { protocols } from '../../sandboxes/index.ts';
import type { MechanismChoices, RequirementId } from './ids.ts';

/** One requirement judged by one invariant of a run. */
export type LabCheck = {
  requirement: RequirementId;
  /** Invariant name in the protocol (`no-lost-event`…). */
  invariant: string;
  /** What must hold, in the reader's terms ("every committed order's event reaches payment"). */
  claim: string;
};

/** One exhaustive exploration: a scenario of a protocol under the flags the design implies. */
export type LabRun = {
  /** Stable id within a plan (`outbox/relay-crash`). */
  id: string;
  /** What the run exercises, for the scorecard ("A crash between the order's commit and its event"). */
  title: string;
  protocol: string;
  scenario: string;
  size: number;
  flags: Record<string, boolean>;
  /** A smaller fault budget than the scenario's, where the whole budget is slower than the lab needs. */
  budget?: FaultBudget;
  /**
   * Observations (a protocol's `observation` invariants, such as 2PC's `blocked`) to search for as if
   * they were safety invariants: the lab wants the shortest run that shows them.
   */
  observe?: string[];
  checks: LabCheck[];
};

/** The scenario's own size (the lab changes flags, not the setting a scenario was written for). */
function sizeOf(protocol: string, scenario: string): number {
  const s = protocols[protocol]?.scenarios.find((x) => x.id === scenario);
  if (!s) throw new Error(`lab plan names a missing scenario ${protocol}/${scenario}`);
  return s.config.size;
}

const check = (requirement: RequirementId, invariant: string, claim: string): LabCheck => ({ requirement, invariant, claim });

/** Two-phase commit between the order and payment databases (the coordinator is the transaction manager). */
function twoPhaseCommitRuns(): LabRun[] {
  return [
    {
      id: '2pc/coordinator-crash',
      title: 'The transaction manager crashes after PREPARE',
      protocol: 'two-phase-commit',
      scenario: 'coordinator-crash-after-prepare',
      size: 2,
      flags: {},
      // One crash is the fault the requirement is about; the scenario's extra partition only
      // multiplies the same finding (250k worlds instead of a few hundred).
      budget: { crash: 1, drop: 0, duplicate: 0, partition: 0 },
      observe: ['blocked'],
      checks: [
        check('FR1', 'atomicity', 'the order and the payment commit or abort together'),
        check('FR3', 'termination', 'once the crash is repaired, both databases decide'),
        check('FR5', 'blocked', 'no failure leaves a database waiting with rows locked'),
        check('NFR2', 'blocked', 'no status read waits behind rows locked by an undecided transaction'),
        check('NFR5', 'blocked', 'a coordinator crash does not stop the transaction'),
      ],
    },
    {
      id: '2pc/one-votes-no',
      title: 'The payment database votes no',
      protocol: 'two-phase-commit',
      scenario: 'one-votes-no',
      size: 2,
      flags: {},
      checks: [check('FR3', 'atomicity', 'a refused payment aborts the order too'), check('FR3', 'validity', 'nothing commits unless every database voted yes')],
    },
  ];
}

/** The saga between order, payment and inventory, under the design's style and shortcuts. */
function sagaRuns(m: MechanismChoices): LabRun[] {
  const flags = {
    choreography: m.agreement === 'choreographed-saga',
    notIdempotent: m.consuming === 'plain',
    noSemanticLock: m.concurrency === 'last-writer-wins',
  };
  const run = (scenario: string, title: string, checks: LabCheck[]): LabRun => ({ id: `saga/${scenario}`, title, protocol: 'saga', scenario, size: sizeOf('saga', scenario), flags, checks });
  return [
    run('happy-path', 'An order paid and reserved, with one message lost', [
      check('FR1', 'one-outcome', 'each order ends with one outcome'),
      check('FR2', 'all-or-compensated', 'every saga ends approved or fully compensated'),
    ]),
    run('out-of-stock', 'Inventory refuses after the payment went through', [
      check('FR3', 'all-or-compensated', 'the charge is refunded when a later step fails'),
      check('FR3', 'no-phantom-refund', 'no refund for a charge that never happened'),
      check('FR3', 'no-stock-for-rejected', 'nothing stays reserved for a rejected order'),
    ]),
    run('orchestrator-crash', 'The saga’s coordinator crashes mid-saga', [check('NFR5', 'all-or-compensated', 'the saga still ends after its coordinator crashes and recovers')]),
    run('duplicate-command', 'A command delivered twice', [check('FR1', 'no-double-charge', 'a repeated command charges once')]),
    run('compensation-race', 'The buyer cancels while the saga runs', [
      check('FR4', 'one-outcome', 'a cancel is not overwritten by the saga’s approval'),
      check('FR4', 'no-stock-for-rejected', 'a compensation that overtakes its step still wins'),
    ]),
    run('two-orders', 'Two orders against one credit limit', [check('NFR1', 'credit-limit', 'concurrent orders never take a customer past the limit')]),
  ];
}

/** The outbox (or the dual write) from the order service to the broker and its consumers. */
function outboxRuns(m: MechanismChoices): LabRun[] {
  const flags = {
    dualWrite: m.publishing === 'dual-write',
    logTailing: m.publishing === 'outbox-log-tailing',
    notIdempotent: m.consuming === 'plain',
  };
  const run = (scenario: string, title: string, checks: LabCheck[]): LabRun => ({ id: `outbox/${scenario}`, title, protocol: 'outbox', scenario, size: sizeOf('outbox', scenario), flags, checks });
  return [
    run('crash-after-commit', 'The order service crashes right after committing', [
      check('FR2', 'no-lost-event', 'every committed order’s event reaches payment'),
      check('FR1', 'no-phantom-event', 'no event for an order that never committed'),
    ]),
    run('relay-crash', 'The publisher crashes after publishing', [check('FR1', 'effectively-once', 'a republished event takes effect once')]),
    run('redelivery', 'The broker redelivers an event', [check('FR1', 'effectively-once', 'a redelivered event takes effect once')]),
    run('consumer-crash', 'A consumer crashes mid-event', [check('FR2', 'no-lost-event', 'an event survives a consumer crash')]),
    run('create-then-cancel', 'An order created and then cancelled', [check('FR1', 'per-order-order', 'one order’s events are applied in order')]),
  ];
}

/** The read side and the inventory's event-sourced stock, under the design's read and race choices. */
function cqrsRuns(m: MechanismChoices): LabRun[] {
  const flags = {
    positionToken: m.statusReads === 'read-model-token',
    notIdempotentProjector: m.consuming === 'plain',
    noExpectedVersion: m.concurrency === 'last-writer-wins',
  };
  const run = (scenario: string, title: string, checks: LabCheck[]): LabRun => ({ id: `cqrs/${scenario}`, title, protocol: 'cqrs', scenario, size: sizeOf('cqrs', scenario), flags, checks });
  const stock = run('last-item', 'Two buyers race for the last item', [
    check('FR4', 'stock-never-negative', 'the last item is sold once'),
    check('NFR1', 'stock-never-negative', 'concurrent updates to one item stay correct'),
  ]);
  if (m.statusReads === 'order-db') return [stock];
  return [
    run('read-after-write', 'The buyer reads their order right after placing it', [check('FR2', 'read-your-writes', 'the buyer sees their own order in the status view')]),
    run('projector-crash', 'The read model’s projector crashes', [check('FR2', 'read-model-converges', 'the status view catches up after a crash')]),
    run('redelivery', 'The read model gets an event twice', [check('FR1', 'no-phantom-or-double', 'the status view counts each event once')]),
    stock,
  ];
}

/** Every run the design's choices call for. */
export function labPlan(m: MechanismChoices): LabRun[] {
  const agreement = m.agreement === '2pc' ? twoPhaseCommitRuns() : sagaRuns(m);
  return [...agreement, ...outboxRuns(m), ...cqrsRuns(m)];
}
