/**
 * Narration of one CQRS step in the pattern's terms, for the aria-live log: what the command
 * handler decided and on which version, what the store appended or refused, what the projector and
 * the read model did with an event. Returns null only for choices it has nothing to add to. Pure.
 */
import type { Choice, Json, Message, StepTrace, World } from '../kernel/types.ts';
import { foldStock, type DomainEvent, type Positioned } from './messages.ts';
import { viewRow } from './store.ts';
import { count, ctxOf } from './read.ts';

type P = { [k: string]: Json };

const eventWords = (e: DomainEvent) => (e.type === 'ItemStocked' ? `ItemStocked (${e.qty})` : `ItemReserved by ${e.by}`);

function handlerLine(m: Message): string | null {
  const p = m.payload as P;
  if (m.type === 'RESERVE') return `The handler took ${m.from}’s ReserveItem command for item 1 and loads the item’s stream to rebuild it.`;
  if (m.type === 'STREAM') {
    const events = (p.events as unknown as Positioned[]).map((e) => e.event);
    return `The handler rebuilt item 1 from ${count(events.length, 'event')} (stock ${foldStock(events)}) for ${p.for}’s command`;
  }
  if (m.type === 'APPEND_OK') return `The store confirmed ${p.for}’s append at position ${p.position}; the handler tells ${p.for} the command succeeded, with that position.`;
  if (m.type === 'WRONG_EXPECTED_VERSION') return `The store refused ${p.for}’s append (wrong expected version: the stream is at ${p.version}); the handler reloads the item to decide again on fresh state.`;
  return null;
}

function decision(sends: Message[]): string {
  const append = sends.find((s) => s.type === 'APPEND');
  if (append) {
    const ev = append.payload.expectedVersion;
    return ev === null ? ' and appended ItemReserved with any version (no concurrency check).' : ` and appended ItemReserved with expected version ${ev}.`;
  }
  return sends.some((s) => s.type === 'REJECTED') ? ': out of stock, so it rejected the command.' : '.';
}

function storeLine(m: Message, sends: Message[]): string | null {
  const p = m.payload as P;
  if (m.type === 'READ_STREAM') return `The store sent item 1’s stream to the handler for ${p.for}’s command.`;
  if (m.type === 'APPEND') {
    const ok = sends.find((s) => s.type === 'APPEND_OK');
    if (!ok) return `The store refused ItemReserved by ${p.for}: expected version ${p.expectedVersion}, but another append got there first.`;
    const pushed = sends.some((s) => s.type === 'EVENTS') ? ' and pushed it to the projector' : '';
    const check = p.expectedVersion === null ? 'with no version check' : `at expected version ${p.expectedVersion}`;
    return `The store appended ItemReserved by ${p.for} ${check}: position ${ok.payload.position}, durable${pushed}.`;
  }
  if (m.type === 'SUBSCRIBE') return `The store subscribed the projector from position ${p.after} and replayed what came after.`;
  return null;
}

function projectorLine(m: Message, sends: Message[], before: World, after: World): string | null {
  const p = m.payload as P;
  const apply = sends.find((s) => s.type === 'APPLY');
  const hands = apply ? `hands position ${apply.payload.position} to the read model` : '';
  if (m.type === 'EVENTS') {
    const events = p.events as unknown as Positioned[];
    const saved = ctxOf(after.nodes.projector).saved;
    const first = events.map((e) => `${eventWords(e.event)} at position ${e.position}`).join(', ');
    if (after.nodes.projector.snapshot && (after.nodes.projector.snapshot as { value?: string }).value === 'checkpointed')
      return `The projector received ${first} and saved its checkpoint at ${saved} before applying it.`;
    if (hands) return `The projector received ${first} and ${hands}.`;
    const dropped = ctxOf(after.nodes.projector).queue === ctxOf(before.nodes.projector).queue;
    return `The projector received ${first} and ${dropped ? 'dropped it: already handed on or queued' : 'queued it'}.`;
  }
  if (m.type === 'APPLIED') return `The read model confirmed position ${p.position}; the projector ${hands || 'is caught up'}.`;
  if (m.type === 'CHECKPOINT') return `The projector read the read model’s checkpoint (${p.position}) and subscribes from there.`;
  return null;
}

