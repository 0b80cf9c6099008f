/**
 * Words for choices and steps: short labels for buttons and CLI output, and one or two plain
 * sentences per step for the player's aria-live log.
 *
 * Generic: sentences are built from the step's trace (state changes, log writes, sends, losses).
 * A protocol may override the sentence with `Protocol.narrate`. Must stay pure.
 */
import { stateIdOf } from './node.ts';
import { applyChoice, requestTarget } from './step.ts';
import type { Choice, Config, Json, Protocol, StepTrace, TraceEntry, World } from './types.ts';

/** Short label: "Deliver PREPARE c → p1", "Crash p2", "Fire vote-timeout at c", "Isolate c"… */
export function describeChoice(world: World, c: Choice, protocol?: Protocol): string {
  const m = 'id' in c ? world.inFlight.find((x) => x.id === c.id) : undefined;
  const msg = m ? `${m.type} ${m.from} → ${m.to}` : `message ${'id' in c ? c.id : ''}`;
  switch (c.kind) {
    case 'deliver':
      // An obsolete message (Protocol.obsolete) may still be delivered, to see it ignored.
      return m && protocol?.obsolete?.(m, world) ? `Deliver ${msg} (${m.to} will ignore it)` : `Deliver ${msg}`;
    case 'drop':
      return `Drop ${msg}`;
    case 'duplicate':
      return `Duplicate ${msg}`;
    case 'crash':
      return `Crash ${c.node}`;
    case 'recover':
      return `Recover ${c.node}`;
    case 'timer':
      return `Fire ${c.name} at ${c.node}`;
    case 'partition':
      return c.groups.length === 1 && c.groups[0].length === 1
        ? `Isolate ${c.groups[0][0]}`
        : `Partition the network: ${c.groups.map((g) => `{${g.join(', ')}}`).join(' | ')}`;
    case 'heal':
      return 'Heal the network';
    case 'request':
      return protocol?.requestLabel?.(c.name) ?? `Client request: ${c.name}`;
  }
}

function recordLabel(r: Json): string {
  if (r && typeof r === 'object' && !Array.isArray(r)) {
    if (typeof r.type === 'string') return r.type;
    const keys = Object.keys(r);
    if (keys.length === 1) return `${keys[0]} = ${JSON.stringify(r[keys[0]])}`;
  }
  return JSON.stringify(r);
}

function list(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return items.slice(0, -1).join(', ') + ' and ' + items[items.length - 1];
}

/** Trace entries reconstructed from two worlds (used when the caller has no config to replay with). */
function traceFromDiff(before: World, c: Choice, after: World): StepTrace {
  const t: StepTrace = [];
  for (const id of Object.keys(after.nodes)) {
    const b = before.nodes[id];
    const a = after.nodes[id];
    const bl = (b.store as { log?: Json[] } | null)?.log ?? [];
    const al = (a.store as { log?: Json[] } | null)?.log ?? [];
    for (const r of al.slice(bl.length)) t.push({ kind: 'store', node: id, record: r });
    const from = b.up ? stateIdOf(b.snapshot) : null;
    const to = a.up ? stateIdOf(a.snapshot) : null;
    if (from !== to || b.up !== a.up) t.push({ kind: 'state', node: id, from, to });
  }
  const afterIds = new Set(after.inFlight.map((m) => m.id));
  for (const m of after.inFlight) if (m.id >= before.nextMessageId) t.push({ kind: 'send', message: m });
  // The delivered or dropped message left the network by the choice itself; anything else missing was lost.
  const taken = c.kind === 'deliver' || c.kind === 'drop' ? c.id : -1;
  const gone = before.inFlight.filter((m) => !afterIds.has(m.id) && m.id !== taken);
  return [...t, ...gone.map((m) => ({ kind: 'lost' as const, message: m, reason: '' }))];
}

