/**
 * The one pure step: what may happen next (`choices`) and what happens (`step`).
 *
 * Knows nothing of any protocol: it feeds events to node machines and carries out their effects.
 * Must never mutate its input world, read a clock or draw a random number.
 */
import { EVENT_KINDS, runNodeKeyed, stateIdOf } from './node.ts';
import { afterCrash, applyEffects, bootOnDraft, draftOf, isObsolete, messageKey, reachable, recordGhost, withoutObsolete } from './world.ts';
import { choiceToToken } from './tokens.ts';
import type { Choice, Config, FaultBudget, KernelEvent, Message, NodeId, Protocol, Scenario, StepTrace, World } from './types.ts';

/** Thrown by `step` when a choice is not among `choices()` now; the message says why. */
export class IllegalChoiceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IllegalChoiceError';
  }
}

/** True for choices that spend fault budget (drop, duplicate, crash, partition). Recover and heal are repairs. */
export function isFaultChoice(c: Choice): boolean {
  return c.kind === 'drop' || c.kind === 'duplicate' || c.kind === 'crash' || c.kind === 'partition';
}

function left(world: World, kind: keyof FaultBudget): boolean {
  return world.used[kind] < world.budget[kind];
}

/** Counts one fault of `kind` on a draft (`used` is shared with the previous world: replaced, not mutated). */
function spend(draft: World, kind: keyof FaultBudget): void {
  draft.used = { ...draft.used, [kind]: draft.used[kind] + 1 };
}

/** Which node a scenario request goes to. */
export function requestTarget(protocol: Protocol, world: World, name: string): NodeId {
  return protocol.requestTarget ? protocol.requestTarget(name, world) : Object.keys(world.nodes)[0];
}

/**
 * Everything legal now, in a fixed order: requests, deliveries, timers, recoveries, heal, then the
 * faults (drop, duplicate, crash, isolate one node) while budget remains.
 */
export function choices(protocol: Protocol, _config: Config, world: World): Choice[] {
  // Index loops and for-in (no closures or key arrays): this runs once per explored world.
  const out: Choice[] = [];
  const nodes = world.nodes;
  // What the protocol's hooks, timers and faults see: obsolete messages are as good as delivered
  // (obsolete.ts), so nothing waits for them or spends a fault on them. Deliveries still list all.
  let seen: World | null = null;
  const live = (): World => (seen ??= withoutObsolete(protocol, world));
  const pending = world.pendingRequests;
  for (let i = 0; i < pending.length; i++) {
    const name = pending[i];
    if (nodes[requestTarget(protocol, world, name)]?.up && (!protocol.requestBlocked || protocol.requestBlocked(name, live()) === null)) {
      out.push({ kind: 'request', name });
    }
  }
  const inFlight = world.inFlight;
  for (let i = 0; i < inFlight.length; i++) out.push({ kind: 'deliver', id: inFlight[i].id });
  const timers = world.timers;
  for (let i = 0; i < timers.length; i++) {
    const t = timers[i];
    // Under the "timeouts outlast delivery" assumption a timer waits while mail to its node is queued.
    if (world.timing === 'after-delivery' && (hasMailFor(live().inFlight, t.node) || protocol.timerBlocked?.(t, live()))) continue;
    out.push({ kind: 'timer', node: t.node, name: t.name });
  }
  for (const n in nodes) if (!nodes[n].up) out.push({ kind: 'recover', node: n });
  if (world.partition) out.push({ kind: 'heal' });
  if (left(world, 'drop')) for (const m of live().inFlight) out.push({ kind: 'drop', id: m.id });
  if (left(world, 'duplicate')) for (const m of live().inFlight) out.push({ kind: 'duplicate', id: m.id });
  if (left(world, 'crash')) for (const n in nodes) if (nodes[n].up && !protocol.crashBlocked?.(n, live())) out.push({ kind: 'crash', node: n });
  if (!world.partition && left(world, 'partition')) {
    if (protocol.partitions) for (const groups of protocol.partitions(live())) out.push({ kind: 'partition', groups });
    else for (const n in nodes) out.push({ kind: 'partition', groups: [[n]] });
  }
  return out;
}

function hasMailFor(inFlight: Message[], node: NodeId): boolean {
  for (let i = 0; i < inFlight.length; i++) if (inFlight[i].to === node) return true;
  return false;
}

/** Partition groups with the unnamed nodes added as one more group (and empty groups removed). */
export function completeGroups(world: World, groups: NodeId[][]): NodeId[][] {
  const named = new Set(groups.flat());
  const rest = Object.keys(world.nodes).filter((n) => !named.has(n));
  const out = groups.filter((g) => g.length).map((g) => g.slice());
  if (rest.length) out.push(rest);
  return out;
}

