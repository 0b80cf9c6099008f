/**
 * The outbox sandbox's narration: one step in the pattern's own terms for the player's aria-live
 * log ("orders committed order o1 and its outbox row in one transaction"). It reads the two worlds
 * and the step's trace, never a machine's internals beyond its persisted state and context, and
 * never invents what the trace does not show (the kernel adds what the network lost). Pure.
 */
import type { Choice, Json, Message, Protocol, StepTrace, World } from '../kernel/types.ts';
import { ctxOf, eventWords, list, stateOf } from './read.ts';
import { partitionLogs } from './store.ts';

type Payload = { [k: string]: Json };

const sent = (trace: StepTrace, type: string): Message[] =>
  trace.flatMap((e) => ((e.kind === 'send' || e.kind === 'merged' || e.kind === 'lost') && e.message.type === type ? [e.message] : []));
const wrote = (trace: StepTrace, node: string, type: string): Payload[] =>
  trace.flatMap((e) => (e.kind === 'store' && e.node === node && (e.record as Payload | null)?.type === type ? [e.record as Payload] : []));
const ids = (ms: (Message | Payload)[]) => ms.map((m) => String((('payload' in m ? m.payload : m) as Payload).id));

function onRequest(name: string, trace: StepTrace): string {
  const order = name.slice(name.indexOf('-') + 1);
  const what = name.startsWith('cancel') ? `cancelled order ${order}` : `placed order ${order}`;
  const commit = wrote(trace, 'orders', 'COMMIT')[0];
  if (commit?.outbox === true) return `A customer ${what}: orders committed the change and its outbox row (${commit.id}) in one local transaction`;
  if (commit) return `A customer ${what}: orders committed the change without an outbox row; the event (${commit.id}) waits in memory until its publish step`;
  const pub = sent(trace, 'PUBLISH')[0];
  return `A customer ${what}: orders published ${pub ? eventWords(String(pub.payload.id)) : 'the event'} to the broker before committing anything; the transaction stays open`;
}

function atOrders(type: string, m: Message, before: World, after: World, trace: StepTrace): string | null {
  switch (type) {
    case 'POLL': {
      const rows = (sent(trace, 'ROWS')[0]?.payload.rows as Payload[] | undefined) ?? [];
      return rows.length ? `orders answered the relay’s query with ${rows.length} unsent outbox row${rows.length > 1 ? 's' : ''} (${ids(rows).join(', ')})` : 'orders answered the relay’s query: no unsent rows';
    }
    case 'READ_LOG': {
      const rows = (sent(trace, 'ROWS')[0]?.payload.rows as Payload[] | undefined) ?? [];
      return `orders’ commit log after position ${String(m.payload.after)} holds ${rows.length ? ids(rows).join(', ') : 'nothing new'}; sent to the relay`;
    }
    case 'MARK_SENT':
      return wrote(trace, 'orders', 'SENT').length ? `orders marked outbox row ${String(m.payload.id)} sent` : `row ${String(m.payload.id)} was already marked sent`;
    case 'PUBLISH_ACK':
      return stateOf(after.nodes.orders) === 'ready' && stateOf(before.nodes.orders) !== 'ready'
        ? `the broker acknowledged ${String(m.payload.id)}: orders has nothing left to publish`
        : `the broker acknowledged ${String(m.payload.id)}`;
  }
  return null;
}

function atRelay(type: string, m: Message, after: World, trace: StepTrace): string | null {
  if (type === 'ROWS') {
    const rows = (m.payload.rows as Payload[] | undefined) ?? [];
    if (!rows.length) return 'the relay found nothing to publish';
    const pubs = sent(trace, 'PUBLISH');
    if (!pubs.length) return 'the relay ignored an answer to a query it is no longer waiting for';
    const where = pubs.map((x) => `row ${String(x.payload.id)} to partition ${String(x.payload.partition)}`).join(' and ');
    const marked = sent(trace, 'MARK_SENT').length || wrote(trace, 'relay', 'POSITION').length;
    return marked
      ? `the relay published ${where} and marked ${pubs.length > 1 ? 'them' : 'it'} sent at once, before the broker acknowledged anything`
      : `the relay published ${where}; not marked sent until the broker acknowledges`;
  }
  if (type === 'PUBLISH_ACK') {
    const id = String(m.payload.id);
    const pos = wrote(trace, 'relay', 'POSITION')[0];
    const mark = sent(trace, 'MARK_SENT').length ? `marked row ${id} sent` : pos ? `saved its log position ${String(pos.lsn)}` : 'had nothing left to mark';
    const next = sent(trace, 'PUBLISH')[0];
    return `the broker acknowledged ${id}: the relay ${mark}${next ? ` and published row ${String(next.payload.id)}` : ''}${stateOf(after.nodes.relay) === 'idle' ? '; it goes back to polling' : ''}`;
  }
  return null;
}

function atBroker(type: string, m: Message, before: World, trace: StepTrace): string | null {
  const out = sent(trace, 'DELIVER').map((d) => `${String(d.payload.id)} (partition ${String(d.payload.partition)}, offset ${String(d.payload.offset)}) to ${d.to}`);
  const delivering = out.length ? ` and delivered ${list(out)}` : '';
  if (type === 'PUBLISH') {
    const again = partitionLogs(before.nodes.broker.store).some((l) => l.some((r) => r.id === m.payload.id));
    const what = again ? `${String(m.payload.id)} again (a duplicate: the log keeps both copies)` : String(m.payload.id);
    return `the broker appended ${what} to partition ${String(m.payload.partition)}, acknowledged it to ${m.from}${delivering}`;
  }
  if (type === 'COMMIT_OFFSET') {
    const moved = wrote(trace, 'broker', 'OFFSET').length > 0;
    return moved
      ? `the broker recorded ${m.from}’s committed offset ${String(m.payload.offset)} on partition ${String(m.payload.partition)}${delivering}`
      : `the broker ignored a stale offset commit`;
  }
  return null;
}

