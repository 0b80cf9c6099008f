/**
 * The order service as an XState machine: it owns the orders table and, under orchestration, runs
 * the create-order saga's orchestrator (Richardson 2018, ch. 4). It talks only by emitting effects;
 * its timeouts are kernel timers; every saga step goes to its durable log (saga-log.ts) before the
 * message that depends on it leaves, so a restarted service resumes each open saga from its log.
 *
 * The saga: create the order PENDING (compensatable: undone by rejecting it), reserve credit
 * (compensatable: RELEASE_CREDIT), reserve stock (the pivot: once it succeeds the saga must
 * complete), approve the order (retriable, after the pivot; here a local write that cannot fail).
 * Failure of a step before the pivot runs the compensations of the completed steps in reverse
 * order (Garcia-Molina & Salem 1987: T1…Tj, then Cj…C1).
 *
 * Orchestration: commands and replies. The credit step has a deadline (`credit-timeout`): the
 * orchestrator gives up and compensates without knowing whether the reservation happened, which
 * is why payment needs a tombstone. The pivot's timeout only asks again: its outcome decides the
 * saga. Compensations are resent until acknowledged. Choreography: the order service publishes
 * ORDER_CREATED and waits for the chain's outcome event, republishing on its `retry` timer
 * (at-least-once); payment compensates on inventory's OUT_OF_STOCK on its own.
 *
 * The semantic lock (Frank & Zahle 1998; Richardson §4.3.2): a PENDING order cannot be cancelled
 * by the client; the cancel is refused until the saga ends.
 *
 * Sagas (one per order, up to two at once) live in context; requests, replies and timers are
 * handled alike in every state. The machine's state shows the saga in view (`viewOf`): its step,
 * named as the literature names it, or how it ended.
 */
import { and, enqueueActions, not, setup } from 'xstate';
import type { NodeInput } from '../kernel/types.ts';
import { PAYMENT, INVENTORY, requestOrder } from './data.ts';
import { send, type Emitted, type OrderEvent } from './messages.ts';
import { applySagaRecord, sagasOf, type Saga, type SagaRecordType, type Step } from './saga-log.ts';

export type OrderContext = {
  sagas: Record<string, Saga>;
  /** Timers this node has armed (kernel timers are lost with it in a crash, and so is this). */
  armed: string[];
  choreography: boolean;
  sendBeforeLog: boolean;
  noCompensationRetry: boolean;
  noSemanticLock: boolean;
  recovering: boolean;
};

type Enqueue = { emit: (e: Emitted) => void; assign: (values: Partial<OrderContext>) => void };

/** The order an event is about: a message's payload, or the request's name. */
function orderOf(event: OrderEvent): string {
  return 'order' in event ? event.order : requestOrder(event.type);
}

const sagaOf = (c: OrderContext, e: OrderEvent): Saga | undefined => c.sagas[orderOf(e)];
const stepOf = (c: OrderContext, e: OrderEvent): Step | undefined => sagaOf(c, e)?.step;

/** Records that a message depends on are forced first, unless the unsafe variant sends before logging. */
const LEADS_TO_SEND: SagaRecordType[] = ['PENDING', 'CREDIT_RESERVED', 'COMPENSATING'];

/** Log a saga record for an order and apply it to memory. */
function log(enqueue: Enqueue, c: OrderContext, order: string, saga: SagaRecordType): OrderContext {
  const lazy = c.sendBeforeLog && LEADS_TO_SEND.includes(saga);
  enqueue.emit(lazy ? { type: 'store.append', record: { type: saga, order }, lazy: true } : { type: 'store.append', record: { type: saga, order } });
  const next = { ...c, sagas: { ...c.sagas, [order]: applySagaRecord(c.sagas[order], saga) } };
  enqueue.assign({ sagas: next.sagas });
  return next;
}

