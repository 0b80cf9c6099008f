/**
 * The sandbox contract as types: what a world is, what may happen next, what a protocol exposes.
 *
 * This file is the seam between the kernel, the protocols (one folder each under `sandboxes/`) and
 * the app in `src/`. Everything here is plain JSON-able data or a pure function. It must never
 * import React, Astro, the DOM, a clock or a source of randomness: time and chance are data here.
 */
import type { AnyStateMachine } from 'xstate';

/** Any JSON value. Worlds, stores and snapshots are made only of these, so they can be hashed, diffed and shared. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A node's name as shown to the reader: `c` for a coordinator, `p1`…`p5` for participants. */
export type NodeId = string;

/** A message in the network. Ids come from a counter in the world, so a run replays to the same ids. */
export interface Message {
  /** Unique within one run; assigned in send order. */
  id: number;
  /** Sender. */
  from: NodeId;
  /** Receiver. */
  to: NodeId;
  /** Protocol message name, as in the literature: `PREPARE`, `VOTE_COMMIT`, `GLOBAL_COMMIT`… */
  type: string;
  /** Extra fields (a transaction id, a vote). Empty object when there are none. */
  payload: { [key: string]: Json };
}

/** A timeout a node has armed. Firing it is a choice; nothing fires by itself. */
export interface Timer {
  /** The node that armed it. */
  node: NodeId;
  /** The timer's name within that node, e.g. `vote-timeout`. A node has at most one timer per name. */
  name: string;
}

/** One node in the world. */
export interface NodeRecord {
  /** The node's role, naming which machine runs it (`coordinator`, `participant`). */
  role: string;
  /** True while the node runs; a crashed node is down until recovered. */
  up: boolean;
  /** XState persisted snapshot of the node's machine, or null while the node is down. */
  snapshot: Json | null;
  /** Durable storage that survives crashes (the write-ahead log, tables). Protocol-defined shape. */
  store: Json;
}

/** How many faults of each kind a scenario allows. Finite budgets keep the explored space finite. */
export interface FaultBudget {
  crash: number;
  drop: number;
  duplicate: number;
  partition: number;
}

/** The whole simulated system at one instant: plain data, JSON in and JSON out. */
export interface World {
  nodes: Record<NodeId, NodeRecord>;
  /** Messages sent and not yet delivered or lost, in send order. */
  inFlight: Message[];
  /** Armed timers, in arming order. */
  timers: Timer[];
  /** Network partition as groups of nodes that can still talk; null when the network is whole. */
  partition: NodeId[][] | null;
  /** The fault budget this run may spend, and what it has spent so far. */
  budget: FaultBudget;
  used: FaultBudget;
  /** Client requests from the scenario not yet issued, by name. */
  pendingRequests: string[];
  /** Next message id. */
  nextMessageId: number;
  /**
   * When timers may fire. `any` (the default): whenever they are armed, even while messages to
   * their node are still in flight, because a timeout cannot tell slow from lost. `after-delivery`:
   * a node's timer waits while mail to it is queued, so a timeout means something was lost; a
   * much smaller space, for scenarios whose text says so. Set from `Scenario.timing`.
   */
  timing?: Timing;
  /** State of the seeded random number generator (only the random scheduler reads it). */
  rng: number;
  /**
   * Logical clock: how many stamped log records (`store.append` with `stamp: true`) the run has
   * written, across all nodes. Optional; absent means 0. Stamps order events at different nodes
   * (a client's invoke and another client's response) without counting every step, so worlds
   * that differ only in when unrelated messages moved still merge.
   */
  clock?: number;
}

/** When timers may fire; see `World.timing`. */
export type Timing = 'any' | 'after-delivery';