/** Why a choice is not legal now, or null when it is. */
export function whyIllegal(protocol: Protocol, config: Config, world: World, c: Choice): string | null {
  const token = choiceToToken(c);
  if (choices(protocol, config, world).some((x) => choiceToToken(x) === token)) return null;
  const msg = 'id' in c ? world.inFlight.find((m) => m.id === c.id) : undefined;
  switch (c.kind) {
    case 'deliver':
    case 'drop':
    case 'duplicate':
      if (!msg) return `message ${c.id} is not in flight`;
      if (isObsolete(protocol, msg, world)) return `${msg.to} would ignore this ${msg.type} now, so losing or copying it changes nothing`;
      return `no ${c.kind} budget left`;
    case 'crash':
      if (!world.nodes[c.node]) return `there is no node ${c.node}`;
      if (!world.nodes[c.node].up) return `${c.node} is already down`;
      if (protocol.crashBlocked?.(c.node, world)) return protocol.crashBlocked(c.node, world)!;
      return 'no crash budget left';
    case 'recover':
      if (!world.nodes[c.node]) return `there is no node ${c.node}`;
      return `${c.node} is up`;
    case 'timer':
      if (!world.nodes[c.node]) return `there is no node ${c.node}`;
      if (world.timers.some((t) => t.node === c.node && t.name === c.name)) {
        const live = withoutObsolete(protocol, world);
        if (hasMailFor(live.inFlight, c.node)) return `${c.node} still has messages to receive (timeouts outlast delivery)`;
        return protocol.timerBlocked?.({ node: c.node, name: c.name }, live) ?? `${c.node}'s ${c.name} timer cannot fire now`;
      }
      return `${c.node} has no ${c.name} armed`;
    case 'partition':
      if (world.partition) return 'the network is already partitioned';
      if (c.groups.flat().some((n) => !world.nodes[n])) return 'the partition names an unknown node';
      if (!left(world, 'partition')) return 'no partition budget left';
      return protocol.partitions ? 'that partition is not one this protocol offers' : 'only isolating a single node is offered';
    case 'heal':
      return 'the network is not partitioned';
    case 'request':
      if (!world.pendingRequests.includes(c.name)) return `request ${c.name} is not pending`;
      if (!world.nodes[requestTarget(protocol, world, c.name)]?.up) return `the node that takes request ${c.name} is down`;
      return protocol.requestBlocked?.(c.name, world) ?? `request ${c.name} cannot be issued now`;
  }
}

// Events are built only when a node's result is not memoized yet (see runNodeKeyed).
const deliveryEvent = (m: Message): KernelEvent => ({ ...m.payload, type: m.type, from: m.from });
const timerEvent = (name: string): KernelEvent => ({ type: `timer.${name}` });
const requestEvent = (name: string): KernelEvent => ({ type: `request.${name}` });

function feed<A>(
  protocol: Protocol,
  draft: World,
  node: NodeId,
  kind: number,
  eventKey: string,
  makeEvent: (arg: A) => KernelEvent,
  arg: A,
  trace: StepTrace | null,
): void {
  const rec = draft.nodes[node];
  const machine = protocol.machines[rec.role];
  const r = runNodeKeyed(machine, rec.snapshot, kind, eventKey, makeEvent, arg);
  if (r.snapshot !== rec.snapshot) {
    draft.nodes[node] = { ...rec, snapshot: r.snapshot };
    if (trace) {
      const from = stateIdOf(rec.snapshot);
      const to = stateIdOf(r.snapshot);
      if (from !== to) trace.push({ kind: 'state', node, from, to });
    }
  }
  applyEffects(draft, node, r.effects, trace, protocol.ghost ?? null);
}

function indexOfMessage(inFlight: Message[], id: number): number {
  for (let i = 0; i < inFlight.length; i++) if (inFlight[i].id === id) return i;
  return -1;
}

/** Removes and returns inFlight[i], keeping order (a shift and a pop: cheaper than splice). */
function removeAt(inFlight: Message[], i: number): Message {
  const m = inFlight[i];
  for (let j = i; j < inFlight.length - 1; j++) inFlight[j] = inFlight[j + 1];
  inFlight.pop();
  return m;
}

function loseQueued(draft: World, lost: (m: World['inFlight'][number]) => string | null, trace: StepTrace | null): void {
  const keep = [];
  for (const m of draft.inFlight) {
    const reason = lost(m);
    if (reason === null) keep.push(m);
    else trace?.push({ kind: 'lost', message: m, reason });
  }
  draft.inFlight = keep;
}

/**
 * Apply a choice known to be legal (the explorer's fast path; `step` checks first). Pass a trace
 * array to record what happened.
 */
