/**
 * The replicated register's narration: one step in the protocol's own terms for the player's
 * aria-live log ("r1 (leader, term 1) appended write 1 as v1.1 and sent it to r2 and r3; it waits
 * for 1 more ack"). It reads the worlds before and after the step, the delivered message and the
 * step's trace (what was sent, which timers were cleared), and the replicas' and clients' machine
 * contexts; it never changes anything. The kernel adds what the network lost. Returns null only for
 * steps the kernel's generic sentence already says well (drops and duplicates). Pure.
 */
import type { Choice, Json, Message, NodeId, Protocol, StepTrace, World } from '../kernel/types.ts';
import type { Op, ReplicaContext } from './logic.ts';
import { parseRequest } from './client.ts';
import { clientCtx, held, list, replicaCtx, stateOf } from './read.ts';
import { reachable } from '../kernel/world.ts';
import { atLeast, cmp, isVersion, showVersion, type Version } from './version.ts';

/** Messages of this type the step sent (delivered later, merged into a queued copy, or lost at once), in send order. */
function sent(trace: StepTrace, type: string, from?: NodeId): Message[] {
  const out: Message[] = [];
  for (const e of trace) {
    if ((e.kind === 'send' || e.kind === 'merged' || (e.kind === 'lost' && e.atSend)) && e.message.type === type && (!from || e.message.from === from)) out.push(e.message);
  }
  return out;
}

const receivers = (trace: StepTrace, type: string, from?: NodeId): string[] => [...new Set(sent(trace, type, from).map((m) => m.to))];

const cleared = (trace: StepTrace, node: NodeId, name: string): boolean => trace.some((e) => e.kind === 'timer.clear' && e.node === node && e.name === name);

/** "1 (v1.1)", or "nothing (v1.0)" for the initial value. */
function shown(value: Json | undefined, version: Json | undefined): string {
  const v = value === null || value === undefined ? 'nothing' : String(value);
  return isVersion(version) ? `${v} (${showVersion(version)})` : v;
}

const plural = (n: number, word: string): string => `${n} more ${word}${n === 1 ? '' : 's'}`;

/** "r1 (leader, term 1)" for a single-leader replica; just the id leaderless. */
function who(id: string, c: ReplicaContext, state: string | null): string {
  if (c.design.leaderless) return id;
  return `${id} (${state ?? 'down'}, term ${c.term})`;
}

/** Names of the clients whose operations this replica refused in this step, for a tail clause. */
function refusals(trace: StepTrace, id: string): string {
  const to = receivers(trace, 'NOT_LEADER', id);
  const lost = receivers(trace, 'SESSION_LOST', id);
  const parts: string[] = [];
  if (to.length) parts.push(`it told ${list(to)} that it no longer leads`);
  if (lost.length) parts.push(`it told ${list(lost)} that what they had seen was lost in a failover`);
  return parts.length ? `; ${parts.join(', and ')}` : '';
}

/** Reads this replica answered in this step because it has now caught up with the readers' session tokens. */
function caughtUp(trace: StepTrace, id: string, before: ReplicaContext, after: ReplicaContext): string {
  const served = sent(trace, 'READ_OK', id).filter((m) => before.ops.some((o) => o.phase === 'catch-up' && o.client === m.to && o.op === m.payload.op));
  if (!served.length) return '';
  return `; now caught up, it answered the read ${list(served.map((m) => m.to))} ${served.length === 1 ? 'was' : 'were'} waiting on with ${shown(after.value, after.version)}`;
}

function opOf(c: ReplicaContext, client: Json | undefined, op: Json | undefined): Op | undefined {
  return c.ops.find((o) => o.client === client && o.op === op);
}

// -------------------------------------------------------------------------------------------------
// A replica receives a message