/** Something that may happen next. The reader picks one; the explorer tries them all. */
export type Choice =
  | { kind: 'deliver'; id: number }
  | { kind: 'drop'; id: number }
  | { kind: 'duplicate'; id: number }
  | { kind: 'crash'; node: NodeId }
  | { kind: 'recover'; node: NodeId }
  | { kind: 'timer'; node: NodeId; name: string }
  /** Cut the network. Nodes named in no group form one more group together, so isolating `c` is `[['c']]`. */
  | { kind: 'partition'; groups: NodeId[][] }
  | { kind: 'heal' }
  | { kind: 'request'; name: string };

/** The choice kinds that spend fault budget. */
export type FaultKind = keyof FaultBudget;

/** A design choice a protocol exposes, e.g. presumed abort, or an unsafe shortcut. */
export interface FlagSpec {
  /** Key used in configurations, URLs and `--set name=value`. camelCase. */
  name: string;
  /** Short label for the player's variant picker. */
  label: string;
  /** One sentence: what turning it on changes. */
  description: string;
  /** Value when not set. */
  default: boolean;
  /** True when turning it on is known to break an invariant (the explorer must find how). */
  unsafe: boolean;
}

/**
 * A numeric design parameter a protocol exposes (a write quorum W, a read quorum R). Optional:
 * protocols without numbers declare none. Values live in `Config.params`.
 */
export interface ParamSpec {
  /** Key used in configurations, URLs (`name-2`) and `--set name=2`. camelCase, distinct from every flag name. */
  name: string;
  /** Short label for the player's variant picker ("W (write quorum)"). */
  label: string;
  /** Smallest and largest value allowed (integers). */
  min: number;
  max: number;
  /** Value when not set. */
  default: number;
  /** A flag that must be on for this number to matter (W and R only in leaderless designs): the player hides it otherwise. Optional. */
  onlyWith?: string;
  /** One sentence: what the number changes. */
  description: string;
}

/** A protocol configuration: how many nodes and which variant flags. */
export interface Config {
  /** Number of participants (or replicas, consumers…: the protocol says which). */
  size: number;
  /** Flag values by name; absent flags take their default. */
  flags: Record<string, boolean>;
  /**
   * Numeric parameters by name (`Protocol.params`); absent ones take their default. Optional:
   * configurations of protocols without parameters leave it out.
   */
  params?: Record<string, number>;
}

/** A named predicate over the world. */
export interface Invariant {
  // A liveness invariant's `check` is its goal: null once the goal holds in a world. The kernel
  // reports a violation when, from some explored world (`from`), no path of allowed choices
  // (`via`) reaches a world where the goal holds: the run is trapped, however it is scheduled.
  /** Stable id, used in URLs, quiz files and the CLI: `atomicity`, `validity`… */
  name: string;
  /** Human title for the invariant panel. */
  title: string;
  /** One sentence on what it promises. */
  description: string;
  /**
   * `safety`: checked after every step. `liveness`: checked by reachability: from every world,
   * some fault-free continuation must reach a world where `check` holds; a timer that only re-arms
   * itself is no progress, since it leads back to the same world. `observation`: never a
   * violation, but shown to the reader as a condition that holds now ("blocked: p1 in doubt").
   */
  kind: 'safety' | 'liveness' | 'observation';
  /**
   * Null when it holds, otherwise a sentence naming what broke: "p1 committed while p2 aborted".
   * For liveness, null when the goal has been reached, otherwise what is still missing, worded so
   * it reads as the verdict on a trapped run: "p1 never decides".
   */
  check: (world: World, config: Config) => string | null;
  /**
   * Liveness only: the worlds the goal must stay reachable from (default: every world). Lets a
   * promise carry a premise, as non-triviality does: "if all voted yes and nothing failed, …".
   */
  from?: (world: World, config: Config) => boolean;
  /**
   * Liveness only: the choices a path towards the goal may take (default: any choice that is not
   * a fault, so recover and heal count as repairs). Non-triviality also rules out timers.
   */
  via?: (choice: Choice) => boolean;
  /**
   * Liveness only: judge only worlds the scenario's start reaches by `via` choices alone. A promise
   * about runs in which nothing else has happened yet ("if nothing fails, …") needs it: whether a
   * timeout has fired is history, not something a world shows.
   */
  viaFromStart?: boolean;
  /**
   * Liveness only: how the verdict on a trapped run ends, after the goal's message. Default: "no
   * continuation without faults gets there"; say so when `via` allows less.
   */
  stuck?: string;
  /**
   * Optional, for invariants over client histories (`Protocol.history`): when `check` fails, the
   * positions in `Protocol.history(world)` of the operations it blames, so the player can mark
   * them. Called only when `check` returned a message.
   */
  ops?: (world: World, config: Config) => number[];
}

