/**
 * CQRS with event sourcing as a Protocol: the only import point for this folder.
 *
 * Nodes: clients `a` and `b`, the command `handler` for inventory items, the event `store`, the
 * `projector` and the read model's store, `view`. Size is the item's starting stock (the stream
 * opens with ItemStocked). Scenario data: `requests`, the operations in order (`a-reserve`,
 * `b-query`, `rebuild`…; default a reserves, then queries), and `reserved`, clients whose
 * ItemReserved is already in the stream and projected. Each client runs one operation at a time,
 * in its order; `rebuild` goes to the projector once it is idle. Only the projector crashes: the
 * store and the read model are durable databases, the handler is stateless, and a client stands
 * for the application.
 */
import { createWorld } from '../kernel/world.ts';
import type { Config, FaultBudget, Json, NodeId, Protocol, World } from '../kernel/types.ts';
import { client } from './client.ts';
import { handler } from './handler.ts';
import { eventStore } from './event-store.ts';
import { projector } from './projector.ts';
import { view } from './view.ts';
import { flags, promisesRyw } from './flags.ts';
import { invariants } from './invariants.ts';
import { narrate } from './narrate.ts';
import { outcome } from './outcome.ts';
import { scenarios } from './scenarios.ts';
import { parseRequest, type DomainEvent } from './messages.ts';
import { ctxOf, stateOf } from './read.ts';

export const CLIENTS = ['a', 'b'];

const machines = { client, handler, store: eventStore, projector, view };

function init(config: Config, budget: FaultBudget, data?: { [key: string]: Json }): World {
  const requests = Array.isArray(data?.requests) ? (data.requests as string[]) : ['a-reserve', 'a-query'];
  const reserved = Array.isArray(data?.reserved) ? (data.reserved as string[]) : [];
  const stream: DomainEvent[] = [{ type: 'ItemStocked', qty: config.size }, ...reserved.map((by) => ({ type: 'ItemReserved' as const, by, command: `${by}0` }))];
  // The read model starts caught up: one APPLIED transaction per event.
  const applied = stream.map((event, i) => ({ type: 'APPLIED', position: i + 1, event }));
  const nodes = [
    ...CLIENTS.map((id) => ({ id, role: 'client', store: { log: [] } })),
    { id: 'handler', role: 'handler', store: {} },
    { id: 'store', role: 'store', store: { log: stream } },
    // Deployed at the position the read model was built to (the safe design reads it back from
    // the read model on every restart; the checkpoint-first design keeps this record as its own).
    { id: 'projector', role: 'projector', store: { log: [{ type: 'CHECKPOINT', position: stream.length }] } },
    { id: 'view', role: 'view', store: { log: applied } },
  ];
  return createWorld(machines, config, budget, nodes as { id: string; role: string; store: Json }[], requests, null);
}

function requestTarget(request: string): NodeId {
  return request === 'rebuild' ? 'projector' : (parseRequest(request)?.client ?? CLIENTS[0]);
}

function requestBlocked(request: string, world: World): string | null {
  if (request === 'rebuild') {
    const p = world.nodes.projector;
    return stateOf(p) === 'following' && !(ctxOf(p).queue as unknown[]).length ? null : 'the projector is busy: rebuild once it is following and idle';
  }
  const req = parseRequest(request);
  if (!req) return `${request} is not a client operation`;
  const earlier = world.pendingRequests.find((r) => parseRequest(r)?.client === req.client);
  if (earlier !== request) return `${req.client} must first issue ${earlier}`;
  if (stateOf(world.nodes[req.client]) !== 'idle') return `${req.client} is still waiting for an answer to its last operation`;
  return null;
}

function crashBlocked(node: NodeId): string | null {
  return node === 'projector' ? null : `${node} does not crash in this model: only the projector does`;
}

function requestLabel(request: string): string {
  if (request === 'rebuild') return 'The operator rebuilds the read model';
  const req = parseRequest(request);
  return req ? `${req.client} ${req.op === 'reserve' ? 'reserves one unit of item 1' : 'queries item 1’s stock'}` : request;
}

/** Read-your-writes is promised only by the position-token design. */
function promises(config: Config): string[] {
  const out = ['stock-never-negative', 'no-phantom-or-double', 'read-model-converges'];
  return promisesRyw(config) ? [...out, 'read-your-writes'] : out;
}

function memory(role: string, context: Json): Json {
  const c = context as { [k: string]: Json };
  if (role === 'client') return { token: c.token };
  if (role === 'handler') return { commands: c.commands };
  if (role === 'store') return { version: (c.events as Json[]).length };
  if (role === 'projector') return { queue: c.queue, ...(c.checkpointFirst ? { saved: c.saved } : {}) };
  return { stock: c.stock, checkpoint: c.checkpoint, waiting: c.waiting };
}

export const cqrs: Protocol = {
  id: 'cqrs',
  title: 'CQRS and event sourcing',
  machines,
  flags,
  sizes: { min: 1, max: 3, default: 2 },
  sizeLabel: 'Units in stock',
  invariants,
  scenarios,
  init,
  requestTarget,
  requestLabel,
  requestBlocked,
  crashBlocked,
  promises,
  narrate,
  outcome,
  memory,
  topology: { kind: 'clique' },
  flagGuards: { noExpectedVersion: 'noExpectedVersion', checkpointFirst: 'checkpointFirst' },
  guardLabels: {
    inStock: 'rebuilt stock ≥ 1',
    fresh: 'no command of that client in progress',
    loading: 'its command is loading the item',
    appending: 'its command is appending',
    alreadyDone: 'the stream already holds this command’s event',
    versionMatches: 'expected version = stream version',
    alreadyApplied: 'position ≤ checkpoint',
    nothingReady: 'nothing ready (empty, or a gap)',
    headApplied: 'the read model confirmed the head event',
  },
  // Textbook names: Young's CQRS documents, EventStoreDB's subscriptions, Fowler's event sourcing.
  stateNames: {
    client: { idle: 'no op open', commanding: 'writing (command sent to the write side)', querying: 'reading (query sent to the read side)' },
    handler: { serving: 'command handler (load, decide, append)' },
    store: { serving: 'event store' },
    projector: {
      following: 'live catch-up subscription',
      next: 'picking (the next event)',
      applying: 'applying (row and checkpoint in one transaction)',
      checkpointed: 'ahead (checkpoint saved, event not applied)',
      resuming: 'resuming (reading the checkpoint to resubscribe)',
    },
    view: { serving: 'read model' },
  },
};

export default cqrs;
export { client, handler, eventStore, projector, view };