function viewLine(m: Message, sends: Message[], before: World, after: World): string | null {
  const p = m.payload as P;
  const row = viewRow(after.nodes.view.store);
  const answered = sends.filter((s) => s.type === 'QUERY_RESULT').map((s) => s.to);
  const tail = answered.length ? `; it answers ${answered.join(' and ')}’s waiting query` : '';
  if (m.type === 'APPLY') {
    const was = viewRow(before.nodes.view.store);
    if (row.checkpoint === was.checkpoint && row.stock === was.stock) return `The read model skipped position ${p.position}: at or below its checkpoint ${was.checkpoint}, a redelivery.`;
    return `The read model applied ${eventWords(p.event as DomainEvent)} at position ${p.position} and moved its checkpoint in the same transaction: stock ${row.stock}${tail}.`;
  }
  if (m.type === 'QUERY') {
    if (!answered.length) return `${m.from} queried the read model with position token ${p.after}; the read model is at ${row.checkpoint}, so the query waits.`;
    return `${m.from} queried the read model${p.after ? ` with position token ${p.after}` : ' (no position token)'}: stock ${row.stock}, as of position ${row.checkpoint}.`;
  }
  if (m.type === 'READ_CHECKPOINT') return `The read model told the projector its checkpoint: position ${row.checkpoint}.`;
  if (m.type === 'DROP') return 'The read model dropped its row and checkpoint (a rebuild): it replays from position 0.';
  return null;
}

function clientLine(m: Message): string | null {
  const p = m.payload as P;
  if (m.type === 'RESERVED') return `${m.to}’s reservation succeeded at position ${p.position}.`;
  if (m.type === 'REJECTED') return `${m.to}’s reservation was rejected: item 1 is out of stock.`;
  if (m.type === 'QUERY_RESULT') return `${m.to} read stock ${p.stock} from the read model (as of position ${p.position}).`;
  return null;
}

function deliverLine(before: World, m: Message, after: World, trace: StepTrace): string | null {
  const sends = trace.flatMap((t) => (t.kind === 'send' ? [t.message] : []));
  if (m.to === 'handler') {
    const line = handlerLine(m);
    return m.type === 'STREAM' && line ? line + decision(sends) : line;
  }
  if (m.to === 'store') return storeLine(m, sends);
  if (m.to === 'projector') return projectorLine(m, sends, before, after);
  if (m.to === 'view') return viewLine(m, sends, before, after);
  return clientLine(m);
}

export function narrate(before: World, choice: Choice, after: World, trace: StepTrace): string | null {
  switch (choice.kind) {
    case 'deliver': {
      const m = before.inFlight.find((x) => x.id === choice.id);
      return m ? deliverLine(before, m, after, trace) : null;
    }
    case 'request':
      if (choice.name === 'rebuild') return 'The operator started a rebuild: the projector drops the read model and will replay the stream from the start.';
      return choice.name.endsWith('-reserve') ? `${choice.name[0]} sends ReserveItem for item 1 to the command handler.` : `${choice.name[0]} queries item 1’s stock on the read side.`;
    case 'crash':
      return `The ${choice.node} crashed: what it held in memory is gone${ctxOf(before.nodes.projector).checkpointFirst ? `; its own saved checkpoint (${ctxOf(before.nodes.projector).saved}) is on disk` : '; the checkpoint is in the read model'}.`;
    case 'recover':
      return choice.node === 'projector' && ctxOf(after.nodes.projector).checkpointFirst
        ? `The projector restarted and resubscribes from its own saved checkpoint (${ctxOf(after.nodes.projector).saved}).`
        : `The ${choice.node} restarted and asks the read model for its checkpoint, to resume from there.`;
    case 'timer':
      if (choice.name === 'apply') return 'The projector applies the event it already checkpointed.';
      return null;
    case 'duplicate': {
      const m = before.inFlight.find((x) => x.id === choice.id);
      return m ? `The network redelivers: a second copy of ${m.type} to ${m.to}.` : null;
    }
    default:
      return null;
  }
}
