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
  /** State of the seeded random number generator (only the random scheduler reads it). */
  rng: number;
}

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

/** A protocol configuration: how many nodes and which variant flags. */
export interface Config {
  /** Number of participants (or replicas, consumers…: the protocol says which). */
  size: number;
  /** Flag values by name; absent flags take their default. */
  flags: Record<string, boolean>;
}

/** A named predicate over the world. */
export interface Invariant {
  /** Stable id, used in URLs, quiz files and the CLI: `atomicity`, `validity`… */
  name: string;
  /** Human title for the invariant panel. */
  title: string;
  /** One sentence on what it promises. */
  description: string;
  /**
   * `safety`: checked after every step. `liveness`: checked only in worlds where no choice but
   * faults (crash, drop, duplicate, partition) remains. `observation`: never a violation, but shown
   * to the reader as a condition that holds now (e.g. "blocked: participants in doubt").
   */
  kind: 'safety' | 'liveness' | 'observation';
  /** Null when it holds, otherwise a sentence naming what broke: "p1 committed while p2 aborted". */
  check: (world: World, config: Config) => string | null;
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
  /** Prompts for the reader: "Crash the coordinator now. What can p2 do?" */
  tryThis: string[];
}

/** A node's state diagram, drawn from the machine definition so it never drifts from the code. */
export interface StateDiagram {
  /** Dot-separated state ids, e.g. `working`, `prepared`, `recovering`. */
  states: { id: string; label: string; final: boolean }[];
  /** Edges with the event that takes them. */
  transitions: { from: string; to: string; event: string }[];
  /** The state a fresh machine starts in, and the one a recovering machine starts in. */
  initial: string;
  recovery: string | null;
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
  /** Smallest and largest supported size. */
  sizes: { min: number; max: number; default: number };
  invariants: Invariant[];
  scenarios: Scenario[];
  /** The initial world for a configuration (no prefix applied). */
  init: (config: Config, budget: FaultBudget, data?: { [key: string]: Json }) => World;
  /**
   * When true, a node's timer may fire only while no message to that node is in flight: timeouts are
   * assumed to outlast delivery, so a timeout means something was lost, never merely slow. Shrinks
   * the explored space a lot. Optional; default false (timers may fire at any time).
   */
  timersWaitForInbox?: boolean;
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
  /**
   * Protocol-specific narration of one step for the aria-live log; return null to use the kernel's
   * generic sentence. Optional.
   */
  narrate?: (before: World, choice: Choice, after: World, trace: StepTrace) => string | null;
  /** The part of a node's machine context worth showing in the player. Optional; default: the context. */
  memory?: (role: string, context: Json) => Json;
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
  /** Append a record to the durable log, `store.log` (created when absent). */
  | { type: 'store.append'; record: Json }
  /** Set one key of the durable store (for tables and flags kept on disk). */
  | { type: 'store.set'; key: string; value: Json };

/**
 * The events the kernel feeds machines: a delivered message is `{ type: message.type, from, ...payload }`,
 * a fired timer is `{ type: 'timer.<name>' }`, a scenario request is `{ type: 'request.<name>' }`.
 */
export type KernelEvent = { type: string; from?: NodeId; [key: string]: Json | undefined };

/** One thing that happened inside a step, in order; used for narration and sequence diagrams. */
export type TraceEntry =
  | { kind: 'state'; node: NodeId; from: string | null; to: string | null }
  | { kind: 'send'; message: Message }
  | { kind: 'lost'; message: Message; reason: string }
  | { kind: 'merged'; message: Message }
  | { kind: 'store'; node: NodeId; record: Json }
  | { kind: 'timer.set'; node: NodeId; name: string }
  | { kind: 'timer.clear'; node: NodeId; name: string };

/** Everything that happened in one step. */
export type StepTrace = TraceEntry[];