/** A named preset: the reader's starting point and the explorer's search space. */
export interface Scenario {
  /** Stable id (kebab-case), used in URLs and quiz files. */
  id: string;
  title: string;
  /** Two or three sentences: what is set up and what to watch. */
  description: string;
  /** The configuration this scenario runs. */
  config: Config;
  /** Faults the reader (and the explorer) may spend. */
  budget: FaultBudget;
  /** Choices replayed before the reader takes over (e.g. to reach "coordinator just sent PREPARE"). */
  prefix: Choice[];
  /**
   * The prefix for another configuration (message ids depend on the number of nodes). Optional;
   * when absent `prefix` is used for every configuration. Must return `prefix` for `config`.
   */
  prefixFor?: (config: Config) => Choice[];
  /** Scenario data handed to `Protocol.init` (e.g. `{ voteNo: ['p2'] }`). Optional. */
  data?: { [key: string]: Json };
  /**
   * When timers may fire (default `any`: also while messages are merely slow). Use
   * `after-delivery` only where the scenario's text says timeouts outlast delivery.
   */
  timing?: Timing;
  /**
   * Prompts for the reader: "Crash the coordinator now. What can p2 do?" Each prompt that asks the
   * reader to carry out steps must be matched by a `solution` of the same index that a test replays.
   */
  tryThis: string[];
  /**
   * Runs that carry out `tryThis` prompts, by the prompt's index: choices after the prefix, as
   * tokens (`d1`, `t.c.vote-timeout`, `c.p1`…), with flags to switch on first. A test replays each
   * one and checks `expect` on the final world, so no prompt asks for something impossible.
   */
  solutions?: ScenarioSolution[];
}

/** A replayable answer to a "try this" prompt. */
export interface ScenarioSolution {
  /** Index of the prompt in `tryThis`. */
  prompt: number;
  /** Flags set (on top of the scenario's configuration) before replaying. */
  flags?: Record<string, boolean>;
  /** Parameters set (on top of the scenario's configuration) before replaying. Optional. */
  params?: Record<string, number>;
  /** Choice tokens after the prefix. */
  steps: string[];
  /**
   * What the reader should see when the prompt is done: node states (`{ c: 'committing' }`; null
   * for down), an invariant that fails (or an observation that shows), and choice tokens the run
   * must have taken (for prompts about an action whose effect leaves no other trace).
   */
  expect: { states?: Record<NodeId, string | null>; breaks?: string; took?: string[] };
}

/**
 * A node's state diagram, drawn from the machine definition so it never drifts from the code.
 *
 * Two readings (see `stateDiagram` in view.ts): without options, the machine as written (every
 * candidate with a target, raw event names, the transient start state); with options, what a
 * reader should see under one configuration: only transitions that can fire under its flags,
 * self-loops, no kernel plumbing, and readable labels.
 */
export interface StateDiagram {
  /**
   * Dot-separated state ids, e.g. `working`, `prepared`, `recovering`. `label` is the machine's
   * name for the state in words (`collecting`); `textbook` the literature's name for it, when the
   * protocol declares one in `Protocol.stateNames` (`WAIT`).
   */
  states: { id: string; label: string; final: boolean; textbook?: string }[];
  /** Edges with the event that takes them; parallel edges stay separate (one per event or condition). */
  transitions: StateTransition[];
  /**
   * The state a fresh machine starts in, and the one a recovering machine starts in. When a
   * transient start state only routes (`always`) between the two, the reader's diagram drops it
   * and these name its targets.
   */
  initial: string;
  recovery: string | null;
}

