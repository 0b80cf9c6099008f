/**
 * Where each unsafe flag is caught: the scenario, the invariant, and the shortest counterexample
 * the explorer finds there (run tokens after the scenario's empty prefix), as the lesson tells it.
 * Data only, shared by the tests, so the lesson and quiz can cite the same runs.
 */
export type UnsafeCase = { flags: Record<string, boolean>; scenario: string; invariant: string; run: string[]; story: string };

export const UNSAFE_CASES: UnsafeCase[] = [
  {
    flags: { noExpectedVersion: true },
    scenario: 'last-item',
    invariant: 'stock-never-negative',
    run: ['q.a-reserve', 'q.b-reserve', 'd1', 'd2', 'd3', 'd4', 'd5', 'd6', 'd7', 'd8'],
    story: 'a and b both rebuild the item at version 1 with stock 1 and both append with “any version”: the stream sells the last unit twice.',
  },
  {
    flags: { checkpointFirst: true },
    scenario: 'projector-crash',
    invariant: 'read-model-converges',
    run: ['q.a-reserve', 'd1', 'd2', 'd3', 'd4', 'd6', 'c.projector', 'd5', 'd7', 'r.projector', 'd8'],
    story: 'The projector saves checkpoint 2 as the event arrives and crashes before applying it; it resubscribes after 2, and the read model never gets a’s reservation.',
  },
  {
    flags: { notIdempotentProjector: true },
    scenario: 'redelivery',
    invariant: 'no-phantom-or-double',
    run: ['q.a-reserve', 'd1', 'd2', 'd3', 'd4', 'd6', 'u7', 'd7', 'd8'],
    story: 'The projector’s APPLY reaches the read model twice; without the position check it subtracts a’s unit twice.',
  },
  {
    flags: { noPositionToken: true },
    scenario: 'read-after-write',
    invariant: 'read-your-writes',
    run: ['q.a-reserve', 'd1', 'd2', 'd3', 'd4', 'd5', 'd7', 'q.a-query', 'd8', 'd9'],
    story: 'a’s reservation succeeds at position 2 and a queries at once, without the token; the read model is still at position 1 and shows the old stock.',
  },
];
