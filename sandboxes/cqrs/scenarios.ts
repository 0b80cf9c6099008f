/**
 * The CQRS sandbox's scenarios: configuration, fault budget, prompts and their replayable
 * solutions. They follow REFERENCES §4c: concurrent commands (4c.1, with trap 4b.4, `Any`), the
 * projection crash around its checkpoint (4c.2), the read-your-writes gap (4c.3, fixed by returning
 * the position and waiting for it), a redelivered event, and a rebuild from position 0 (4c.5; here
 * in place, so the reader watches the model refill).
 *
 * Prefixes are empty so they replay under every flag. Message ids follow send order: for a's
 * reservation RESERVE is 1, READ_STREAM 2, STREAM 3, APPEND 4, then APPEND_OK 5 and the store's push
 * EVENTS 6 together; delivering 5 sends RESERVED 7 and delivering 6 sends APPLY (7 or 8: whichever
 * of the two is delivered first takes the lower id).
 */
import type { FaultBudget, Json, Scenario } from '../kernel/types.ts';
import { defaultFlags } from './flags.ts';

const budget = (b: Partial<FaultBudget>): FaultBudget => ({ crash: 0, drop: 0, duplicate: 0, partition: 0, ...b });

function scenario(s: Omit<Scenario, 'prefix' | 'config' | 'data'> & { stock: number; data: { [k: string]: Json } }): Scenario {
  const { stock, ...rest } = s;
  return { ...rest, config: { size: stock, flags: defaultFlags() }, prefix: [] };
}

/** a's reservation up to the store's append: APPEND_OK 5 and EVENTS 6 are then in flight. */
const RESERVE_A = ['q.a-reserve', 'd1', 'd2', 'd3', 'd4', 'd5'];
/** a and b both load the item at version 1 and both append on it. */
const RACE = ['q.a-reserve', 'q.b-reserve', 'd1', 'd2', 'd3', 'd4', 'd5', 'd6', 'd7', 'd8'];