/** One edge of a `StateDiagram`. `from === to` is a self-loop (a targetless transition with actions). */
export interface StateTransition {
  from: string;
  to: string;
  /** The machine's event type as written: `PREPARE`, `timer.vote-timeout`, `request.begin`, or `(always)`. */
  event: string;
  /**
   * The reader's text (reader diagrams only): the event in words ("vote-timeout fires", "client:
   * begin") with the condition that picks this edge in brackets when the configuration leaves it
   * open ("VOTE_COMMIT [last yes vote]"); for an `always` edge, just the condition ("log has
   * COMMIT", "otherwise", or "after reading its log").
   */
  label?: string;
}

/** How `stateDiagram` should read a machine for readers. */
export interface StateDiagramOptions {
  /**
   * The protocol the machine belongs to: its `flagGuards`, `guardLabels`, `stateNames` and flag
   * defaults are used. Optional (a bare machine gets generic labels and no guard is decided).
   */
  protocol?: Protocol;
  /** The machine's role in `protocol.machines`; found by identity when omitted. */
  role?: string;
  /** Flag values of the configuration drawn; absent flags take the protocol's defaults. */
  flags?: Record<string, boolean>;
  /** The state a crashed node restarts in; default: a top-level state called `recovering`, if any. */
  recoveryStateId?: string;
}

/** What the player shows for one node; computed by the kernel, only read by the view. */
export interface NodeView {
  id: NodeId;
  role: string;
  up: boolean;
  /** Current state id (dot-separated), or null when down. */
  state: string | null;
  /** Durable store, as stored. */
  store: Json;
  /** In-memory context worth showing (votes seen, decision), or null when down. */
  memory: Json | null;
}