function sentences(before: World, c: Choice, trace: StepTrace, protocol: Protocol): string {
  const m = 'id' in c ? before.inFlight.find((x) => x.id === c.id) : undefined;
  let actor: string | null = null;
  let lead: string;
  switch (c.kind) {
    case 'deliver':
      actor = m?.to ?? null;
      lead = m ? `${m.to} received ${m.type} from ${m.from}` : `Message ${c.id} was delivered`;
      break;
    case 'drop':
      lead = m ? `The network dropped ${m.type} from ${m.from} to ${m.to}` : `Message ${c.id} was dropped`;
      break;
    case 'duplicate':
      lead = m ? `The network duplicated ${m.type} from ${m.from} to ${m.to}` : `Message ${c.id} was duplicated`;
      break;
    case 'crash':
      lead = `${c.node} crashed: its memory and timers are gone, what its log has on disk survives`;
      break;
    case 'recover':
      actor = c.node;
      lead = `${c.node} restarted and read its log`;
      break;
    case 'timer':
      actor = c.node;
      lead = `${c.node}'s ${c.name} fired`;
      break;
    case 'partition':
      lead = `The network was cut: ${c.groups.map((g) => g.join(', ')).join(' | ')} cannot reach the rest`;
      break;
    case 'heal':
      lead = 'The network healed';
      break;
    case 'request':
      actor = requestTarget(protocol, before, c.name);
      lead = `A client asked ${actor} to ${c.name}`;
      break;
  }
  // The acting node's deeds, in trace order, folded into one clause list.
  const deeds: string[] = [];
  const sends = new Map<string, string[]>();
  for (const e of trace as TraceEntry[]) {
    if (e.kind === 'store') deeds.push(`${e.node === actor ? '' : e.node + ' '}wrote ${recordLabel(e.record)} to its log${e.lazy ? ' (lazily: not on disk yet)' : ''}`);
    else if (e.kind === 'store.lost') deeds.push(`${e.node === actor ? 'its' : e.node + "'s"} unflushed ${list(e.records.map(recordLabel))} never reached disk`);
    else if (e.kind === 'send' && c.kind !== 'duplicate') {
      const k = `${e.message.from}|${e.message.type}`;
      if (!sends.has(k)) {
        sends.set(k, []);
        deeds.push(`\u0000${k}`);
      }
      sends.get(k)!.push(e.message.to);
    } else if (e.kind === 'state' && actor && e.node === actor && c.kind !== 'recover' && e.from !== null && e.to !== null) {
      deeds.push(`moved from ${e.from} to ${e.to}`);
    } else if (e.kind === 'state' && c.kind === 'recover' && e.node === actor && e.to) {
      deeds.push(`came back in ${e.to}`);
    }
  }
  const clauses = deeds.map((d) => {
    if (!d.startsWith('\u0000')) return d;
    const [from, type] = d.slice(1).split('|');
    return `${from === actor ? '' : from + ' '}sent ${type} to ${list(sends.get(`${from}|${type}`)!)}`;
  });
  let out = lead;
  if (clauses.length) out += ', ' + list(clauses);
  else if (c.kind === 'deliver' || c.kind === 'timer') out += ' and changed nothing';
  out += '.';
  return out + lossNote(trace);
}

/** What the network lost or merged in this step, as a sentence or two (empty when nothing). */
function lossNote(trace: StepTrace): string {
  const lost: string[] = [];
  const merged: string[] = [];
  for (const e of trace) {
    if (e.kind === 'lost') lost.push(`${e.message.type} ${e.message.from} → ${e.message.to}${e.reason ? ` (${e.reason})` : ''}`);
    else if (e.kind === 'merged') merged.push(`${e.message.type} ${e.message.from} → ${e.message.to} was already queued, so the resend merged into it`);
  }
  return (lost.length ? ` Lost: ${list(lost)}.` : '') + (merged.length ? ` ${merged.join('; ')}.` : '');
}

/**
 * One or two sentences on what a step did: "p1 received PREPARE from c, wrote PREPARED to its log,
 * sent VOTE_COMMIT to c and moved from working to prepared." Pass `config` to get exact losses
 * (the step is replayed with a trace); without it the sentence is read off the two worlds.
 */
export function narrate(protocol: Protocol, before: World, choice: Choice, after: World, config?: Config): string {
  let trace: StepTrace;
  if (config) {
    trace = [];
    applyChoice(protocol, config, before, choice, trace);
  } else {
    trace = traceFromDiff(before, choice, after);
  }
  const custom = protocol.narrate?.(before, choice, after, trace);
  // A protocol words the step; what the network lost is the kernel's to say either way.
  return custom !== null && custom !== undefined ? custom + lossNote(trace) : sentences(before, choice, trace, protocol);
}
