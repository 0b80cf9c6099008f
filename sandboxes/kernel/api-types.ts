/**
 * Types of the kernel's own API (runs, timelines, explorer results, invariant results).
 *
 * The contract types (World, Choice, Protocol…) live in types.ts; these are the shapes the player,
 * the quiz checker and the CLI read back from the kernel. Plain JSON-able data only; no behaviour.
 */
import type { Choice, Config, FaultBudget, World } from './types.ts';

/** A run: which protocol and scenario, which configuration, and the choices made after the prefix. */
export type Run = {
  /** Protocol id, e.g. `two-phase-commit`. */
  protocol: string;
  /** Scenario id within that protocol. */
  scenario: string;
  /** Size and flags the run was played with. */
  config: Config;
  /** Choices made after the scenario's prefix, in order. */
  choices: Choice[];
};

/** Result of decoding a shared link or JSON export. `nearest` is the longest valid prefix, if any. */
export type DecodeResult = { ok: true; run: Run } | { ok: false; error: string; nearest?: Run };

/** One invariant evaluated on one world. */
export type InvariantResult = {
  /** Invariant id (`atomicity`…). */
  name: string;
  /** Human title. */
  title: string;
  /** safety, liveness or observation. */
  kind: 'safety' | 'liveness' | 'observation';
  /** For safety/liveness: true when it holds. For observation: true when the condition is NOT present. */
  holds: boolean;
  /** Null when it holds, otherwise what broke (or, for an observation, what is observed). */
  message: string | null;
  /**
   * When it does not hold and the invariant names culprits (`Invariant.ops`): positions in
   * `Protocol.history(world)` of the client operations it blames. Absent otherwise.
   */
  ops?: number[];
  /** Whether the configuration promises it (`Protocol.promises`); absent when the protocol declares no promises. */
  promised?: boolean;
};

/** A branching history of choices from a root world. Pure data; the kernel replays worlds from it. */
export type Timeline = {
  /** The world at index 0 (after the scenario prefix). */
  root: World;
  /** The current line of choices; the world at index i is root with steps[0..i) applied. */
  steps: Choice[];
  /** Index of the world the reader is looking at, 0..steps.length. */
  cursor: number;
  /** Futures abandoned by pushing a new choice while rewound: each is the full old `steps`. */
  branches: Choice[][];
};

/**
 * Progress report from the explorer. `violations` holds the safety violations found so far (each
 * already a shortest run: BFS meets shallow worlds first), so a reader can replay one before the
 * search ends; liveness is only judged at the end, on the whole graph.
 */
export type ExploreProgress = { worlds: number; transitions: number; depth: number; violations?: Violation[] };

/** Options for `explore` and `createExplorer`. Time comes only from the caller's `now`. */
export type ExploreOptions = {
  /** Configuration; defaults to the scenario's. */
  config?: Config;
  /** Fault budget; defaults to the scenario's. */
  budget?: FaultBudget;
  /**
   * Merge worlds that differ only by renaming interchangeable nodes (`Protocol.symmetry`). Default
   * true; false explores every world (for comparison and tests). No effect without `Protocol.symmetry`.
   */
  symmetry?: boolean;
  /**
   * At most this many faults of all kinds together after the start world (the budget caps each
   * kind on its own). Break-it questions use it, so the run found is one the reader could play.
   */
  maxFaults?: number;
  /** Stop after this many distinct worlds (default 2,000,000). */
  maxWorlds?: number;
  /** Do not expand worlds deeper than this many choices after the prefix (default unlimited). */
  maxDepth?: number;
  /** Stop after this many milliseconds, measured with `now` (ignored without `now`). */
  timeLimitMs?: number;
  /** The caller's clock; the kernel never reads one itself. */
  now?: () => number;
  /** Polled between expansions; true stops the search with stoppedBy 'cancel'. */
  shouldCancel?: () => boolean;
  /** Called every `progressEvery` transitions. */
  onProgress?: (p: ExploreProgress) => void;
  /** Transitions between progress reports (default 10,000). */
  progressEvery?: number;
};

/**
 * A violated invariant with the shortest run (choices after the prefix) that breaks it. For a
 * liveness invariant the run leads into a trap: a world from which no allowed continuation reaches
 * the goal; `loop` then holds choices that, taken from there, come back to the same world (up to
 * message numbering and renaming), so the reader sees the run go round. An empty loop means only
 * faults can happen there.
 */
export type Violation = {
  invariant: string;
  title: string;
  message: string;
  choices: Choice[];
  loop?: Choice[];
  /**
   * Whether the configuration promises the invariant (`Protocol.promises`): true is a bug in the
   * design, false a finding about it. Absent when the protocol declares no promises.
   */
  promised?: boolean;
};

/** What the explorer found. */
export type ExploreResult = {
  /** Distinct worlds seen (after canonical merging, and symmetry reduction when on). */
  worlds: number;
  /** Choices applied (edges explored; with symmetry reduction, only those actually computed). */
  transitions: number;
  /** Deepest level reached (choices after the prefix). */
  depth: number;
  /** Milliseconds measured with the caller's `now`; 0 without one. */
  ms: number;
  /** True when every reachable world was expanded. */
  complete: boolean;
  /** Why it stopped early, or null when complete. */
  stoppedBy: null | 'worlds' | 'depth' | 'time' | 'cancel';
  /** One per violated invariant, shortest first found by BFS. */
  violations: Violation[];
};

/** A sliced explorer for Web Workers: call run() repeatedly; null means "not finished yet". */
export type Explorer = { run(budgetTransitions: number): ExploreResult | null };