/** A protocol: its machines, flags, invariants and scenarios. Each protocol folder's index.ts exports one. */
export interface Protocol {
  /** Stable id (kebab-case): `two-phase-commit`. */
  id: string;
  title: string;
  /** Roles and their machines. Every node is an XState machine made with `setup({...}).createMachine(...)`. */
  machines: Record<string, AnyStateMachine>;
  flags: FlagSpec[];
  /** Numeric design parameters (quorum sizes…). Optional; see `ParamSpec` and `Config.params`. */
  params?: ParamSpec[];
  /** Smallest and largest supported size. */
  sizes: { min: number; max: number; default: number };
  /** What `Config.size` counts, as the player's size menu labels it ("Participants", "Replicas"). Optional; default "Participants". */
  sizeLabel?: string;
  invariants: Invariant[];
  scenarios: Scenario[];
  /** The initial world for a configuration (no prefix applied). */
  init: (config: Config, budget: FaultBudget, data?: { [key: string]: Json }) => World;
  /**
   * Ghost state: what a node actually did, derived from its effects and fired timers (a vote sent,
   * a decision logged), as short strings the kernel keeps as a sorted set in the node's store under
   * `audit`. Machines never see it (the kernel strips it from their boot input) and crashes never
   * erase it, so invariants can judge what happened rather than what a node intended. Return null
   * for effects worth no record. Optional.
   */
  ghost?: (node: NodeId, role: string, cause: GhostCause) => string | null;
  /**
   * Symmetry reduction for the explorer: groups of interchangeable nodes for a configuration and
   * scenario data (e.g. 2PC participants that share a role and scenario data). The explorer then
   * counts worlds that differ only by renaming nodes within a group as one world; it still walks
   * real worlds with real choices, so counterexamples replay as they are. Optional; absent (or
   * groups of one) means no reduction. Declaring a group is a promise, per group, that:
   * - its nodes have the same role and differ only in their id (stores and snapshots are renamed
   *   along with the ids, so different scenario data is allowed only if it lives in the store);
   * - every invariant holds in a world exactly when it holds in any renaming of it (its message may
   *   name other nodes);
   * - machines treat node ids as opaque names: renaming ids in a node's input, snapshot, store and
   *   events renames its output; arrays made only of node ids (some of a group) are used as sets (their order may
   *   change at most the order of sends); ids appear in snapshots and stores only as whole string
   *   values or object keys;
   * - `requestTarget` never names a node of a group.
   */
  symmetry?: (config: Config, data?: { [key: string]: Json }) => NodeId[][];
  /** Which node a scenario request (`begin`…) is handed to. Optional; default: the first node. */
  requestTarget?: (request: string, world: World) => NodeId;
  /** A scenario request in words for choice lists ("a writes 1"). Optional; default "Client request: <name>". */
  requestLabel?: (request: string) => string;
  /**
   * Why a pending scenario request may not be issued yet ("a is still waiting for its write"), or
   * null when it may. Lets clients run one operation at a time and in the scenario's order. It
   * must only read the world. Optional; default: a request may be issued whenever its target is up.
   */
  requestBlocked?: (request: string, world: World) => string | null;
  /**
   * Why an armed timer may not fire now, or null when it may: the protocol's timing assumption
   * beyond `Scenario.timing`, stated in the scenario's text ("a follower's election timeout
   * outlasts the leader's heartbeats, so it fires only when the leader is down or cut off").
   * Checked only where the scenario's timing is `after-delivery`, so the default model (a timeout
   * cannot tell slow from lost) is never narrowed. It must only read the world. Optional.
   */
  timerBlocked?: (timer: Timer, world: World) => string | null;
  /**
   * Why a node may not be crashed, or null when it may: for nodes the model never crashes (a
   * client that stands for the application and holds its session). It must only read the world.
   * Optional; default: any node that is up may crash while budget remains.
   */
  crashBlocked?: (node: NodeId, world: World) => string | null;
  /**
   * The network partitions a `partition` choice may make, each as groups (nodes named in no group
   * form one more group). Optional; default: isolate each node on its own (`[[n]]`). Lets a
   * protocol cut, say, a replica off together with one client.
   */
  partitions?: (world: World) => NodeId[][][];
  /**
   * A message that can no longer matter: delivering it now changes nothing at
   * its receiver and sends nothing, and that stays so whatever happens before it arrives (a reply
   * from a term its receiver has already left behind: terms only grow). Optional. When declared,
   * the kernel treats such messages as already ignored: the other hooks here (`timerBlocked`,
   * `requestBlocked`, `crashBlocked`, `partitions`) and the `after-delivery` timer rule see the
   * world without them, they are offered to neither drop nor duplicate, and the explorer
   * counts worlds that differ only by them as one world and does not deliver them (obsolete.ts).
   * The reader can still deliver one, to see it ignored. It must only read the world (in
   * practice the receiver's state and the message), never the other messages in flight, and no
   * invariant may read messages in flight. `obsoleteProblems` in kernel/obsolete.ts checks the
   * promise on a world; each protocol's tests run it over every world they explore.
   */
  obsolete?: (message: Message, world: World) => boolean;
  /**
   * Which invariants (by name) a configuration promises. The explorer checks every invariant
   * anyway: breaking one the design does not promise is a finding ("asynchronous replication is
   * not linearizable: here is the run"), breaking one it promises is a bug. Optional; absent
   * means every safety and liveness invariant is promised.
   */
  promises?: (config: Config) => string[];
  /**
   * The clients' operations so far, for a Jepsen-style history view: pure data read off the world
   * (usually the clients' stamped logs). Times are on the world's logical clock (`World.clock`);
   * `historySteps` in the kernel maps them to step indices of a run. Optional.
   */
  history?: (world: World) => ClientOperation[];
  /**
   * Protocol-specific narration of one step for the aria-live log; return null to use the kernel's
   * generic sentence. Optional.
   */
  narrate?: (before: World, choice: Choice, after: World, trace: StepTrace) => string | null;
  /**
   * One line on how the run ended, once it can only end that way ("T1 committed on all 3"), or
   * null while it is still open. The player adds the step count and the run's costs. Optional.
   */
  outcome?: (world: World) => string | null;
  /** The part of a node's machine context worth showing in the player. Optional; default: the context. */
  memory?: (role: string, context: Json) => Json;
  /**
   * Guards that are pure functions of the configuration, by guard name (as written in the
   * machines' `setup({ guards })`), each naming the flag whose value it returns:
   * `{ presumedAbort: 'presumedAbort' }`. The state diagram evaluates these (also inside `and`,
   * `or` and `not`) to drop transitions the configuration forbids, and those after a candidate it
   * makes certain. Every other guard is taken as "may be true". A guard listed here must return
   * exactly the flag's value in every context, or the diagram lies. Applies to every role.
   * Optional.
   */
  flagGuards?: Record<string, string>;
  /**
   * Guards that depend on data but cannot hold while a flag is on, by role then guard name, each
   * naming that flag: `{ coordinator: { logAborted: 'presumedAbort' } }` (under presumed abort the
   * coordinator never logs ABORT, so its recovery never takes that edge). The state diagram drops
   * those edges, then every state no remaining edge reaches. A guard listed here must really be
   * false whenever the flag is on, or the diagram hides a real transition. Optional.
   */
  guardsOffWhen?: Record<string, Record<string, string>>;
  /**
   * What a guard means, in a few words, by guard name (`logCommitted: 'log has COMMIT'`): the
   * condition the state diagram shows on an edge the configuration leaves open (a recovery
   * state's `always` edges, `VOTE_COMMIT [last yes vote]`). Unlisted guards are shown by their name
   * in words. Applies to every role. Optional.
   */
  guardLabels?: Record<string, string>;
  /**
   * The literature's names for machine states, by role, then state id (dot-separated):
   * `{ coordinator: { collecting: 'WAIT' } }`. The state diagram shows both ("collecting (WAIT)"),
   * so the player speaks the lessons' language. Optional; states not listed show only their own name.
   */
  stateNames?: Record<string, Record<string, string>>;
  /**
   * How the player draws the nodes and the links between them: `star` (one hub, e.g. a
   * coordinator or an orchestrator, talking to all the others), `pipeline` (each node to the next,
   * e.g. service, relay, broker, consumer) or `clique` (everyone with everyone, e.g. replicas).
   * Optional; default `clique`.
   */
  topology?: { kind: 'star'; hub: NodeId } | { kind: 'pipeline' } | { kind: 'clique' };
}

