// The kernel's optional fields for client protocols, on a toy defined here: requests a protocol
// blocks (`requestBlocked`), the partitions it offers (`partitions`), stamped log records and the
// logical clock (`World.clock`, `historySteps`), promises (`InvariantResult.promised`,
// `Violation.promised`) and the operations an invariant blames (`Invariant.ops`).
import { describe, expect, it } from 'vitest';
import { enqueueActions, setup } from 'xstate';
import { applyChoices, checkInvariants, choices, choiceToToken, createWorld, explore, historySteps, IllegalChoiceError, promisedInvariants, startWorld, step, worldKey } from './index.ts';
import type { Choice, ClientOperation, Config, Effect, NodeInput, Protocol, World } from './index.ts';

// Toy: client `c` runs operations `op1`, `op2` one at a time: it stamps an invoke, sends REQ to
// server `s`, and stamps an ok when RES comes back. `s` answers every REQ and logs it unstamped.
// `c` also keeps a lazy note, which stamping must not be confused with.
type ClientEvent = { type: `request.${string}` } | { type: 'RES'; op: string; from: string };
const client = setup({
  types: { context: {} as { current: string | null }, events: {} as ClientEvent, input: {} as NodeInput, emitted: {} as Effect },
  actions: {
    invoke: enqueueActions(({ event, enqueue }) => {
      const op = event.type.slice('request.'.length);
      enqueue.emit({ type: 'store.append', record: { t: 'invoke', op }, stamp: true, lazy: true });
      enqueue.emit({ type: 'send', to: 's', message: { type: 'REQ', payload: { op } } });
      enqueue.assign({ current: op });
    }),
    complete: enqueueActions(({ event, enqueue }) => {
      if (event.type !== 'RES') return;
      enqueue.emit({ type: 'store.append', record: { t: 'ok', op: event.op }, stamp: true });
      enqueue.assign({ current: null });
    }),
  },
}).createMachine({
  context: { current: null },
  initial: 'idle',
  states: {
    idle: { on: { 'request.*': { target: 'waiting', actions: 'invoke' } } },
    waiting: { on: { RES: { target: 'idle', actions: 'complete' } } },
  },
});
const server = setup({
  types: { context: {}, events: {} as { type: 'REQ'; op: string; from: string }, input: {} as NodeInput, emitted: {} as Effect },
  actions: {
    answer: enqueueActions(({ event, enqueue }) => {
      enqueue.emit({ type: 'store.append', record: { t: 'served', op: event.op } });
      enqueue.emit({ type: 'send', to: event.from, message: { type: 'RES', payload: { op: event.op } } });
    }),
  },
}).createMachine({ initial: 'up', states: { up: { on: { REQ: { actions: 'answer' } } } } });

type Rec = { t: string; op?: string; at?: number };
const log = (w: World, id: string): Rec[] => ((w.nodes[id].store as { log?: Rec[] }).log ?? []) as Rec[];
const stateOf = (w: World, id: string) => (w.nodes[id].snapshot as { value: string }).value;

/** The client's operations off its stamped log. */
function history(w: World): ClientOperation[] {
  const ops: ClientOperation[] = [];
  for (const r of log(w, 'c')) {
    if (r.t === 'invoke') ops.push({ client: 'c', op: 'write', value: r.op!, invokedAt: r.at!, completedAt: null, outcome: 'unknown' });
    if (r.t === 'ok') Object.assign(ops.find((o) => o.value === r.op)!, { completedAt: r.at!, outcome: 'ok' });
  }
  return ops;
}

const served = (w: World) => log(w, 's').filter((r) => r.t === 'served').length;

const toy: Protocol = {
  id: 'toy',
  title: 'Toy',
  machines: { client, server },
  flags: [{ name: 'strict', label: 'Strict', description: 'Promise at most one answer.', default: false, unsafe: false }],
  sizes: { min: 1, max: 1, default: 1 },
  invariants: [
    {
      name: 'one-answer',
      title: 'One answer',
      description: 's serves at most one request.',
      kind: 'safety',
      check: (w) => (served(w) > 1 ? `s served ${served(w)} requests` : null),
      // Blames every operation after the first.
      ops: (w) => history(w).slice(1).map((_, i) => i + 1),
    },
    {
      name: 'answered',
      title: 'Answered',
      description: 'c ends idle.',
      kind: 'liveness',
      check: (w) => (w.nodes.c.up && stateOf(w, 'c') === 'waiting' ? 'c waits' : null),
    },
    { name: 'busy', title: 'Busy', description: 'Shows when s has served.', kind: 'observation', check: (w) => (served(w) > 0 ? 's has served' : null) },
  ],
  scenarios: [
    {
      id: 'two',
      title: 'Two operations',
      description: 'c runs op1 then op2.',
      config: { size: 1, flags: { strict: false } },
      budget: { crash: 0, drop: 0, duplicate: 0, partition: 1 },
      prefix: [],
      tryThis: [],
    },
  ],
  init: (config: Config, budget) =>
    createWorld({ client, server }, config, budget, [
      { id: 'c', role: 'client', store: { log: [] } },
      { id: 's', role: 'server', store: { log: [] } },
      { id: 't', role: 'server', store: { log: [] } },
    ], ['op1', 'op2']),
  requestTarget: () => 'c',
  // One operation at a time, in order.
  requestBlocked: (request: string, w: World) => {
    if (w.pendingRequests[0] !== request) return `c must first issue ${w.pendingRequests[0]}`;
    if (stateOf(w, 'c') !== 'idle') return 'c is still waiting for an answer';
    return null;
  },
  // Only cut s off, alone or with the other server.
  partitions: () => [[['s']], [['s', 't']]],
  promises: (config: Config) => (config.flags.strict ? ['one-answer', 'answered'] : ['answered']),
  history,
};