/** The message a saga at this step sends (again): the command it waits on, or choreography's first event. */
function commandFor(c: OrderContext, order: string, step: Step): Emitted | null {
  if (c.choreography) return step === 'done' || (step === 'compensate' && c.noCompensationRetry) ? null : send(PAYMENT, 'ORDER_CREATED', order);
  if (step === 'credit') return send(PAYMENT, 'RESERVE_CREDIT', order);
  if (step === 'stock') return send(INVENTORY, 'RESERVE_STOCK', order);
  if (step === 'compensate') return send(PAYMENT, 'RELEASE_CREDIT', order);
  return null;
}

/** Advance one saga by a record, then send what its new step asks for ("log, then send"). */
function advance(enqueue: Enqueue, c: OrderContext, order: string, saga: SagaRecordType): OrderContext {
  const before = c.sagas[order]?.step;
  const sendFirst = c.sendBeforeLog;
  const after = applySagaRecord(c.sagas[order], saga).step;
  // Under choreography only the saga's start is this service's to publish; the rest is events.
  const moved = c.choreography ? saga === 'PENDING' : after !== before || saga === 'PENDING';
  const msg = moved ? commandFor(c, order, after) : null;
  if (msg && sendFirst) enqueue.emit(msg);
  const next = log(enqueue, c, order, saga);
  if (msg && !sendFirst) enqueue.emit(msg);
  return next;
}

/** The timers the open sagas need: each step's deadline or retry. */
function neededTimers(c: OrderContext): string[] {
  const steps = Object.values(c.sagas).map((s) => s.step);
  const out: string[] = [];
  if (c.choreography) {
    if (steps.some((s) => s === 'credit' || (s === 'compensate' && !c.noCompensationRetry))) out.push('retry');
    return out;
  }
  if (steps.includes('credit')) out.push('credit-timeout');
  if (steps.includes('stock')) out.push('stock-timeout');
  if (steps.includes('compensate') && !c.noCompensationRetry) out.push('release-timeout');
  return out;
}

/** Sagas at a step, in order-id order. */
const atStep = (c: OrderContext, step: Step) => Object.keys(c.sagas).sort().filter((o) => c.sagas[o].step === step);

/** The machine states: no order yet, or where the saga in view stands (a restart routes through `recovering`). */
export type View = 'idle' | 'reservingCredit' | 'reservingStock' | 'compensating' | 'approved' | 'rejected';

/**
 * Which saga the machine's state shows: the first open one (o1 before o2), or when all have
 * ended, the last by id (o2 when there are two). With one order the state is that saga's step, as
 * the literature draws it; with two, the state follows whichever still needs the service. Under
 * choreography `reservingCredit` means waiting on the chain of events, as no command is out.
 */
export function viewOf(c: Pick<OrderContext, 'sagas'>): View {
  const ids = Object.keys(c.sagas).sort();
  if (!ids.length) return 'idle';
  const s = c.sagas[ids.find((o) => c.sagas[o].step !== 'done') ?? ids[ids.length - 1]];
  if (s.step === 'credit') return 'reservingCredit';
  if (s.step === 'stock') return 'reservingStock';
  if (s.step === 'compensate') return 'compensating';
  return s.status === 'APPROVED' ? 'approved' : 'rejected';
}

const ROUTES = [
  { guard: 'showsCredit', target: 'reservingCredit' },
  { guard: 'showsStock', target: 'reservingStock' },
  { guard: 'showsCompensating', target: 'compensating' },
  { guard: 'showsApproved', target: 'approved' },
  { guard: 'showsRejected', target: 'rejected' },
] as const;

/** A state's eventless edges: to the state that now shows the saga in view, if that is another one. */
const routesFrom = (self: View) => ROUTES.filter((r) => r.target !== self);