/** One client operation in a history (`Protocol.history`). */
export interface ClientOperation {
  /** The client (process) that issued it: `a`, `b`; a client that restarted after a crash gets a new name (`a2`). */
  client: string;
  op: 'read' | 'write';
  /** For a write, the value written; for a read, the value returned (null: never written, or no answer yet). */
  value: Json;
  /** Logical time of the invoke (`World.clock` when it was stamped). */
  invokedAt: number;
  /** Logical time of the response, or null while none has come (or never will). */
  completedAt: number | null;
  /** `ok`: it happened; `fail`: it surely did not; `unknown`: no answer yet, or never, so it may have. */
  outcome: 'ok' | 'fail' | 'unknown';
}

/**
 * A deliberately broken variant of a protocol's machines, kept to prove the invariants have teeth:
 * a test explores each one and expects the named invariant to break. Not shown to readers (unsafe
 * design choices they may try are `FlagSpec`s with `unsafe: true`).
 */
export interface Mutant {
  /** Stable id, kebab-case: `commit-on-first-yes`. */
  name: string;
  /** One sentence: what is broken. */
  description: string;
  /** Replacement machines by role (usually `machine.provide({ guards, actions })` of the real one). */
  machines: Record<string, AnyStateMachine>;
  /** Where the explorer must catch it: a scenario, flags to set on top of its configuration, and the invariant that breaks. */
  caughtBy: { scenario: string; flags?: Record<string, boolean>; params?: Record<string, number>; size?: number; invariant: string };
}

