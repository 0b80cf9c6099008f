/**
 * Two-phase commit's narration: one step in the protocol's own terms, for the player's aria-live
 * log ("c recorded p1's yes vote, 1 of 3; still collecting"). It reads the two worlds and the
 * step's trace, never the machines' internals beyond their persisted state and context, and
 * returns null where the kernel's generic sentence says it as well (the kernel adds what the
 * network lost either way). Pure.
 */
import type { Choice, Json, NodeRecord, Protocol, StepTrace, World } from '../kernel/types.ts';
import { list, participantIds, stateOf } from './read.ts';

type Ctx = { [k: string]: Json };

function ctxOf(n: NodeRecord | undefined): Ctx {
  return ((n?.snapshot as { context?: Ctx } | null)?.context ?? {}) as Ctx;
}

/** Receivers of `type` sent in this step, in send order. */
function sentTo(trace: StepTrace, type: string): string[] {
  const out: string[] = [];
  for (const e of trace) if ((e.kind === 'send' || e.kind === 'merged' || e.kind === 'lost') && e.message.type === type && !out.includes(e.message.to)) out.push(e.message.to);
  return out;
}

/** True when the step wrote a record of this type, lazily (`lazy: true`) or forced (`lazy: false`). */
function wrote(trace: StepTrace, type: string, lazy?: boolean): boolean {
  return trace.some((e) => e.kind === 'store' && (e.record as { type?: string } | null)?.type === type && (lazy === undefined || (e.lazy === true) === lazy));
}

function atCoordinator(before: World, after: World, type: string, from: string, trace: StepTrace): string | null {
  const c = 'c';
  const was = stateOf(before.nodes[c]);
  const now = stateOf(after.nodes[c]);
  const total = participantIds(after).length;
  const decisionSent = (kind: 'GLOBAL_COMMIT' | 'GLOBAL_ABORT') => {
    const to = sentTo(trace, kind);
    return to.length ? ` and sent ${kind} to ${list(to)}` : '';
  };
  switch (type) {
    case 'VOTE_COMMIT': {
      if (was !== 'collecting') return `c received a late yes vote from ${from} and ignored it: it has already decided`;
      if (now === 'committing') {
        const forced = wrote(trace, 'COMMIT', false);
        return `c has all ${total} yes votes: it ${forced ? 'forced COMMIT to its log (the point of no return)' : 'decided commit without logging it yet'}${decisionSent('GLOBAL_COMMIT')}`;
      }
      const yes = (ctxOf(after.nodes[c]).yes as string[] | undefined) ?? [];
      return `c recorded ${from}'s yes vote, ${yes.length} of ${total}; still collecting`;
    }
    case 'VOTE_ABORT':
      if (was !== 'collecting') return `c received ${from}'s no vote after deciding and ignored it`;
      return now === 'ended'
        ? `c received ${from}'s no vote: one no is enough. Under presumed abort it writes nothing${decisionSent('GLOBAL_ABORT')}, then forgot T1`
        : `c received ${from}'s no vote: one no is enough. It forced ABORT to its log${decisionSent('GLOBAL_ABORT')}`;
    case 'ACK': {
      if (now === 'ended' && was !== 'ended') return `c has every ACK: it wrote END lazily and forgot T1`;
      const acks = (ctxOf(after.nodes[c]).acks as string[] | undefined) ?? [];
      return was === 'committing' || was === 'aborting' ? `c recorded ${from}'s ACK, ${acks.length} of ${total}` : null;
    }
    case 'DECISION_REQUEST': {
      const answer = sentTo(trace, 'GLOBAL_COMMIT').length ? 'GLOBAL_COMMIT' : sentTo(trace, 'GLOBAL_ABORT').length ? 'GLOBAL_ABORT' : null;
      if (was === 'collecting') return `${from} asked c for the outcome, but c has not decided yet, so it does not answer`;
      if (was === 'idle' || was === 'ended') return `${from} asked c for the outcome; c has no record of T1, so it answers ${answer ?? 'nothing'} (no record means abort)`;
      return answer ? `${from} asked c for the outcome; c answered ${answer} from its log` : null;
    }
  }
  return null;
}