function atReplica(id: string, m: Message, before: World, after: World, trace: StepTrace): string | null {
  const b = replicaCtx(before.nodes[id]);
  const a = replicaCtx(after.nodes[id]);
  if (!b || !a) return null;
  const d = b.design;
  const was = stateOf(before.nodes[id]);
  const now = stateOf(after.nodes[id]);
  const p = m.payload;
  const from = m.from;
  const term = typeof p.term === 'number' ? p.term : b.term;

  switch (m.type) {
    case 'WRITE': {
      const v = String(p.value);
      if (receivers(trace, 'NOT_LEADER', id).length) return `${id} is not the leader (${b.leader ? `it believes ${b.leader} leads` : 'it knows of no leader yet'}), so it refused ${from}'s write of ${v} with an error`;
      if (d.leaderless) {
        const asked = receivers(trace, 'QUERY', id);
        if (asked.length) return `${id} coordinates ${from}'s write of ${v}: it first asks ${list(asked)} for ${asked.length === 1 ? 'its version' : 'their versions'} (R=${d.r}), so the write can be stamped above what ${asked.length === 1 ? 'it holds' : 'they hold'}`;
        return afterQuery(id, a, from, 'write', trace);
      }
      if (!d.sync) return `${who(id, b, was)} stored write ${v} as ${showVersion(a.version)} and acknowledged it to ${from} at once; the followers get it only when its replicate timer fires`;
      const to = receivers(trace, 'APPEND', id);
      return `${who(id, b, was)} appended write ${v} as ${showVersion(a.version)} and sent it to ${list(to)}; it waits for ${plural(d.majority - 1, 'ack')} before telling ${from} the write succeeded`;
    }

    case 'READ': {
      const min = isVersion(p.min) ? (p.min as Version) : null;
      if (receivers(trace, 'NOT_LEADER', id).length) return `${id} is not the leader (${b.leader ? `it believes ${b.leader} leads` : 'it knows of no leader yet'}), so it refused ${from}'s read with an error`;
      if (receivers(trace, 'SESSION_LOST', id).length) return `${id} can never serve ${from}'s session: the ${showVersion(min)} that ${from} saw was lost in a failover, and ${id} says so`;
      const confirm = receivers(trace, 'CONFIRM', id);
      if (confirm.length) return `${who(id, b, was)} does not answer ${from}'s read from its own copy yet: it asked ${list(confirm)} to confirm it still leads, and needs ${d.majority - 1} of them`;
      if (d.leaderless) {
        const asked = receivers(trace, 'QUERY', id);
        if (asked.length) return `${id} coordinates ${from}'s read: it asked ${list(asked)} for ${asked.length === 1 ? 'its copy' : 'their copies'} (R=${d.r}) and will return the newest`;
        return afterQuery(id, a, from, 'read', trace);
      }
      const ok = sent(trace, 'READ_OK', id).find((x) => x.to === from);
      if (ok) {
        const unconfirmed = was === 'leader' && d.sync && !d.confirm ? ' without checking that it still leads' : '';
        const token = min ? `, which covers ${from}'s session token ${showVersion(min)}` : '';
        return `${id} answered ${from}'s read from its own copy${unconfirmed}: ${shown(ok.payload.value, ok.payload.version)}${token}`;
      }
      if (a.ops.some((o) => o.client === from && o.phase === 'catch-up')) {
        return `${id} holds only ${showVersion(a.version)}, behind ${from}'s session token ${showVersion(min)}: rather than answer with something older than ${from} has seen, it keeps the read until it catches up`;
      }
      return null;
    }

    case 'APPEND': {
      if (receivers(trace, 'STALE_TERM', id).length) return `${id} is already in term ${b.term}, so it told ${from} that its term ${term} is over`;
      const parts: string[] = [];
      if (term > b.term || was !== 'follower') parts.push(`${id} learned that ${from} leads term ${term}${was === 'leader' || was === 'candidate' ? `, and stepped down from ${was} to follower` : ''}`);
      const changed = cmp(a.version, b.version) !== 0 || a.value !== b.value;
      // A value from an older term that the leader's copy does not include is overwritten: say so, it is how writes get lost.
      const dropped = changed && b.value !== null && b.value !== a.value && b.version[0] < a.version[0] && cmp(a.base, b.version) < 0;
      const copy = dropped
        ? `replaced its ${shown(b.value, b.version)} with ${from}'s copy, ${shown(a.value, a.version)}, and acknowledged it: the leader's copy wins, so ${String(b.value)} is gone from ${id}`
        : changed
          ? `took ${from}'s copy, ${shown(a.value, a.version)}, and acknowledged it`
          : `already held ${from}'s copy, ${shown(a.value, a.version)}, and acknowledged it`;
      parts.push(parts.length ? `it ${copy}` : `${id} ${copy}`);
      return parts.join('; ') + caughtUp(trace, id, b, a) + refusals(trace, id);
    }

    case 'APPEND_OK': {
      if (was !== 'leader' || term !== b.term) return `${id} no longer leads term ${term}, so it ignored ${from}'s acknowledgement`;
      const ver = isVersion(p.version) ? showVersion(p.version) : '?';
      const holders = [id, ...b.replicas.filter((r) => r !== id && a.match[r] && atLeast(a.match[r], a.version))];
      const acked = sent(trace, 'WRITE_OK', id);
      if (acked.length) {
        const writes = acked.map((x) => `${x.to}'s write`);
        return `${from} holds ${ver}: with ${id} that makes a majority (${list(holders)}), so ${list(writes)} ${acked.length === 1 ? 'is' : 'are'} committed and ${list(acked.map((x) => x.to))} ${acked.length === 1 ? 'is' : 'are'} told it succeeded`;
      }
      if (!b.committed && a.committed) {
        const reads = sent(trace, 'READ_OK', id).map((x) => x.to);
        return `${from} holds ${ver}: a majority now has the entry that opened term ${a.term}, so ${id}'s copy, ${shown(a.committed.value, a.committed.version)}, is committed in its own term${reads.length ? ` and it answered the read ${list(reads)} had waiting` : ''}`;
      }
      const waiting = a.ops.filter((o) => o.phase === 'commit' && o.client);
      if (waiting.length) return `${id} noted that ${from} holds ${ver}; ${waiting[0].client}'s write still waits for a majority`;
      return `${id} noted that ${from} holds ${ver}; nothing was waiting on that acknowledgement`;
    }

    case 'CONFIRM': {
      if (receivers(trace, 'STALE_TERM', id).length) return `${id} knows of term ${b.term}, so it told ${from} that its term ${term} is over: ${from} no longer leads and must not answer ${p.client}'s read`;
      const down = was === 'leader' || was === 'candidate' ? `, stepping down from ${was}` : '';
      return `${id} confirmed that ${from} still leads term ${term}${down}, so ${from} may answer ${p.client}'s read` + refusals(trace, id);
    }

    case 'CONFIRM_OK': {
      if (was !== 'leader' || term !== b.term) return `${id} no longer leads term ${term}, so ${from}'s confirmation came too late to matter`;
      const answered = sent(trace, 'READ_OK', id).find((x) => x.to === p.client);
      const o = opOf(a, p.client, p.op);
      if (answered) {
        const agreed = [id, ...(opOf(b, p.client, p.op)?.acks ?? []), from];
        return `${from} confirmed too: a majority (${list([...new Set(agreed)])}) agrees that ${id} still leads term ${b.term}, so it answered ${p.client}'s read with its newest committed value, ${shown(answered.payload.value, answered.payload.version)}`;
      }
      if (o && o.acks.length + 1 >= d.majority) return `${from} confirmed that ${id} still leads, but nothing of term ${b.term} is committed yet, so ${p.client}'s read waits for that`;
      if (o) return `${id} has ${o.acks.length} of the ${d.majority - 1} confirmations it needs before answering ${p.client}'s read`;
      return `${id} had already answered ${p.client}'s read, so ${from}'s confirmation changed nothing`;
    }

    case 'REQUEST_VOTE': {
      if (receivers(trace, 'STALE_TERM', id).length) return `${id} is in term ${b.term} already, so it told ${from} that standing for term ${term} is pointless`;
      const vote = sent(trace, 'VOTE', id)[0];
      if (!vote) return `${id} is already in term ${term} and has voted; it ignored ${from}'s repeated request`;
      const down = was === 'leader' ? `; its own leadership of term ${b.term} is over` : '';
      return `${id} joined term ${term} and voted for ${from}, sending its copy with the vote: ${shown(vote.payload.value, vote.payload.version)}${down}` + refusals(trace, id);
    }

    case 'VOTE': {
      if (was === 'leader' && term === b.term) return `${id} already leads term ${term}, so it had no use for ${from}'s late vote`;
      if (was !== 'candidate' || term !== b.term) return `${id} is not standing for term ${term} any more, so it ignored ${from}'s vote`;
      if (now === 'leader') {
        const voters = [...b.votes, from];
        return `${id} became leader of term ${a.term} with votes from ${list(voters)} and the newest copy it heard: ${shown(a.value, a.base)}. It told ${list(receivers(trace, 'LEADER', id))} and sent that value to ${list(receivers(trace, 'APPEND', id))} to commit it in its own term`;
      }
      if (b.votes.includes(from)) return `${id} had counted ${from}'s vote already`;
      return `${id} counted ${from}'s vote, which carried the copy ${shown(p.value, p.version)}; it needs ${plural(d.majority - 1 - a.votes.length, 'vote')}`;
    }

    case 'STALE_TERM': {
      if (term <= b.term) return `${id} already knew of term ${term}; ${from}'s reminder changed nothing`;
      return `${id} learned from ${from} that term ${term} has begun: it is no longer ${was} and became a follower` + refusals(trace, id);
    }

    case 'QUERY':
      return `${id} told coordinator ${from} what it holds: ${shown(b.value, b.version)}`;

    case 'QUERY_REPLY': {
      const o = opOf(b, p.client, p.op);
      if (!o || o.phase !== 'query' || o.acks.includes(from)) return `${id} no longer needed ${from}'s answer for ${p.client}, so it ignored it`;
      if (o.acks.length + 2 < d.r) return `${id} heard ${from}'s copy ${shown(p.value, p.version)} for ${o.client}'s ${o.f}; it needs ${plural(d.r - o.acks.length - 2, 'answer')}`;
      return afterQuery(id, a, o.client, o.f, trace, shown(p.value, p.version), from);
    }

    case 'STORE': {
      const incoming = shown(p.value, p.version);
      if (isVersion(p.version) && cmp(a.version, b.version) !== 0) return `${id} replaced its ${shown(b.value, b.version)} with ${from}'s newer ${incoming} and acknowledged it`;
      if (isVersion(p.version) && cmp(b.version, p.version as Version) > 0) return `${id} kept its own ${shown(b.value, b.version)} over ${from}'s older ${incoming}, since the higher timestamp wins, and told ${from} what it holds`;
      return `${id} already held ${incoming} and acknowledged it`;
    }

    case 'STORE_ACK': {
      const replies = [...sent(trace, 'WRITE_OK', id), ...sent(trace, 'READ_OK', id)];
      const ver = isVersion(p.version) ? showVersion(p.version) : '?';
      const parts: string[] = [];
      for (const r of replies) {
        parts.push(
          r.type === 'WRITE_OK'
            ? `${from} holds ${ver}: that makes W=${d.w} copies, so ${id} told ${r.to} its write succeeded`
            : `${from} holds ${ver}: the write-back reached W=${d.w} replicas, so ${id} answered ${r.to}'s read with ${shown(r.payload.value, r.payload.version)}`,
        );
      }
      if (cmp(a.version, b.version) !== 0) parts.push(`${from} answered with a newer value, ${shown(a.value, a.version)}: ${id} gave up its own ${shown(b.value, b.version)} for it (last writer wins)`);
      if (!parts.length) {
        const done = cleared(trace, id, 'replicate') && b.origin;
        return `${id} noted that ${from} holds ${ver}${done ? '; every replica has its value now, so it stops pushing' : ''}`;
      }
      return parts.join('; ');
    }
  }
  return null;
}

