/**
 * The CQRS sandbox's variants: the safe design (position token, on by default) and the unsafe
 * shortcuts the explorer must catch, each with a counterexample (cases.ts). Data only.
 */
import type { Config, FlagSpec } from '../kernel/types.ts';

export const flags: FlagSpec[] = [
  {
    name: 'positionToken',
    label: 'Promise read-your-writes (position token)',
    description:
      'A successful command returns the position of the event it appended, and the client’s next query waits until the read model has reached it. Off: queries read the read model as it is, and the design does not promise read-your-writes.',
    default: true,
    unsafe: false,
  },
  {
    name: 'noExpectedVersion',
    label: 'Append without the expected version',
    description:
      'The handler appends with “any version” instead of the version it decided on, so two commands decided on the same state both land: the last unit is sold twice.',
    default: false,
    unsafe: true,
  },
  {
    name: 'checkpointFirst',
    label: 'Projector saves its checkpoint before applying',
    description:
      'The projector saves its position in its own store as an event arrives and updates the read model in a later step, so a crash in between skips that event for good.',
    default: false,
    unsafe: true,
  },
  {
    name: 'notIdempotentProjector',
    label: 'Projector without the position check',
    description:
      'The read model applies every event it is handed without comparing its position with the checkpoint, so a redelivered event counts twice.',
    default: false,
    unsafe: true,
  },
  {
    name: 'noPositionToken',
    label: 'Query without the position token',
    description:
      'The design promises read-your-writes, but the client queries the read model right after its command without the position it got back, so it may read a model that has not caught up.',
    default: false,
    unsafe: true,
  },
];

/** Every flag at its default. */
export function defaultFlags(): Record<string, boolean> {
  return Object.fromEntries(flags.map((f) => [f.name, f.default]));
}

/** Whether the design promises read-your-writes. */
export const promisesRyw = (config: Config): boolean => config.flags.positionToken !== false;

/** Whether queries carry the position token. */
export const usesToken = (config: Config): boolean => promisesRyw(config) && config.flags.noPositionToken !== true;
