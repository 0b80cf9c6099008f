/**
 * The saga's variants: one safe style choice (choreography instead of orchestration) and five
 * unsafe shortcuts, each of which the explorer must catch with a counterexample.
 */
import type { FlagSpec } from '../kernel/types.ts';

export const flags: FlagSpec[] = [
  {
    name: 'choreography',
    label: 'Choreography (no orchestrator)',
    description:
      'No orchestrator: the order service publishes ORDER_CREATED, payment and inventory react to each other’s events, and payment compensates when it hears OUT_OF_STOCK.',
    default: false,
    unsafe: false,
  },
  {
    name: 'notIdempotent',
    label: 'Participants are not idempotent',
    description:
      'Payment and inventory keep no record of the commands they processed, so a duplicated or retried command reserves a second time.',
    default: false,
    unsafe: true,
  },
  {
    name: 'noTombstone',
    label: 'No tombstone for early compensations',
    description:
      'A compensation that finds nothing to undo does nothing and records nothing, so the action it overtook still reserves when it arrives (under orchestration, whose orchestrator may give up on a step it has not heard back from).',
    default: false,
    unsafe: true,
  },
  {
    name: 'sendBeforeLog',
    label: 'Send before logging the step',
    description:
      'The order service sends each command before its log record reaches disk; a crash in between leaves it with no record of a saga others are already working on.',
    default: false,
    unsafe: true,
  },
  {
    name: 'noCompensationRetry',
    label: 'Send compensations only once',
    description: 'A compensation is sent once and never again, so losing it strands the saga half undone.',
    default: false,
    unsafe: true,
  },
  {
    name: 'noSemanticLock',
    label: 'No semantic lock on PENDING orders',
    description:
      'The client may cancel an order while its saga is still PENDING; the saga, unaware, later writes APPROVED over the cancellation (a lost update).',
    default: false,
    unsafe: true,
  },
];

/** Every flag at its default, with some set. */
export function flagValues(set: Record<string, boolean> = {}): Record<string, boolean> {
  return { ...Object.fromEntries(flags.map((f) => [f.name, f.default])), ...set };
}