/** A coordinator that has heard R replicas (or needs none): what it did with the write or read. */
function afterQuery(id: string, a: ReplicaContext, client: string, f: 'read' | 'write', trace: StepTrace, heard?: string, from?: string): string {
  const d = a.design;
  const lead = from ? `${id} heard ${from}'s copy ${heard}, so it has R=${d.r} answers` : `${id} needs no other replica's answer (R=1)`;
  const stores = receivers(trace, 'STORE', id);
  if (f === 'write') {
    const w = sent(trace, 'WRITE_OK', id).find((x) => x.to === client);
    const stamp = `it stamped ${client}'s write of ${String(a.value)} as ${showVersion(a.version)}${from ? ', above every version those replicas hold' : ''}, stored it and sent it to ${list(stores)}`;
    return `${lead}: ${stamp}; ${w ? `with W=${d.w} it answered ${client} at once` : `it waits for ${plural(d.w - 1, 'ack')} (W=${d.w})`}`;
  }
  const answer = sent(trace, 'READ_OK', id).find((x) => x.to === client);
  if (answer && !from) return `${id} answered ${client}'s read from its own copy without asking any other replica (R=1): ${shown(answer.payload.value, answer.payload.version)}`;
  if (answer) return `${lead} and returned the newest to ${client}: ${shown(answer.payload.value, answer.payload.version)}${d.readRepair ? '' : ', without writing it back'}`;
  return `${lead}; the newest is ${shown(a.value, a.version)}, and before answering ${client} it writes that back (read repair): it sent it to ${list(stores)} and waits for ${plural(d.w - 1, 'ack')}`;
}

