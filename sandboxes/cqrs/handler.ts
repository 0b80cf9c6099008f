/**
 * The command handler for inventory items, as an XState machine. It validates each command
 * against the item's state rebuilt from its events and appends the resulting event with the
 * version it decided on. Must not: read the read model, keep aggregate state between commands
 * (it rebuilds every time), read a clock.
 *
 * Optimistic concurrency (EventStoreDB's expected version; Young, "CQRS Documents"; DDIA ch. 11):
 * APPEND carries the stream version the decision was made on; the store refuses it with
 * WRONG_EXPECTED_VERSION when another append got there first, and the handler reloads the stream
 * and decides again on fresh state (the retry the literature prescribes: re-validate, never just
 * re-send). Commands from different clients run concurrently, as two handler instances would, so
 * two decisions can rest on the same version. Unsafe `noExpectedVersion`: append with "any
 * version", and both land.
 */
import { and, enqueueActions, setup } from 'xstate';
import type { Effect, NodeInput } from '../kernel/types.ts';
import { ITEM, foldStock, send, type HandlerEvent, type Positioned } from './messages.ts';

/** One command in progress: whose, its id, and the stream version it was decided on while appending. */
export type Command = { client: string; command: string; phase: 'loading' | 'appending'; version: number };

export type HandlerContext = {
  store: string;
  noExpectedVersion: boolean;
  recovering: boolean;
  commands: Command[];
};

const forOf = (e: HandlerEvent) => (e.type === 'RESERVE' ? e.from : e.for);

function without(commands: Command[], client: string): Command[] {
  return commands.filter((c) => c.client !== client);
}

const commandOf = (context: HandlerContext, client: string) => context.commands.find((c) => c.client === client)?.command ?? '';

/** The position of this command's event when the stream already holds it (a redelivered command). */
export function donePosition(events: Positioned[], command: string): number | null {
  return events.find((e) => e.event.type === 'ItemReserved' && e.event.command === command)?.position ?? null;
}

function appendAt(context: HandlerContext, client: string, version: number, expected: number | null) {
  const command = commandOf(context, client);
  const cmd: Command = { client, command, phase: 'appending', version };
  return {
    effect: send(context.store, 'APPEND', { for: client, stream: ITEM, event: { type: 'ItemReserved', by: client, command }, expectedVersion: expected }),
    commands: [...without(context.commands, client), cmd],
  };
}

export const handler = setup({
  types: { context: {} as HandlerContext, events: {} as HandlerEvent, input: {} as NodeInput, emitted: {} as Effect },
  actions: {
    /** Load the aggregate: read its whole stream (no snapshot: streams here are short). */
    load: enqueueActions(({ context, event, enqueue }) => {
      const client = forOf(event);
      const command = event.type === 'RESERVE' ? event.command : commandOf(context, client);
      enqueue.emit(send(context.store, 'READ_STREAM', { for: client, stream: ITEM }));
      enqueue.assign({ commands: [...without(context.commands, client), { client, command, phase: 'loading', version: 0 }] });
    }),
    reload: enqueueActions(({ context, event, enqueue }) => {
      const client = forOf(event);
      enqueue.emit(send(context.store, 'READ_STREAM', { for: client, stream: ITEM }));
      enqueue.assign({ commands: [...without(context.commands, client), { client, command: commandOf(context, client), phase: 'loading', version: 0 }] });
    }),
    /** The stream already holds this command's event: answer as the first time. */
    confirmDone: enqueueActions(({ context, event, enqueue }) => {
      if (event.type !== 'STREAM') return;
      enqueue.emit(send(event.for, 'RESERVED', { position: donePosition(event.events, commandOf(context, event.for)) ?? 0 }));
      enqueue.assign({ commands: without(context.commands, event.for) });
    }),
    appendExpected: enqueueActions(({ context, event, enqueue }) => {
      if (event.type !== 'STREAM') return;
      const out = appendAt(context, event.for, event.version, event.version);
      enqueue.emit(out.effect);
      enqueue.assign({ commands: out.commands });
    }),
    // UNSAFE (noExpectedVersion): "any version", so a concurrent append never conflicts.
    appendAnyVersion: enqueueActions(({ context, event, enqueue }) => {
      if (event.type !== 'STREAM') return;
      const out = appendAt(context, event.for, event.version, null);
      enqueue.emit(out.effect);
      enqueue.assign({ commands: out.commands });
    }),
    reject: enqueueActions(({ context, event, enqueue }) => {
      if (event.type !== 'STREAM') return;
      enqueue.emit(send(event.for, 'REJECTED', { stock: foldStock(event.events.map((e) => e.event)) }));
      enqueue.assign({ commands: without(context.commands, event.for) });
    }),
    confirm: enqueueActions(({ context, event, enqueue }) => {
      if (event.type !== 'APPEND_OK') return;
      enqueue.emit(send(event.for, 'RESERVED', { position: event.position }));
      enqueue.assign({ commands: without(context.commands, event.for) });
    }),
  },
  guards: {
    recovering: ({ context }) => context.recovering,
    inStock: ({ event }) => event.type === 'STREAM' && foldStock(event.events.map((e) => e.event)) >= 1,
    noExpectedVersion: ({ context }) => context.noExpectedVersion,
    /** A new command (a duplicate of one in progress is ignored). */
    fresh: ({ context, event }) => !context.commands.some((c) => c.client === forOf(event)),
    /** The answer is for a command of that client in that phase (a stale or duplicated one is ignored). */
    loading: ({ context, event }) => context.commands.some((c) => c.client === forOf(event) && c.phase === 'loading'),
    appending: ({ context, event }) => context.commands.some((c) => c.client === forOf(event) && c.phase === 'appending'),
    alreadyDone: ({ context, event }) => event.type === 'STREAM' && donePosition(event.events, commandOf(context, event.for)) !== null,
  },
}).createMachine({
  id: 'handler',
  context: ({ input }) => ({
    store: input.peers.find((p) => p.role === 'store')?.id ?? 'store',
    noExpectedVersion: input.config.flags.noExpectedVersion === true,
    recovering: input.recovering,
    commands: [],
  }),
  initial: 'start',
  states: {
    start: { always: [{ guard: 'recovering', target: 'recovering' }, { target: 'serving' }] },
    serving: {
      on: {
        RESERVE: { guard: 'fresh', actions: 'load' },
        STREAM: [
          { guard: and(['loading', 'alreadyDone']), actions: 'confirmDone' },
          { guard: and(['loading', 'inStock', 'noExpectedVersion']), actions: 'appendAnyVersion' },
          { guard: and(['loading', 'inStock']), actions: 'appendExpected' },
          { guard: 'loading', actions: 'reject' },
        ],
        APPEND_OK: { guard: 'appending', actions: 'confirm' },
        // Someone appended since we loaded: reload and decide again on fresh state.
        WRONG_EXPECTED_VERSION: { guard: 'appending', actions: 'reload' },
      },
    },
    // Restart: the handler holds no state of its own; the stream is the truth.
    recovering: { always: { target: 'serving' } },
  },
});