/** What a consumer's effect is: payment charges or refunds, notify tells the customer. */
function effectWords(node: string, m: Message): string {
  const order = String(m.payload.order);
  if (node === 'notify') return `${node} told the customer about order ${order}`;
  return `${node} ${m.payload.event === 'OrderCancelled' ? 'refunded' : 'charged'} order ${order}`;
}

function atConsumer(node: string, m: Message, before: World, after: World, trace: StepTrace): string {
  const id = String(m.payload.id);
  if (sent(trace, 'COMMIT_OFFSET').length) return `${node} committed offset ${Number(m.payload.offset) + 1} before applying ${id}; the effect waits in memory`;
  if (wrote(trace, node, 'APPLIED').length) {
    const dup = ((ctxOf(before.nodes[node]).inbox as string[] | undefined) ?? []).includes(id);
    return dup
      ? `${effectWords(node, m)} again (${id}): it keeps no processed-message record`
      : `${effectWords(node, m)} (${id}) and recorded the message id in its inbox, in one transaction; its offset is not committed yet`;
  }
  if (stateOf(after.nodes[node]) === 'offsetCommitted') return `${node} already holds ${id}; it committed that offset`;
  return `${node} found ${id} in its inbox: a duplicate, skipped; it will still commit the offset`;
}

function onTimer(node: string, name: string, trace: StepTrace): string | null {
  if (name === 'poll') {
    const read = sent(trace, 'READ_LOG')[0];
    return read ? `the relay read the commit log after position ${String(read.payload.after)}` : 'the relay polled the outbox table for unsent rows';
  }
  if (name === 'redeliver') return `the broker redelivered ${list(sent(trace, 'DELIVER').map((d) => String(d.payload.id)))} from the committed offset (at-least-once)`;
  if (name === 'commit-offset') return `${node} committed its offset (${sent(trace, 'COMMIT_OFFSET').map((c) => `partition ${String(c.payload.partition)} → ${String(c.payload.offset)}`).join(', ')})`;
  if (name === 'apply') return `${node} applied what it held: ${ids(wrote(trace, node, 'APPLIED')).join(', ') || 'nothing new'}`;
  if (name === 'publish') return `orders published ${list(ids(sent(trace, 'PUBLISH')))} to the broker, a separate step after its commit`;
  if (name === 'commit') return `orders committed ${list(ids(wrote(trace, 'orders', 'COMMIT')))}, after having published ${wrote(trace, 'orders', 'COMMIT').length > 1 ? 'them' : 'it'}`;
  return null;
}

function onCrash(node: string, before: World): string {
  if (node === 'orders') {
    const pending = ((ctxOf(before.nodes.orders).pending as Payload[] | undefined) ?? []).map((r) => String(r.id));
    if (pending.length && stateOf(before.nodes.orders) === 'committing')
      return `orders crashed with its transaction open: the database will roll back ${list(pending)}, already published`;
    return pending.length ? `orders crashed: ${list(pending)}, held only in memory, ${pending.length > 1 ? 'are' : 'is'} gone` : 'orders crashed; its database keeps every committed transaction';
  }
  if (node === 'relay') return 'the relay crashed: it forgets what it was publishing; unmarked rows are still in the outbox';
  if (node === 'broker') return 'the broker crashed; its partition logs and committed offsets are on disk';
  return `${node} crashed: what it held in memory is gone; its effects and inbox are on disk`;
}

function onRecover(node: string, after: World): string {
  if (node === 'orders') return 'orders restarted: the database recovered every committed transaction and rolled back any open one';
  if (node === 'relay') {
    const pos = ctxOf(after.nodes.relay).position;
    return ctxOf(after.nodes.relay).logTailing ? `the relay restarted and resumes from its saved log position ${String(pos)}` : 'the relay restarted; it will poll for rows not marked sent';
  }
  if (node === 'broker') return 'the broker restarted and delivers again from the committed offsets';
  return `${node} restarted with its inbox; the broker will redeliver anything whose offset it never committed`;
}

export const narrate: NonNullable<Protocol['narrate']> = (before: World, choice: Choice, after: World, trace: StepTrace) => {
  let s: string | null = null;
  if (choice.kind === 'deliver') {
    const m = before.inFlight.find((x) => x.id === choice.id);
    if (!m) return null;
    if (m.to === 'orders') s = atOrders(m.type, m, before, after, trace);
    else if (m.to === 'relay') s = atRelay(m.type, m, after, trace);
    else if (m.to === 'broker') s = atBroker(m.type, m, before, trace);
    else s = atConsumer(m.to, m, before, after, trace);
  } else if (choice.kind === 'drop' || choice.kind === 'duplicate') {
    const m = before.inFlight.find((x) => x.id === choice.id);
    if (m) s = `the network ${choice.kind === 'drop' ? 'lost' : 'duplicated'} ${m.type}${m.payload.id ? ` for ${String(m.payload.id)}` : ''} on its way from ${m.from} to ${m.to}`;
  } else if (choice.kind === 'timer') s = onTimer(choice.node, choice.name, trace);
  else if (choice.kind === 'crash') s = onCrash(choice.node, before);
  else if (choice.kind === 'recover') s = onRecover(choice.node, after);
  else if (choice.kind === 'request') s = onRequest(choice.name, trace);
  return s === null ? null : s[0].toUpperCase() + s.slice(1) + '.';
};