const s = toy.scenarios[0];
const cfg = s.config;
const strict: Config = { size: 1, flags: { strict: true } };
const tokens = (w: World) => choices(toy, cfg, w).map(choiceToToken);
const req = (name: string): Choice => ({ kind: 'request', name });
const deliver = (w: World, type: string): Choice => ({ kind: 'deliver', id: w.inFlight.find((m) => m.type === type)!.id });

/** op1 answered, then op2 issued and answered: [start, q.op1, REQ, RES, q.op2, REQ, RES]. */
function both(): { worlds: World[]; path: Choice[] } {
  const worlds = [startWorld(toy, s)];
  const path: Choice[] = [];
  const go = (c: (w: World) => Choice) => {
    const w = worlds[worlds.length - 1];
    const choice = c(w);
    path.push(choice);
    worlds.push(step(toy, cfg, w, choice));
  };
  for (const op of ['op1', 'op2']) {
    go(() => req(op));
    go((w) => deliver(w, 'REQ'));
    go((w) => deliver(w, 'RES'));
  }
  return { worlds, path };
}

describe('requestBlocked: requests a protocol holds back', () => {
  it('a blocked request is not a choice; issuing it is illegal, with the protocol’s reason', () => {
    const w0 = startWorld(toy, s);
    expect(tokens(w0).filter((t) => t.startsWith('q.'))).toEqual(['q.op1']);
    expect(() => step(toy, cfg, w0, req('op2'))).toThrow(IllegalChoiceError);
    expect(() => step(toy, cfg, w0, req('op2'))).toThrow('c must first issue op1');
    const w1 = step(toy, cfg, w0, req('op1'));
    // op2 is next in order now, but c is busy.
    expect(tokens(w1).filter((t) => t.startsWith('q.'))).toEqual([]);
    const r = applyChoices(toy, cfg, w0, [req('op1'), req('op2')]);
    expect(r.error).toEqual({ index: 1, message: 'c is still waiting for an answer' });
    const w2 = step(toy, cfg, w1, deliver(w1, 'REQ'));
    const w3 = step(toy, cfg, w2, deliver(w2, 'RES'));
    expect(tokens(w3).filter((t) => t.startsWith('q.'))).toEqual(['q.op2']);
  });

  it('a request never issued is still reported as not pending, before the protocol is asked', () => {
    expect(() => step(toy, cfg, startWorld(toy, s), req('op3'))).toThrow('request op3 is not pending');
  });
});

describe('partitions: the cuts a protocol offers', () => {
  it('only the protocol’s partitions are choices; the unnamed nodes form the other side', () => {
    const w0 = startWorld(toy, s);
    expect(tokens(w0).filter((t) => t.startsWith('p.') || t.startsWith('i.'))).toEqual(
      [[['s']], [['s', 't']]].map((groups) => choiceToToken({ kind: 'partition', groups })),
    );
    const cut = step(toy, cfg, w0, { kind: 'partition', groups: [['s', 't']] });
    expect(cut.partition).toEqual([['s', 't'], ['c']]);
  });

  it('any other partition is illegal, with the reason', () => {
    const w0 = startWorld(toy, s);
    expect(() => step(toy, cfg, w0, { kind: 'partition', groups: [['c']] })).toThrow('that partition is not one this protocol offers');
    // Without `partitions`, each node alone is offered.
    const plain: Protocol = { ...toy, partitions: undefined };
    expect(choices(plain, cfg, w0).filter((c) => c.kind === 'partition')).toEqual(['c', 's', 't'].map((n) => ({ kind: 'partition', groups: [[n]] })));
    expect(() => step(plain, cfg, w0, { kind: 'partition', groups: [['s', 't']] })).toThrow('only isolating a single node is offered');
  });

  it('a cut loses what is in flight across it', () => {
    const w1 = step(toy, cfg, startWorld(toy, s), req('op1'));
    expect(w1.inFlight.map((m) => m.type)).toEqual(['REQ']);
    const cut = step(toy, cfg, w1, { kind: 'partition', groups: [['s']] });
    expect(cut.inFlight).toEqual([]);
  });
});

