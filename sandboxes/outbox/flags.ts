/**
 * The outbox sandbox's variants: one safe choice of relay (polling publisher or log tailing) and
 * the unsafe shortcuts the explorer must catch, each with a counterexample. Data only.
 */
import type { FlagSpec } from '../kernel/types.ts';

export const flags: FlagSpec[] = [
  {
    name: 'logTailing',
    label: 'Relay tails the commit log (CDC)',
    description:
      'The relay reads the database’s commit log after a saved position, as a Debezium connector does, instead of polling the outbox table for unsent rows and marking them sent.',
    default: false,
    unsafe: false,
  },
  {
    name: 'notify',
    label: 'A second consumer (notify)',
    description:
      'Adds a notification service that consumes the same events in its own consumer group, with its own offsets and inbox: every committed event must take effect at both.',
    default: false,
    unsafe: false,
  },
  {
    name: 'dualWrite',
    label: 'Dual write: commit, then publish',
    description:
      'No outbox: the order service commits the order, then publishes the event itself in a separate step from memory, so a crash in between loses the event.',
    default: false,
    unsafe: true,
  },
  {
    name: 'publishFirst',
    label: 'Dual write: publish, then commit',
    description:
      'No outbox: the order service publishes the event first and commits the order in a later step, so a crash in between leaves consumers acting on an order that never committed. Takes precedence over commit-then-publish.',
    default: false,
    unsafe: true,
  },
  {
    name: 'markBeforeAck',
    label: 'Mark sent before the broker acknowledges',
    description:
      'The relay marks a row sent (or saves its log position) as it publishes, before PUBLISH_ACK, so a lost publish is never retried.',
    default: false,
    unsafe: true,
  },
  {
    name: 'commitOffsetFirst',
    label: 'Commit the offset before applying',
    description:
      'The consumer commits its offset as soon as a message arrives and applies the effect in a later step, so a crash in between loses the event for good.',
    default: false,
    unsafe: true,
  },
  {
    name: 'notIdempotent',
    label: 'Consumer without an inbox',
    description:
      'The consumer keeps no processed-message record, so a redelivered or republished event is applied a second time.',
    default: false,
    unsafe: true,
  },
  {
    name: 'splitPartitions',
    label: 'Split one order’s events across partitions',
    description:
      'Events are keyed by event, not by order, and the relay publishes them in parallel: OrderCreated and OrderCancelled of one order land on different partitions and may be consumed in either order.',
    default: false,
    unsafe: true,
  },
];

/** Every flag at its default. */
export function defaultFlags(): Record<string, boolean> {
  return Object.fromEntries(flags.map((f) => [f.name, f.default]));
}