/** Replies and events: handled while sagas run, and looked at (and declined) once all have ended. */
const sagaReplies = {
  CREDIT_RESERVED: { guard: and([not('choreography'), 'awaitsCredit']), actions: ['creditReserved', 'syncTimers'] },
  CREDIT_LIMIT_EXCEEDED: { guard: 'awaitsCredit', actions: ['reject', 'syncTimers'] },
  STOCK_RESERVED: { guard: 'awaitsStock', actions: ['approve', 'syncTimers'] },
  OUT_OF_STOCK: { guard: 'awaitsStock', actions: ['compensate', 'syncTimers'] },
  CREDIT_RELEASED: { guard: 'awaitsRelease', actions: ['reject', 'syncTimers'] },
} as const;

/** Timers: each step's deadline or retry under orchestration, the republishing timer under choreography. */
const sagaTimers = {
  'timer.credit-timeout': { guard: not('choreography'), actions: ['timerFired', 'giveUpCredit', 'syncTimers'] },
  'timer.stock-timeout': { guard: not('choreography'), actions: ['timerFired', { type: 'resend', params: { step: 'stock' } }, 'syncTimers'] },
  'timer.release-timeout': { guard: not('choreography'), actions: ['timerFired', { type: 'resend', params: { step: 'compensate' } }, 'syncTimers'] },
  'timer.retry': {
    guard: 'choreography',
    actions: ['timerFired', { type: 'resend', params: { step: 'credit' } }, { type: 'resend', params: { step: 'compensate' } }, 'syncTimers'],
  },
} as const;