describe('stamped log records and the logical clock', () => {
  it('each stamped record carries the clock and advances it; unstamped records do not', () => {
    const { worlds } = both();
    expect(worlds[0].clock).toBeUndefined();
    expect(worlds.map((w) => w.clock ?? 0)).toEqual([0, 1, 1, 2, 3, 3, 4]);
    expect(log(worlds[6], 'c')).toEqual([
      { t: 'invoke', op: 'op1', at: 0 },
      { t: 'ok', op: 'op1', at: 1 },
      { t: 'invoke', op: 'op2', at: 2 },
      { t: 'ok', op: 'op2', at: 3 },
    ]);
    expect(log(worlds[6], 's')).toEqual([{ t: 'served', op: 'op1' }, { t: 'served', op: 'op2' }]);
  });

  it('a stamped record is forced even when marked lazy: a crash keeps it', () => {
    const w1 = step(toy, cfg, startWorld(toy, s), req('op1'));
    expect((w1.nodes.c.store as { unflushed?: number }).unflushed).toBeUndefined();
    const crashed = step(toy, { ...cfg }, { ...w1, budget: { ...w1.budget, crash: 1 } }, { kind: 'crash', node: 'c' });
    expect(log(crashed, 'c')).toEqual([{ t: 'invoke', op: 'op1', at: 0 }]);
  });

  it('the clock is part of a world’s key', () => {
    const w0 = startWorld(toy, s);
    expect(worldKey({ ...w0, clock: 3 })).not.toBe(worldKey(w0));
    expect(worldKey({ ...w0, clock: 0 })).toBe(worldKey(w0));
  });

  it('historySteps puts each operation on the step axis: the index of the world its stamp first shows in', () => {
    const { worlds, path } = both();
    expect(historySteps(toy, cfg, worlds[0], path)).toEqual([
      { client: 'c', op: 'write', value: 'op1', invokedAt: 0, completedAt: 1, outcome: 'ok', invokedStep: 1, completedStep: 3 },
      { client: 'c', op: 'write', value: 'op2', invokedAt: 2, completedAt: 3, outcome: 'ok', invokedStep: 4, completedStep: 6 },
    ]);
    // Part-way: op2 invoked, no answer yet.
    expect(historySteps(toy, cfg, worlds[0], path.slice(0, 5)).map((o) => [o.invokedStep, o.completedStep])).toEqual([
      [1, 3],
      [4, null],
    ]);
    // From a later root: steps count from it.
    expect(historySteps(toy, cfg, worlds[3], path.slice(3)).map((o) => [o.invokedStep, o.completedStep])).toEqual([
      [0, 0],
      [1, 3],
    ]);
    // A protocol without a history has none.
    expect(historySteps({ ...toy, history: undefined }, cfg, worlds[0], path)).toEqual([]);
  });
});

describe('promises and blamed operations', () => {
  const { worlds, path } = both();
  const end = worlds[6];
  const result = (config: Config, name: string, protocol: Protocol = toy) => checkInvariants(protocol, config, end, path).find((r) => r.name === name)!;

  it('checkInvariants marks each safety or liveness result promised or not; observations never', () => {
    expect(result(cfg, 'one-answer')).toMatchObject({ holds: false, message: 's served 2 requests', promised: false });
    expect(result(strict, 'one-answer')).toMatchObject({ holds: false, promised: true });
    expect(result(cfg, 'answered')).toMatchObject({ holds: true, promised: true });
    expect('promised' in result(cfg, 'busy')).toBe(false);
    // Without `promises` the field is absent, and every safety and liveness invariant counts as promised.
    const plain: Protocol = { ...toy, promises: undefined };
    expect('promised' in result(cfg, 'one-answer', plain)).toBe(false);
    expect(promisedInvariants(plain, cfg)).toEqual(['one-answer', 'answered']);
    expect(promisedInvariants(toy, strict)).toEqual(['one-answer', 'answered']);
    expect(promisedInvariants(toy, cfg)).toEqual(['answered']);
  });

  it('explorer violations carry promised too', () => {
    const found = (config: Config, protocol: Protocol = toy) => explore(protocol, s, { config, maxFaults: 0 }).violations.find((v) => v.invariant === 'one-answer')!;
    expect(found(cfg).promised).toBe(false);
    expect(found(strict).promised).toBe(true);
    expect('promised' in found(cfg, { ...toy, promises: undefined })).toBe(false);
    // The run found replays to the same verdict.
    const v = found(strict);
    const w = applyChoices(toy, strict, startWorld(toy, s, strict), v.choices).world;
    expect(checkInvariants(toy, strict, w, v.choices).find((r) => r.name === 'one-answer')).toMatchObject({ holds: false, message: v.message, promised: true });
  });

  it('a failing invariant with ops names the operations it blames; a holding one names none', () => {
    expect(result(cfg, 'one-answer').ops).toEqual([1]);
    const early = checkInvariants(toy, cfg, worlds[3], path.slice(0, 3)).find((r) => r.name === 'one-answer')!;
    expect(early.holds).toBe(true);
    expect(early.ops).toBeUndefined();
    // Invariants without `ops` never carry it.
    expect(result(cfg, 'busy').ops).toBeUndefined();
  });
});