function atParticipant(id: string, before: World, after: World, type: string, trace: StepTrace): string | null {
  const was = stateOf(before.nodes[id]);
  const now = stateOf(after.nodes[id]);
  switch (type) {
    case 'PREPARE':
      if (was === 'working' && now === 'prepared') {
        return wrote(trace, 'PREPARED')
          ? `${id} forced PREPARED to its log and voted yes (VOTE_COMMIT). It is now in doubt (READY), holding its write locks`
          : `${id} voted yes (VOTE_COMMIT) without logging PREPARED first: a crash now would erase its promise`;
      }
      if (was === 'working' && now === 'aborted') return `${id} cannot commit: it logged ABORT, rolled back and voted no (VOTE_ABORT)`;
      if (was === 'prepared') return `${id} got PREPARE again and repeated its yes vote`;
      if (was === 'aborted') return `${id} had already aborted, so it answers PREPARE with a no vote (VOTE_ABORT)`;
      return null;
    case 'GLOBAL_COMMIT':
      if (was === 'prepared' && now === 'committed') {
        return wrote(trace, 'COMMIT', true)
          ? `${id} wrote COMMIT lazily (not on disk yet), committed and sent ACK at once`
          : `${id} forced COMMIT to its log, committed, released its locks and sent ACK`;
      }
      if (was === 'committed') return `${id} had already committed; it acknowledges again so c can finish`;
      if (was === 'working') return `${id} has not voted, so a GLOBAL_COMMIT makes no sense to it: it ignores it`;
      return null;
    case 'GLOBAL_ABORT':
      if (now === 'aborted' && was !== 'aborted') return `${id} logged ABORT, rolled back and released its locks${sentTo(trace, 'ACK').length ? ', and sent ACK' : ''}`;
      if (was === 'aborted') return `${id} had already aborted${sentTo(trace, 'ACK').length ? '; it acknowledges again' : ''}`;
      if (was === 'committed') return `${id} had committed long ago; a GLOBAL_ABORT now can only answer an old question, so it ignores it`;
      return null;
  }
  return null;
}

function onTimer(node: string, name: string, before: World, after: World, trace: StepTrace): string | null {
  const now = stateOf(after.nodes[node]);
  switch (name) {
    case 'vote-timeout':
      return `c's vote-timeout fired before every vote arrived (lost or merely slow, c cannot tell): it decided abort${wrote(trace, 'ABORT') ? ', forced ABORT to its log' : ''}${sentTo(trace, 'GLOBAL_ABORT').length ? ` and sent GLOBAL_ABORT to ${list(sentTo(trace, 'GLOBAL_ABORT'))}` : ''}`;
    case 'prepare-timeout':
      return `${node} gave up waiting for PREPARE and aborted on its own: it has not voted, so it may`;
    case 'decision-timeout':
      return now === 'aborted'
        ? `${node}'s decision-timeout fired and it aborted on its own, breaking the promise its yes vote made`
        : `${node} is still in doubt: it asked c again (DECISION_REQUEST) and re-armed its timer`;
    case 'ack-timeout': {
      const to = [...sentTo(trace, 'GLOBAL_COMMIT'), ...sentTo(trace, 'GLOBAL_ABORT')];
      return `c's ack-timeout fired: it resent its decision to ${list(to) || 'nobody new'}, which ${to.length === 1 ? 'has' : 'have'} not acknowledged yet`;
    }
    case 'log-flush':
      return `c finally wrote its COMMIT record, after having announced it`;
  }
  void before;
  return null;
}

function onRecover(node: string, after: World): string | null {
  const now = stateOf(after.nodes[node]);
  if (node === 'c') {
    if (now === 'committing') return 'c restarted and read COMMIT without END in its log: it resends GLOBAL_COMMIT to everyone and collects ACKs again';
    if (now === 'aborting') return 'c restarted and read ABORT without END in its log: it resends GLOBAL_ABORT to everyone';
    if (now === 'ended') return 'c restarted and read END: T1 is finished and forgotten';
    return 'c restarted with no record of T1: it sends nothing, and will answer abort if a participant asks';
  }
  if (now === 'prepared') return `${node} restarted and found PREPARED without an outcome: it is in doubt again, takes back its write locks and asks c (DECISION_REQUEST)`;
  if (now === 'committed') return `${node} restarted and read COMMIT in its log`;
  if (now === 'aborted') return `${node} restarted and found no PREPARED record: it never promised anything, so it aborts`;
  return null;
}

export const narrate: NonNullable<Protocol['narrate']> = (before: World, choice: Choice, after: World, trace: StepTrace) => {
  let s: string | null = null;
  if (choice.kind === 'deliver') {
    const m = before.inFlight.find((x) => x.id === choice.id);
    if (!m) return null;
    s = m.to === 'c' ? atCoordinator(before, after, m.type, m.from, trace) : atParticipant(m.to, before, after, m.type, trace);
  } else if (choice.kind === 'timer') {
    s = onTimer(choice.node, choice.name, before, after, trace);
  } else if (choice.kind === 'recover') {
    s = onRecover(choice.node, after);
  } else if (choice.kind === 'request' && choice.name === 'begin') {
    s = `A client asked c to commit T1: c sent PREPARE to ${list(sentTo(trace, 'PREPARE'))} and armed its vote-timeout`;
  }
  return s === null ? null : s + '.';
};