export function applyChoice(protocol: Protocol, config: Config, world: World, c: Choice, trace: StepTrace | null = null): World {
  const d = draftOf(world);
  switch (c.kind) {
    case 'deliver': {
      const m = removeAt(d.inFlight, indexOfMessage(d.inFlight, c.id));
      feed(protocol, d, m.to, EVENT_KINDS.delivery, messageKey(m), deliveryEvent, m, trace);
      break;
    }
    case 'drop': {
      removeAt(d.inFlight, indexOfMessage(d.inFlight, c.id));
      spend(d, 'drop');
      break;
    }
    case 'duplicate': {
      const m = d.inFlight[indexOfMessage(d.inFlight, c.id)];
      const copy = { ...m, id: d.nextMessageId++ };
      d.inFlight.push(copy);
      spend(d, 'duplicate');
      trace?.push({ kind: 'send', message: copy });
      break;
    }
    case 'crash': {
      const rec = d.nodes[c.node];
      trace?.push({ kind: 'state', node: c.node, from: stateIdOf(rec.snapshot), to: null });
      d.nodes[c.node] = { ...rec, up: false, snapshot: null, store: afterCrash(rec.store, trace, c.node) };
      d.timers = d.timers.filter((t) => t.node !== c.node);
      loseQueued(d, (m) => (m.to === c.node ? `${c.node} crashed` : null), trace);
      spend(d, 'crash');
      break;
    }
    case 'recover':
      bootOnDraft(d, protocol.machines, config, c.node, true, trace, protocol.ghost ?? null);
      break;
    case 'timer':
      d.timers = d.timers.filter((t) => !(t.node === c.node && t.name === c.name));
      if (protocol.ghost) recordGhost(d, c.node, protocol.ghost, { kind: 'timer', name: c.name });
      feed(protocol, d, c.node, EVENT_KINDS.timer, c.name, timerEvent, c.name, trace);
      break;
    case 'partition': {
      d.partition = completeGroups(world, c.groups);
      loseQueued(d, (m) => (reachable(d, m.from, m.to) ? null : 'the network was cut'), trace);
      spend(d, 'partition');
      break;
    }
    case 'heal':
      d.partition = null;
      break;
    case 'request': {
      d.pendingRequests = d.pendingRequests.filter((r) => r !== c.name);
      feed(protocol, d, requestTarget(protocol, world, c.name), EVENT_KINDS.request, c.name, requestEvent, c.name, trace);
      break;
    }
  }
  return d;
}

/** The next world after a choice. Pure; throws IllegalChoiceError when the choice is not legal now. */
export function step(protocol: Protocol, config: Config, world: World, choice: Choice): World {
  const why = whyIllegal(protocol, config, world, choice);
  if (why) throw new IllegalChoiceError(why);
  return applyChoice(protocol, config, world, choice);
}

/** Like step, also returning what happened inside it (for narration and diagrams). */
export function stepWithTrace(protocol: Protocol, config: Config, world: World, choice: Choice): { world: World; trace: StepTrace } {
  const why = whyIllegal(protocol, config, world, choice);
  if (why) throw new IllegalChoiceError(why);
  const trace: StepTrace = [];
  return { world: applyChoice(protocol, config, world, choice, trace), trace };
}

/** Replay choices until the first illegal one; `error.index` is its position (0-based). */
export function applyChoices(
  protocol: Protocol,
  config: Config,
  world: World,
  list: Choice[],
): { world: World; error?: { index: number; message: string } } {
  let w = world;
  for (let i = 0; i < list.length; i++) {
    const why = whyIllegal(protocol, config, w, list[i]);
    if (why) return { world: w, error: { index: i, message: why } };
    w = applyChoice(protocol, config, w, list[i]);
  }
  return { world: w };
}

/** The scenario's prefix for a configuration. */
export function prefixOf(scenario: Scenario, config: Config): Choice[] {
  return scenario.prefixFor ? scenario.prefixFor(config) : scenario.prefix;
}

/** Initial world of a scenario with its prefix applied, under an optional budget override. */
export function startWorldWith(protocol: Protocol, scenario: Scenario, config: Config, budget: FaultBudget): World {
  const init = protocol.init(config, budget, scenario.data);
  const w0 = scenario.timing ? { ...init, timing: scenario.timing } : init;
  const r = applyChoices(protocol, config, w0, prefixOf(scenario, config));
  if (r.error) {
    throw new Error(`Scenario ${scenario.id} prefix step ${r.error.index + 1} is illegal: ${r.error.message}`);
  }
  return r.world;
}

/** Init + the scenario's prefix. `config` defaults to the scenario's. */
export function startWorld(protocol: Protocol, scenario: Scenario, config?: Config): World {
  return startWorldWith(protocol, scenario, config ?? scenario.config, scenario.budget);
}