/**
 * What the kernel hands a node's machine as input when it boots or recovers. Machines copy what
 * they need into context; `store` is a read-only copy of the durable store (recovery reads the log).
 */
export interface NodeInput {
  /** This node's id. */
  id: NodeId;
  /** This node's role. */
  role: string;
  /** Every node's id and role, in world order, so a node knows its peers without calling them. */
  peers: { id: NodeId; role: string }[];
  /** Configuration (size and flags). */
  config: Config;
  /** The durable store at boot time. */
  store: Json;
  /** True when the node restarts after a crash (route to the recovery state); false on first boot. */
  recovering: boolean;
}

/**
 * What a node's machine emits (with XState `emit`) for the kernel to carry out, in order. The kernel
 * applies `store.*` at once, so "log, then send" is just the order of emits within one transition.
 */
export type Effect =
  /** Put a message in the network. Lost at once if `to` is down or across the partition. */
  | { type: 'send'; to: NodeId; message: { type: string; payload?: { [key: string]: Json } } }
  /** Arm (or re-arm) a named timer; firing it becomes a choice, delivered as event `timer.<name>`. */
  | { type: 'timer.set'; name: string }
  /** Disarm a named timer (no-op when not armed). */
  | { type: 'timer.clear'; name: string }
  /**
   * Append a record to the log, `store.log` (created when absent). Forced by default: on disk
   * before the node's next effect. `lazy: true` leaves it in memory (counted in `store.unflushed`)
   * until the node's next forced append flushes it; a crash before then loses it. `stamp: true`
   * (for an object record, forced) adds `at`, the world's logical clock (`World.clock`), and
   * advances the clock: stamped records at different nodes are ordered as they happened.
   */
  | { type: 'store.append'; record: Json; lazy?: boolean; stamp?: boolean }
  /** Set one key of the durable store (for tables and flags kept on disk). */
  | { type: 'store.set'; key: string; value: Json };

/**
 * The events the kernel feeds machines: a delivered message is `{ type: message.type, from, ...payload }`,
 * a fired timer is `{ type: 'timer.<name>' }`, a scenario request is `{ type: 'request.<name>' }`.
 */
export type KernelEvent = { type: string; from?: NodeId; [key: string]: Json | undefined };

/** What a ghost record may be derived from: an effect the node carried out, or a timer of its that fired. */
export type GhostCause =
  | { kind: 'send'; type: string; to: NodeId; payload: { [key: string]: Json } }
  | { kind: 'append'; record: Json; lazy: boolean }
  | { kind: 'timer'; name: string };

/** One thing that happened inside a step, in order; used for narration and sequence diagrams. */
export type TraceEntry =
  | { kind: 'state'; node: NodeId; from: string | null; to: string | null }
  | { kind: 'send'; message: Message }
  /** A message lost: at send time (`atSend`: its receiver was down or cut off) or while queued. */
  | { kind: 'lost'; message: Message; reason: string; atSend?: boolean }
  | { kind: 'merged'; message: Message }
  /** A log append (`lazy` when not forced), or with `set`, one key of the store set. */
  | { kind: 'store'; node: NodeId; record: Json; lazy?: boolean; set?: boolean }
  /** Lazy log records a crash lost before they reached disk. */
  | { kind: 'store.lost'; node: NodeId; records: Json[] }
  | { kind: 'timer.set'; node: NodeId; name: string }
  | { kind: 'timer.clear'; node: NodeId; name: string };

/** Everything that happened in one step. */
export type StepTrace = TraceEntry[];