export const scenarios: Scenario[] = [
  scenario({
    id: 'happy-path',
    title: 'Happy path',
    description:
      'Item 1 has 2 units. Client a reserves one, then asks for the stock. The handler rebuilds the item from its events, appends ItemReserved at the version it decided on, and returns the new position; the projector carries the event to the read model, and a’s query waits for that position.',
    stock: 2,
    data: { requests: ['a-reserve', 'a-query'] },
    budget: budget({}),
    tryThis: [
      'Let a reserve a unit and play it straight through: deliver every message in order, then let a query and deliver the rest. Which position does a’s query carry, and what stock does it read?',
      'Switch off “promise read-your-writes (position token)” and play the same run. Does a’s query still see its reservation, and what made it so this time?',
    ],
    solutions: [
      { prompt: 0, steps: [...RESERVE_A, 'd6', 'd7', 'd8', 'd9', 'q.a-query', 'd10', 'd11'], expect: { states: { a: 'idle', projector: 'following' }, took: ['d11'] } },
      { prompt: 1, flags: { positionToken: false }, steps: [...RESERVE_A, 'd6', 'd7', 'd8', 'd9', 'q.a-query', 'd10', 'd11'], expect: { states: { a: 'idle' }, took: ['d11'] } },
    ],
  }),
  scenario({
    id: 'read-after-write',
    title: 'Read right after write',
    description:
      'Client a reserves a unit and queries the stock as soon as the command succeeds, before the projector has updated the read model. With the position token the query waits; without it the read model answers with what it has.',
    stock: 2,
    data: { requests: ['a-reserve', 'a-query'] },
    budget: budget({}),
    tryThis: [
      'Turn on “query without the position token”. Let a reserve; as soon as a hears its reservation succeeded, let it query, and deliver the query before the projector gets the event. What stock does a read?',
      'With the position token (the default), do the same: query right after the reservation succeeds. Where does the query wait, and what does it read once the projector catches up?',
      'Switch off “promise read-your-writes (position token)” and run the same early query. a misses its own write again: is that a broken promise now, or the lag the design admits?',
    ],
    solutions: [
      { prompt: 0, flags: { noPositionToken: true }, steps: [...RESERVE_A, 'd7', 'q.a-query', 'd8', 'd9'], expect: { states: { a: 'idle' }, breaks: 'read-your-writes' } },
      { prompt: 1, steps: [...RESERVE_A, 'd7', 'q.a-query', 'd8', 'd6', 'd9', 'd11'], expect: { states: { a: 'idle' }, took: ['d8', 'd11'] } },
      { prompt: 2, flags: { positionToken: false }, steps: [...RESERVE_A, 'd7', 'q.a-query', 'd8', 'd9'], expect: { states: { a: 'idle' }, breaks: 'read-your-writes' } },
    ],
  }),
  scenario({
    id: 'last-item',
    title: 'Two orders for the last item',
    description:
      'Item 1 has one unit left and clients a and b both reserve it at once. Both commands are decided on the same rebuilt state (version 1, stock 1); the expected version lets only one append land, and the loser reloads and is rejected.',
    stock: 1,
    data: { requests: ['a-reserve', 'b-reserve'] },
    budget: budget({}),
    tryThis: [
      'Turn on “append without the expected version”. Let a and b both send their orders and both load the item before either appends, then deliver both appends. How many units did the stream sell?',
      'With the expected version (the default), run the same race. Whose append is refused, and what does the handler decide when it reloads the item and decides again? Deliver until both clients have their answer.',
    ],
    solutions: [
      { prompt: 0, flags: { noExpectedVersion: true }, steps: RACE, expect: { breaks: 'stock-never-negative' } },
      { prompt: 1, steps: [...RACE, 'd11', 'd12', 'd13', 'd9', 'd14', 'd15'], expect: { states: { a: 'idle', b: 'idle' }, took: ['d11', 'd14', 'd15'] } },
    ],
  }),
  scenario({
    id: 'projector-crash',
    title: 'Projector crash between apply and checkpoint',
    description:
      'Client a reserves a unit and the projector may crash once while it carries the event to the read model. In the safe design the row and the checkpoint change in one read-model transaction, so a restart resumes from the read model’s own checkpoint.',
    stock: 2,
    data: { requests: ['a-reserve'] },
    budget: budget({ crash: 1 }),
    tryThis: [
      'Turn on “projector saves its checkpoint before applying”. Deliver a’s reservation until the projector has saved its checkpoint, crash the projector before it applies, recover it and let it resubscribe. Does the read model ever show the reservation?',
      'With the safe projector, crash it right after the read model applied the event, before its confirmation reaches the projector; recover it and deliver until it has resubscribed. From which checkpoint does it resume?',
    ],
    solutions: [
      { prompt: 0, flags: { checkpointFirst: true }, steps: ['q.a-reserve', 'd1', 'd2', 'd3', 'd4', 'd6', 'c.projector', 'd5', 'd7', 'r.projector', 'd8'], expect: { states: { projector: 'following' }, breaks: 'read-model-converges', took: ['c.projector', 'd8'] } },
      { prompt: 1, steps: ['q.a-reserve', 'd1', 'd2', 'd3', 'd4', 'd6', 'd7', 'c.projector', 'r.projector', 'd9', 'd10', 'd11'], expect: { states: { projector: 'following' }, took: ['c.projector', 'd11'] } },
    ],
  }),
  scenario({
    id: 'redelivery',
    title: 'A redelivered event',
    description:
      'Client a reserves a unit and the network may deliver the store’s push to the projector twice. The read model compares each event’s position with its checkpoint and skips what it already has.',
    stock: 2,
    data: { requests: ['a-reserve'] },
    budget: budget({ duplicate: 1 }),
    tryThis: [
      'Turn on “projector without the position check”. Duplicate the store’s push of a’s ItemReserved to the projector and deliver both copies and everything they cause. What stock does the read model show?',
      'With the safe projector, duplicate the same push and deliver both copies. What happens to the second one?',
    ],
    solutions: [
      { prompt: 0, flags: { notIdempotentProjector: true }, steps: ['q.a-reserve', 'd1', 'd2', 'd3', 'd4', 'u6', 'd6', 'd7', 'd8', 'd9', 'd10'], expect: { breaks: 'no-phantom-or-double' } },
      { prompt: 1, steps: ['q.a-reserve', 'd1', 'd2', 'd3', 'd4', 'u6', 'd6', 'd7', 'd8', 'd9'], expect: { states: { projector: 'following' }, took: ['u6', 'd7', 'd9'] } },
    ],
  }),
  scenario({
    id: 'rebuild',
    title: 'Rebuild the read model',
    description:
      'Item 1 had 2 units and a already reserved one. The operator drops the read model and the projector replays the whole stream into it, while b may reserve the last unit during the replay. Events are the source of truth, so the rebuilt model ends equal to the fold of the stream.',
    stock: 2,
    data: { requests: ['rebuild', 'b-reserve'], reserved: ['a'] },
    budget: budget({}),
    tryThis: [
      'Start the rebuild and deliver every message until the projector is caught up again. Does the rebuilt read model equal the fold of the stream?',
      'Start the rebuild, then let b reserve the last unit while the stream is replaying, and deliver everything. Does b’s event land in the read model exactly once, after a’s?',
    ],
    solutions: [
      { prompt: 0, steps: ['q.rebuild', 'd1', 'd2', 'd3', 'd4', 'd5', 'd6', 'd7', 'd8'], expect: { states: { projector: 'following' }, took: ['q.rebuild', 'd8'] } },
      {
        prompt: 1,
        steps: ['q.rebuild', 'd1', 'd2', 'q.b-reserve', 'd3', 'd5', 'd4', 'd7', 'd8', 'd9', 'd11', 'd6', 'd12', 'd13', 'd14', 'd15', 'd16', 'd10', 'd17'],
        expect: { states: { projector: 'following', b: 'idle' }, took: ['q.b-reserve', 'd17'] },
      },
    ],
  }),
];