// -------------------------------------------------------------------------------------------------
// A client receives a message

function atClient(id: string, m: Message, before: World, after: World): string | null {
  const b = clientCtx(before.nodes[id]);
  if (!b) return null;
  const p = m.payload;
  if (m.type === 'LEADER') return `${id} learned that ${m.from} leads term ${String(p.term)}; it sends its next writes there`;
  const current = b.current && b.current.n === p.op ? b.current : null;
  if (!current) return `${id} ignored a late ${m.type} from ${m.from}, meant for an operation it has finished with`;
  const what = current.f === 'write' ? `write of ${String(current.value)}` : 'read';
  switch (m.type) {
    case 'WRITE_OK':
      return `${id}'s write of ${String(current.value)} succeeded: ${m.from} acknowledged it as ${isVersion(p.version) ? showVersion(p.version) : '?'}`;
    case 'READ_OK': {
      const a = clientCtx(after.nodes[id]);
      const token = a?.token && b.design.session ? `; its session token is now ${showVersion(a.token)}` : '';
      return `${id} read ${p.value === null ? 'nothing (the initial value)' : String(p.value)} from ${m.from} (${isVersion(p.version) ? showVersion(p.version) : '?'})${token}`;
    }
    case 'NOT_LEADER':
      if (p.started) return `${m.from} stopped leading while ${id}'s ${what} was under way: it may still take effect or not, and ${id} cannot tell which`;
      return `${m.from} answered ${id}'s ${what} with an error: it is not the leader${typeof p.leader === 'string' ? `; ${id} will ask ${p.leader} next time` : ''}`;
    case 'SESSION_LOST':
      return `${id}'s ${what} failed: what it had seen was lost in a failover, and no replica can serve its session any more`;
  }
  return null;
}

