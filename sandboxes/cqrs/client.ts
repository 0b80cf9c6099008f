/**
 * A client (a, b) as an XState machine: it issues one command or query at a time and records what
 * came back. Must not: read a clock, see the read model except through QUERY.
 *
 * With the position token (Young, "CQRS Documents"; REFERENCES §4 on read-your-writes), a
 * successful RESERVE returns the position of the appended event and the next QUERY carries it, so
 * the read model answers only once it has reached that position. Without it, the query reads
 * whatever the read model holds now.
 */
import { enqueueActions, setup } from 'xstate';
import type { Effect, NodeInput } from '../kernel/types.ts';
import { parseRequest, send, type ClientEvent } from './messages.ts';
import { clientLog } from './store.ts';
import { usesToken } from './flags.ts';

export type ClientContext = {
  handler: string;
  view: string;
  useToken: boolean;
  recovering: boolean;
  /** The position of this client's last successful command (0: none). */
  token: number;
  /** Commands answered so far: names the next one (`a1`, `a2`…). */
  answered: number;
  id: string;
};

const opOf = (type: string) => parseRequest(type.slice('request.'.length))?.op;

export const client = setup({
  types: { context: {} as ClientContext, events: {} as ClientEvent, input: {} as NodeInput, emitted: {} as Effect },
  actions: {
    sendReserve: enqueueActions(({ context, enqueue }) => enqueue.emit(send(context.handler, 'RESERVE', { command: `${context.id}${context.answered + 1}` }))),
    sendQuery: enqueueActions(({ context, enqueue }) => enqueue.emit(send(context.view, 'QUERY', { after: context.useToken ? context.token : 0 }))),
    recordReserved: enqueueActions(({ context, event, enqueue }) => {
      if (event.type !== 'RESERVED') return;
      enqueue.emit({ type: 'store.append', record: { type: 'RESERVED', position: event.position } });
      enqueue.assign({ token: event.position, answered: context.answered + 1 });
    }),
    recordRejected: enqueueActions(({ context, enqueue }) => {
      enqueue.emit({ type: 'store.append', record: { type: 'REJECTED' } });
      enqueue.assign({ answered: context.answered + 1 });
    }),
    recordRead: enqueueActions(({ event, enqueue }) => {
      if (event.type === 'QUERY_RESULT') enqueue.emit({ type: 'store.append', record: { type: 'READ', stock: event.stock, position: event.position } });
    }),
  },
  guards: {
    recovering: ({ context }) => context.recovering,
    isReserve: ({ event }) => opOf(event.type) === 'reserve',
    isQuery: ({ event }) => opOf(event.type) === 'query',
  },
}).createMachine({
  id: 'client',
  context: ({ input }) => ({
    handler: 'handler',
    view: 'view',
    useToken: usesToken(input.config),
    recovering: input.recovering,
    token: clientLog(input.store).reduce((m, r) => (r.type === 'RESERVED' ? r.position : m), 0),
    answered: clientLog(input.store).filter((r) => r.type !== 'READ').length,
    id: input.id,
  }),
  initial: 'start',
  states: {
    start: { always: [{ guard: 'recovering', target: 'recovering' }, { target: 'idle' }] },
    idle: {
      on: {
        'request.a-reserve': { guard: 'isReserve', target: 'commanding', actions: 'sendReserve' },
        'request.b-reserve': { guard: 'isReserve', target: 'commanding', actions: 'sendReserve' },
        'request.a-query': { guard: 'isQuery', target: 'querying', actions: 'sendQuery' },
        'request.b-query': { guard: 'isQuery', target: 'querying', actions: 'sendQuery' },
      },
    },
    commanding: {
      on: {
        RESERVED: { target: 'idle', actions: 'recordReserved' },
        REJECTED: { target: 'idle', actions: 'recordRejected' },
      },
    },
    querying: { on: { QUERY_RESULT: { target: 'idle', actions: 'recordRead' } } },
    // Restart: the token is in the log; an operation in progress is abandoned.
    recovering: { always: { target: 'idle' } },
  },
});
