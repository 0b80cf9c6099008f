/**
 * The design exercise's fixed vocabulary: the ids of its steps, requirements, components,
 * mechanism choices and estimates. Code (the lab plan, the diagram, the write-up) keys on these;
 * the exercise's words live in `content/design/order-payment.yaml`, whose ids a content test
 * holds to these lists. Data only: no behaviour, no imports.
 */

/** The exercise's steps, in order. The interview clock groups them into four phases (interview.ts). */
export const STEP_IDS = ['clarify', 'estimate', 'architecture', 'mechanisms', 'lab', 'scaling', 'wrap-up'] as const;
export type StepId = (typeof STEP_IDS)[number];

/** The requirements the scorecard judges: FR1-5 and NFR1-5 of the brief. */
export const REQUIREMENT_IDS = ['FR1', 'FR2', 'FR3', 'FR4', 'FR5', 'NFR1', 'NFR2', 'NFR3', 'NFR4', 'NFR5'] as const;
export type RequirementId = (typeof REQUIREMENT_IDS)[number];

/**
 * The components a reader may put in the architecture. Two are distractors a strong design leaves
 * out: one database shared by both services, and an XA transaction manager (needed only by 2PC).
 */
export const COMPONENT_IDS = [
  'gateway',
  'order-service',
  'order-db',
  'payment-service',
  'payment-db',
  'broker',
  'orchestrator',
  'notification-service',
  'read-model',
  'shared-db',
  'tx-coordinator',
] as const;
export type ComponentId = (typeof COMPONENT_IDS)[number];

/** The design decisions of step 4, one per interaction, and the options of each, in display order. */
export const MECHANISMS = {
  /** How the order and the payment agree on one outcome. */
  agreement: ['2pc', 'orchestrated-saga', 'choreographed-saga'],
  /** How a service publishes the event that its database changed. */
  publishing: ['dual-write', 'outbox-polling', 'outbox-log-tailing'],
  /** How a service consumes events and commands that may arrive twice. */
  consuming: ['plain', 'idempotent'],
  /** Where the buyer's "what is my order's status?" is answered. */
  statusReads: ['order-db', 'read-model', 'read-model-token'],
  /** What happens when two updates to one order race. */
  concurrency: ['last-writer-wins', 'version-check'],
} as const;
export type MechanismId = keyof typeof MECHANISMS;
export const MECHANISM_IDS = Object.keys(MECHANISMS) as MechanismId[];
export type MechanismChoices = { [K in MechanismId]: (typeof MECHANISMS)[K][number] };

/** The back-of-the-envelope figures of step 2; formulas and assumptions live in estimates.ts. */
export const ESTIMATE_IDS = ['update-rate', 'downtime-year', 'downtime-month', 'chain-availability', 'fanout-quantile', 'broker-partitions'] as const;
export type EstimateId = (typeof ESTIMATE_IDS)[number];

/** The scaling bottlenecks of step 6, which the reader ranks. */
export const BOTTLENECK_IDS = ['broker-throughput', 'orchestrator-spof', 'write-contention', 'projection-lag', 'compensation-complexity'] as const;
export type BottleneckId = (typeof BOTTLENECK_IDS)[number];