export const order = setup({
  types: {
    context: {} as OrderContext,
    events: {} as OrderEvent,
    input: {} as NodeInput,
    emitted: {} as Emitted,
  },
  actions: {
    /** Create the order PENDING (the saga's first, compensatable step) and start the saga. */
    place: enqueueActions(({ context, event, enqueue }) => void advance(enqueue, context, orderOf(event), 'PENDING')),
    /** UNSAFE (noSemanticLock): the client's cancel overwrites a PENDING order while its saga runs on. */
    cancel: enqueueActions(({ context, event, enqueue }) => void log(enqueue, context, orderOf(event), 'CANCELLED')),
    creditReserved: enqueueActions(({ context, event, enqueue }) => void advance(enqueue, context, orderOf(event), 'CREDIT_RESERVED')),
    approve: enqueueActions(({ context, event, enqueue }) => void advance(enqueue, context, orderOf(event), 'APPROVED')),
    reject: enqueueActions(({ context, event, enqueue }) => void advance(enqueue, context, orderOf(event), 'REJECTED')),
    /** A step failed after credit was (or may have been) reserved: undo it. */
    compensate: enqueueActions(({ context, event, enqueue }) => void advance(enqueue, context, orderOf(event), 'COMPENSATING')),
    /** The credit step's deadline passed: compensate every saga still waiting on it, outcome unknown. */
    giveUpCredit: enqueueActions(({ context, enqueue }) => {
      let c = context;
      for (const o of atStep(context, 'credit')) c = advance(enqueue, c, o, 'COMPENSATING');
    }),
    /** Resend what the sagas at a step wait on (the kernel merges a copy still queued). */
    resend: enqueueActions(({ context, enqueue }, params: { step: Step }) => {
      for (const o of atStep(context, params.step)) {
        const m = commandFor(context, o, params.step);
        if (m) enqueue.emit(m);
      }
    }),
    /** After a restart: send again what every open saga waits on. */
    resume: enqueueActions(({ context, enqueue }) => {
      for (const step of ['credit', 'stock', 'compensate'] as const) {
        for (const o of atStep(context, step)) {
          const m = commandFor(context, o, step);
          if (m) enqueue.emit(m);
        }
      }
    }),
    timerFired: enqueueActions(({ context, event, enqueue }) => {
      const name = event.type.replace(/^timer\./, '');
      enqueue.assign({ armed: context.armed.filter((t) => t !== name) });
    }),
    /** Arm the timers the open sagas need and clear the others. Runs after every change. */
    syncTimers: enqueueActions(({ context, enqueue }) => {
      const need = neededTimers(context);
      for (const t of context.armed) if (!need.includes(t)) enqueue.emit({ type: 'timer.clear', name: t });
      for (const t of need) if (!context.armed.includes(t)) enqueue.emit({ type: 'timer.set', name: t });
      if (need.join() !== context.armed.join()) enqueue.assign({ armed: need });
    }),
  },
  guards: {
    recovering: ({ context }) => context.recovering,
    choreography: ({ context }) => context.choreography,
    noSemanticLock: ({ context }) => context.noSemanticLock,
    isPending: ({ context, event }) => sagaOf(context, event)?.status === 'PENDING',
    /** Orchestration's credit reply is expected while the saga is at the credit step. */
    awaitsCredit: ({ context, event }) => stepOf(context, event) === 'credit',
    /** The pivot's outcome: orchestration asked for stock; under choreography the chain's end. */
    awaitsStock: ({ context, event }) => stepOf(context, event) === (context.choreography ? 'credit' : 'stock'),
    /** CREDIT_RELEASED ends a compensating saga (or, from a tombstone, one that still waits on credit). */
    awaitsRelease: ({ context, event }) => stepOf(context, event) === 'compensate' || stepOf(context, event) === 'credit',
    anyOpen: ({ context }) => Object.values(context.sagas).some((s) => s.step !== 'done'),
    showsCredit: ({ context }) => viewOf(context) === 'reservingCredit',
    showsStock: ({ context }) => viewOf(context) === 'reservingStock',
    showsCompensating: ({ context }) => viewOf(context) === 'compensating',
    showsApproved: ({ context }) => viewOf(context) === 'approved',
    showsRejected: ({ context }) => viewOf(context) === 'rejected',
  },
}).createMachine({
  id: 'order',
  context: ({ input }) => {
    const f = input.config.flags;
    return {
      sagas: sagasOf(input.store),
      armed: [],
      choreography: f.choreography === true,
      sendBeforeLog: f.sendBeforeLog === true,
      noCompensationRetry: f.noCompensationRetry === true,
      noSemanticLock: f.noSemanticLock === true,
      recovering: input.recovering,
    };
  },
  initial: 'start',
  // Requests, replies and timers are handled the same in every state (the sagas live in context);
  // each state then routes (eventless) to the one showing the saga in view.
  on: {
    'request.place-o1': { actions: ['place', 'syncTimers'] },
    'request.place-o2': { actions: ['place', 'syncTimers'] },
    // With the semantic lock (the default) a cancel of a PENDING order is refused: no edge.
    'request.cancel-o1': { guard: and(['noSemanticLock', 'isPending']), actions: 'cancel' },
    'request.cancel-o2': { guard: and(['noSemanticLock', 'isPending']), actions: 'cancel' },
    ...sagaReplies,
    ...sagaTimers,
  },
  states: {
    start: {
      always: [{ guard: 'recovering', target: 'recovering' }, { target: 'idle' }],
    },
    // No order placed yet.
    idle: { always: [...routesFrom('idle')] },
    // The orchestrator waits on payment: the compensatable step (under choreography, on the chain's outcome).
    reservingCredit: { always: [...routesFrom('reservingCredit')] },
    // The orchestrator waits on inventory: the pivot. It retries; it may no longer give up.
    reservingStock: { always: [...routesFrom('reservingStock')] },
    // Undoing the completed steps in reverse order: release the credit, then reject the order.
    compensating: { always: [...routesFrom('compensating')] },
    // Ended: every step stands. Late replies are still looked at and declined.
    approved: { always: [...routesFrom('approved')] },
    // Ended: every completed step compensated.
    rejected: { always: [...routesFrom('rejected')] },
    // Restart after a crash: the log says where each saga stood; resend what each open one waits on.
    recovering: {
      always: [
        { guard: 'anyOpen', actions: ['resume', 'syncTimers'], target: 'route' },
        { target: 'route' },
      ],
    },
    // Transient: on to the state that shows the saga in view.
    route: { always: [...ROUTES, { target: 'idle' }] },
  },
});
