/**
 * The saga's narration: one step in saga terms for the player's aria-live log ("the order service
 * logged CREDIT_RESERVED for o1 and sent RESERVE_STOCK to inventory: the pivot"). It reads the two
 * worlds and the step's trace, never a machine's internals beyond its persisted context, and
 * returns null where the kernel's generic sentence says it as well (the kernel adds what the
 * network lost either way). Pure.
 */
import type { Choice, Json, Protocol, StepTrace, World } from '../kernel/types.ts';
import { ORDER, PAYMENT, parseRequest } from './data.ts';
import { ledgerOf, type LedgerRecord } from './ledger.ts';
import { sagasOf, type SagaRecord } from './saga-log.ts';
import { list } from './read.ts';

const NAME: Record<string, string> = { order: 'the order service', payment: 'payment', inventory: 'inventory' };
const STEP: Record<string, string> = {
  credit: 'reserving credit',
  stock: 'reserving stock (the pivot)',
  compensate: 'compensating',
  done: 'ended',
};

/** Messages this step put on the wire (or merged into a queued copy), as "TYPE to node". */
function sent(trace: StepTrace): string[] {
  const out: string[] = [];
  for (const e of trace) {
    if (e.kind !== 'send' && e.kind !== 'merged' && !(e.kind === 'lost' && e.atSend)) continue;
    const s = `${e.message.type} to ${e.message.to}`;
    if (!out.includes(s)) out.push(s);
  }
  return out;
}

function records<T>(trace: StepTrace, node: string): T[] {
  return trace.filter((e) => e.kind === 'store' && e.node === node && !e.set).map((e) => (e as { record: Json }).record as unknown as T);
}

const andSent = (trace: StepTrace) => (sent(trace).length ? ` and sent ${list(sent(trace))}` : '');

function atOrder(type: string, o: string, before: World, trace: StepTrace): string {
  const rec = records<SagaRecord>(trace, ORDER).find((r) => r.order === o);
  const lazy = trace.some((e) => e.kind === 'store' && e.node === ORDER && e.lazy);
  const was = sagasOf(before.nodes[ORDER].store)[o];
  if (!rec) return `${NAME.order} ignored a late ${type} for ${o}: ${was ? (was.step === 'done' ? 'its saga has ended' : `its saga is ${STEP[was.step]}`) : 'it has no record of that saga'}`;
  const how = lazy ? 'sent first and wrote lazily' : 'logged';
  switch (rec.type) {
    case 'CREDIT_RESERVED':
      return `payment reserved ${o}'s credit, a compensatable step; ${NAME.order} ${how} CREDIT_RESERVED${andSent(trace)}, the pivot`;
    case 'APPROVED':
      return `inventory reserved stock for ${o}: the pivot succeeded, so the saga must complete, and ${NAME.order} logged APPROVED (the retriable last step)`;
    case 'COMPENSATING':
      return `the pivot failed for ${o}: ${NAME.order} ${how} COMPENSATING${sent(trace).length ? andSent(trace) : '; payment undoes the credit on its own when it hears OUT_OF_STOCK'}`;
    case 'REJECTED':
      return type === 'CREDIT_LIMIT_EXCEEDED'
        ? `payment refused ${o}'s credit (a business failure): nothing else to undo, so ${NAME.order} logged REJECTED, the compensation of creating the order`
        : `payment has released ${o}'s credit: every completed step is compensated, and ${NAME.order} logged REJECTED`;
    default:
      return `${NAME.order} logged ${rec.type} for ${o}`;
  }
}

function atParticipant(node: string, type: string, o: string, before: World, trace: StepTrace): string {
  const r = records<LedgerRecord>(trace, node)[0];
  const what = node === PAYMENT ? 'credit' : 'stock';
  const ledger = ledgerOf(before.nodes[node].store);
  // Under choreography a participant reacts to events and publishes its own; it answers no one.
  const chor = type === 'ORDER_CREATED' || type === 'CREDIT_RESERVED' || type === 'OUT_OF_STOCK';
  const answer = sent(trace).length ? ` and ${chor ? 'published' : 'answered'} ${list(sent(trace))}` : '';
  if (r?.type === 'RESERVED') return `${node} reserved ${r.n} of ${what} for ${o} in a local transaction${answer}`;
  if (r?.type === 'REFUSED') return `${node} refused ${o} (not enough ${what} left)${answer}`;
  if (r?.type === 'RELEASED') return `${node} released ${o}'s ${r.n} of ${what} (the compensation)${answer}`;
  if (r?.type === 'TOMBSTONE') return `${node} had nothing reserved for ${o}, so it recorded a TOMBSTONE${answer}; a reservation for ${o} arriving late will be refused`;
  if (ledger.closed.includes(o) && (type === 'RESERVE_CREDIT' || type === 'ORDER_CREATED')) return `${node} refused the late ${type} for ${o}, whose credit was already released or tombstoned${answer.replace(/ and (answered|published)/, ', and $1')}`;
  if (ledger.closed.includes(o)) return `${node} had already undone ${o}, so it only acknowledged again${answer}`;
  if (type === 'RELEASE_CREDIT' || type === 'OUT_OF_STOCK') return `${node} had nothing reserved for ${o} and recorded nothing (no tombstone)${answer.replace(/ and (answered|published)/, ', then $1')}`;
  return `${node} had already processed ${type} for ${o}, so it reserved nothing${answer ? ` and ${chor ? 'published' : 'answered'} again from its record: ${list(sent(trace))}` : ''}`;
}