// -------------------------------------------------------------------------------------------------
// Requests, timers and faults

function onRequest(name: string, before: World, trace: StepTrace): string | null {
  const req = parseRequest(name);
  if (!req) return null;
  const out = sent(trace, req.f === 'write' ? 'WRITE' : 'READ', req.client)[0];
  if (!out) return null;
  if (req.f === 'write') return `${req.client} asked ${out.to} to write ${String(req.value)}`;
  const token = isVersion(out.payload.min) ? `, carrying its session token ${showVersion(out.payload.min)}` : '';
  const c = clientCtx(before.nodes[req.client]);
  const why = c && !c.design.leaderless && c.design.readAny ? ' (its nearby replica)' : '';
  return `${req.client} asked ${out.to}${why} for a read${token}`;
}

/** Why no heartbeat stopped a follower's election timer (timing.ts lets it fire only then). */
function silence(world: World, id: string, leader: string | null): string {
  if (leader === null || leader === id) return '';
  if (!world.nodes[leader]?.up) return ` (${leader}, its leader, is down)`;
  if (stateOf(world.nodes[leader]) !== 'leader') return ` (${leader}, its leader, no longer leads and sends no heartbeats)`;
  if (!reachable(world, leader, id)) return ` (${leader}, its leader, is cut off from it)`;
  return '';
}

