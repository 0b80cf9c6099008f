/**
 * Two-phase commit's variants. One safe optimisation (presumed abort) and four unsafe shortcuts,
 * each of which the explorer must catch with a counterexample.
 */
import type { FlagSpec } from '../kernel/types.ts';

export const flags: FlagSpec[] = [
  {
    name: 'presumedAbort',
    label: 'Presumed abort',
    description:
      'The coordinator writes nothing before deciding and never logs an abort: a coordinator with no record of a transaction answers "abort" (Mohan, Lindsay & Obermarck 1986).',
    default: false,
    unsafe: false,
  },
  {
    name: 'sendBeforeLog',
    label: 'Send the decision before logging it',
    description:
      'The coordinator sends GLOBAL_COMMIT first and writes COMMIT to its log in a later step, so a crash in between forgets a decision others already acted on.',
    default: false,
    unsafe: true,
  },
  {
    name: 'voteWithoutLog',
    label: 'Vote yes without logging PREPARED',
    description:
      'A participant votes VOTE_COMMIT without forcing PREPARED to its log; after a crash it finds no record and aborts on its own.',
    default: false,
    unsafe: true,
  },
  {
    name: 'abortWhenInDoubt',
    label: 'Abort when in doubt',
    description:
      'A prepared participant whose decision timer fires gives up and aborts instead of waiting, although it promised to obey the coordinator.',
    default: false,
    unsafe: true,
  },
  {
    name: 'ackBeforeForce',
    label: 'Acknowledge before forcing COMMIT',
    description:
      'A participant sends ACK while its COMMIT record is still in memory. The coordinator forgets T1; if the participant then crashes, it wakes in doubt and is told abort.',
    default: false,
    unsafe: true,
  },
];

/** Every flag at its default. */
export function defaultFlags(): Record<string, boolean> {
  return Object.fromEntries(flags.map((f) => [f.name, f.default]));
}
