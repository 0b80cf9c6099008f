/**
 * The protocol registry: every sandbox protocol by id. Each protocol is imported only through its
 * own folder's index.ts.
 */
import type { Protocol } from './kernel/types.ts';
import { twoPhaseCommit } from './two-phase-commit/index.ts';
import { replicatedRegister } from './replicated-register/index.ts';
import { saga } from './saga/index.ts';
import { outbox } from './outbox/index.ts';
import { cqrs } from './cqrs/index.ts';

export const protocols: Record<string, Protocol> = {
  [twoPhaseCommit.id]: twoPhaseCommit,
  [replicatedRegister.id]: replicatedRegister,
  [saga.id]: saga,
  [outbox.id]: outbox,
  [cqrs.id]: cqrs,
};