function onTimer(id: string, name: string, before: World, after: World, trace: StepTrace): string | null {
  const b = replicaCtx(before.nodes[id]);
  const a = replicaCtx(after.nodes[id]);
  if (!b || !a) return null;
  if (name === 'election') {
    const asked = receivers(trace, 'REQUEST_VOTE', id);
    if (stateOf(before.nodes[id]) === 'candidate') return `${id} is still waiting for votes in term ${a.term}: it asked ${list(asked) || 'nobody new'} again`;
    return `${id}'s election timer fired${silence(before, id, b.leader)}: it stood for term ${a.term} and asked ${list(asked) || 'nobody it can reach'} for votes`;
  }
  if (name === 'replicate') {
    if (a.design.leaderless) {
      const to = receivers(trace, 'STORE', id);
      if (!to.length) return `${id}'s push timer fired with nothing left to push`;
      return `${id} pushed its value ${held(after, id)} to ${list(to)}, which ${to.length === 1 ? 'has' : 'have'} not confirmed holding it yet (anti-entropy)`;
    }
    const to = receivers(trace, 'APPEND', id);
    if (stateOf(before.nodes[id]) !== 'leader' || !to.length) return `${id}'s replicate timer fired, but it has nothing to ship`;
    return `${who(id, b, 'leader')} shipped its copy, ${shown(a.value, a.version)}, to ${list(to)}, which ${to.length === 1 ? 'has' : 'have'} not acknowledged it yet`;
  }
  return null;
}

function onCrash(id: string, before: World): string {
  if (before.nodes[id]?.role === 'client') return `${id} crashed: its history stays in its log, but its session and the operation it was waiting for are gone`;
  const b = replicaCtx(before.nodes[id]);
  const lost = b && stateOf(before.nodes[id]) === 'leader' ? '; its leadership does not survive it' : '';
  return `${id} crashed: its stored copy ${held(before, id)} survives, the operations it was working on and its timers do not${lost}`;
}

function onRecover(id: string, after: World): string {
  if (after.nodes[id]?.role === 'client') return `${id} restarted: its earlier operations stay in its history, but it starts a fresh session`;
  const a = replicaCtx(after.nodes[id]);
  if (a?.design.leaderless) return `${id} restarted with its stored copy ${held(after, id)}${a.origin ? ' and will push it to the others' : ''}`;
  return `${id} restarted with its stored copy ${held(after, id)} from term ${a?.term ?? '?'}; leading is not stored, so it rejoins as a follower`;
}

function onPartition(after: World): string | null {
  const groups = after.partition;
  if (!groups) return null;
  const [cut, ...rest] = groups;
  return `The network split: ${list(cut)} can reach only ${cut.length === 1 ? 'itself' : 'each other'}, while ${list(rest.flat())} are on the other side`;
}

export const narrate: NonNullable<Protocol['narrate']> = (before: World, choice: Choice, after: World, trace: StepTrace) => {
  let s: string | null = null;
  switch (choice.kind) {
    case 'deliver': {
      const m = before.inFlight.find((x) => x.id === choice.id);
      if (!m) return null;
      const role = before.nodes[m.to]?.role;
      s = role === 'client' ? atClient(m.to, m, before, after) : atReplica(m.to, m, before, after, trace);
      break;
    }
    case 'request':
      s = onRequest(choice.name, before, trace);
      break;
    case 'timer':
      s = onTimer(choice.node, choice.name, before, after, trace);
      break;
    case 'crash':
      s = onCrash(choice.node, before);
      break;
    case 'recover':
      s = onRecover(choice.node, after);
      break;
    case 'partition':
      s = onPartition(after);
      break;
    case 'heal':
      s = 'The network healed: every node can reach every other again';
      break;
    default:
      s = null;
  }
  return s === null ? null : s + '.';
};