function onTimer(name: string, trace: StepTrace): string | null {
  switch (name) {
    case 'credit-timeout':
      return `the credit step's deadline passed (lost or merely slow, the orchestrator cannot tell): it gave up, wrote COMPENSATING${andSent(trace)}, whatever payment did`;
    case 'stock-timeout':
      return `no answer from inventory yet: the pivot's outcome decides the saga, so the orchestrator may not give up and${andSent(trace).replace(' and sent', ' sent')} again`;
    case 'release-timeout':
      return `the compensation is still unacknowledged, and a compensation is retried until it succeeds: the orchestrator${andSent(trace).replace(' and sent', ' sent')}`;
    case 'retry':
      return `${NAME.order} heard no outcome yet and republished (at-least-once delivery): ${list(sent(trace)) || 'nothing new'}`;
  }
  return null;
}

function onRequest(name: string, before: World, after: World, trace: StepTrace): string | null {
  const r = parseRequest(name);
  if (!r) return null;
  if (r.kind === 'place') {
    const lazy = trace.some((e) => e.kind === 'store' && e.lazy);
    return lazy
      ? `the customer placed ${r.order}: ${NAME.order} sent ${list(sent(trace))} before its PENDING record reached disk`
      : `the customer placed ${r.order}: ${NAME.order} created it PENDING in its log${andSent(trace)}`;
  }
  const was = sagasOf(before.nodes[ORDER].store)[r.order];
  const now = sagasOf(after.nodes[ORDER].store)[r.order];
  if (was?.status === 'PENDING' && now?.status === 'REJECTED') return `${NAME.order} marked ${r.order} CANCELLED while its saga still runs: no semantic lock protects the PENDING order`;
  if (was?.status === 'PENDING') return `the customer asked to cancel ${r.order}, but it is PENDING: the semantic lock refuses the cancel until its saga ends`;
  return `the customer asked to cancel ${r.order}, which has already ended ${was?.status ?? ''}: the request is refused`;
}

function onRecover(node: string, after: World, trace: StepTrace): string {
  if (node !== ORDER) return `${node} restarted and read its ledger back, reservations, processed commands and tombstones included`;
  const sagas = sagasOf(after.nodes[ORDER].store);
  const open = Object.keys(sagas).filter((o) => sagas[o].step !== 'done');
  if (!Object.keys(sagas).length) return `${NAME.order} restarted and found no saga in its log`;
  if (!open.length) return `${NAME.order} restarted: every saga in its log has ended`;
  return `${NAME.order} restarted and read its log: ${open.map((o) => `${o} is ${STEP[sagas[o].step]}`).join(', ')}; it resumed${andSent(trace) || ' and sent nothing new (a copy is still queued)'}`;
}

export const narrate: NonNullable<Protocol['narrate']> = (before: World, choice: Choice, after: World, trace: StepTrace) => {
  let s: string | null = null;
  if (choice.kind === 'deliver') {
    const m = before.inFlight.find((x) => x.id === choice.id);
    if (!m) return null;
    const o = String(m.payload.order ?? '');
    s = m.to === ORDER ? atOrder(m.type, o, before, trace) : atParticipant(m.to, m.type, o, before, trace);
  } else if (choice.kind === 'timer') {
    s = onTimer(choice.name, trace);
  } else if (choice.kind === 'request') {
    s = onRequest(choice.name, before, after, trace);
  } else if (choice.kind === 'recover') {
    s = onRecover(choice.node, after, trace);
  }
  return s === null ? null : s.charAt(0).toUpperCase() + s.slice(1) + '.';
};
