/**
 * The explorer: breadth-first search over every world a scenario can reach within its fault
 * budget, merging equal worlds by a canonical key, and reporting for each violated invariant the
 * shortest run that breaks it (BFS meets shallow worlds first).
 *
 * Canonical key: message ids and the id counter are left out and in-flight messages are sorted by
 * content, so worlds that differ only in numbering merge. That is sound for replay because every
 * stored world keeps the path (with its own ids) that first reached it, and replaying that path
 * from the start reproduces exactly that world. Snapshots and stores are interned to small numbers
 * by identity then content; node transitions are memoized in node.ts.
 *
 * Obsolete messages (`Protocol.obsolete`, obsolete.ts): worlds that differ only by messages their
 * receivers can no longer act on share one key, and such deliveries are not expanded.
 *
 * Symmetry reduction (on by default when the protocol declares `symmetry`): the visited-set key is
 * taken from the world with interchangeable nodes renamed into a canonical order (symmetry.ts), so
 * worlds that differ only by which participant is which count once. The search still walks real
 * worlds with real choices and parent pointers, so every counterexample is a real run that replays;
 * BFS levels are unchanged, so it is still a shortest one. `transitions` counts steps computed.
 *
 * Synchronous and sliceable (`createExplorer().run(n)`) so a Web Worker can report progress and
 * cancel between slices. Time only comes from the caller's `now`.
 */
import { canonicalKey } from './canonical.ts';
import { applyChoice, choices, isFaultChoice, startWorldWith } from './step.ts';
import { createEdgeList, findTrap, pushEdge, reachableFrom } from './liveness.ts';
import { messageKey, withoutObsolete } from './world.ts';
import { cmp, createSymmetricKey, pack, validGroups } from './symmetry.ts';
import type { ExploreOptions, ExploreResult, Explorer, Violation } from './api-types.ts';
import type { Choice, Config, Invariant, Json, Message, Protocol, Scenario, World } from './types.ts';

/** Numbers JSON values by content, remembering objects by identity. One per exploration, so memory is freed with it. */
type Interner = (v: Json) => number | string;

function createInterner(): (v: Json) => number {
  const ids = new Map<string, number>();
  const idByObject = new WeakMap<object, number>();
  return (v) => {
    if (v !== null && typeof v === 'object') {
      const hit = idByObject.get(v);
      if (hit !== undefined) return hit;
    }
    const k = canonicalKey(v);
    let id = ids.get(k);
    if (id === undefined) {
      id = ids.size;
      ids.set(k, id);
    }
    if (v !== null && typeof v === 'object') idByObject.set(v, id);
    return id;
  };
}



/**
 * Canonical key of a world: equal for worlds that differ only in message numbering or order.
 * Without interners it is readable text (for tests and debugging); the explorer passes interners
 * that number snapshots, stores and messages, and packs the numbers into a short string.
 */
export function worldKey(world: World, intern: Interner = canonicalKey, internMessage: (m: Message) => number | string = messageKey): string {
  const parts: (number | string)[] = [];
  for (const id in world.nodes) {
    const n = world.nodes[id];
    parts.push(n.up ? 1 : 0, intern(n.snapshot), intern(n.store));
  }
  const ms = world.inFlight.map(internMessage);
  if (ms.length > 1) ms.sort(cmp);
  parts.push(-1, ...ms, -1);
  const ts = world.timers.map((t) => t.node + '.' + t.name);
  if (ts.length > 1) ts.sort();
  parts.push(ts.join(','));
  if (world.partition) parts.push('P' + world.partition.map((g) => g.slice().sort().join(',')).sort().join('/'));
  const u = world.used;
  parts.push(u.crash, u.drop, u.duplicate, u.partition, world.pendingRequests.join(','));
  // The logical clock follows from the stamped records in the stores; kept in the key anyway.
  if (world.clock) parts.push('T' + world.clock);
  return pack(parts);
}

/** A sliced BFS. `run(n)` does about n transitions and returns the result when done, else null. */
export function createExplorer(protocol: Protocol, scenario: Scenario, options: ExploreOptions = {}): Explorer {
  const config: Config = options.config ?? scenario.config;
  const start = startWorldWith(protocol, scenario, config, options.budget ?? scenario.budget);
  const maxWorlds = options.maxWorlds ?? 2_000_000;
  const maxDepth = options.maxDepth ?? Infinity;
  const progressEvery = options.progressEvery ?? 10_000;
  const now = options.now;
  const t0 = now ? now() : 0;
  const safety = protocol.invariants.filter((i) => i.kind === 'safety');
  const faultsSpent = (w: World) => w.used.crash + w.used.drop + w.used.duplicate + w.used.partition;
  const faultsLeft = (w: World) => (options.maxFaults === undefined ? Infinity : options.maxFaults - (faultsSpent(w) - faultsSpent(start)));
  const liveness = protocol.invariants.filter((i) => i.kind === 'liveness');
  // Liveness needs the graph: every allowed edge (a bit per liveness invariant) and, per world,
  // whether each goal holds and each premise applies (bits), and whether it was expanded.
  const edges = createEdgeList();
  const goalBits: number[] = [];
  const premiseBits: number[] = [];
  const viaMask = (c: Choice): number => {
    let m = 0;
    for (let k = 0; k < liveness.length; k++) if (allows(liveness[k], c)) m |= 1 << k;
    return m;
  };

  const intern = createInterner();
  // Message keys numbered per exploration: short keys hash faster than full message text.
  const msgIds = new Map<string, number>();
  const msgIdByObject = new WeakMap<Message, number>();
  const internMessage = (m: Message): number => {
    let id = msgIdByObject.get(m);
    if (id === undefined) {
      const k = messageKey(m);
      id = msgIds.get(k);
      if (id === undefined) {
        id = msgIds.size;
        msgIds.set(k, id);
      }
      msgIdByObject.set(m, id);
    }
    return id;
  };
  // Symmetry reduction: merge worlds that differ only by renaming interchangeable nodes.
  const groups = options.symmetry === false || !protocol.symmetry ? [] : validGroups(start, protocol.symmetry(config, scenario.data));
  const symKey = groups.length ? createSymmetricKey(start, groups) : null;
  const rawKeyOf = symKey ?? ((w: World) => worldKey(w, intern, internMessage));
  // Worlds that differ only by obsolete messages behave alike (obsolete.ts): one key for them.
  const keyOf = protocol.obsolete ? (w: World) => rawKeyOf(withoutObsolete(protocol, w)) : rawKeyOf;
  const seen = new Map<string, number>();
  const queue: (World | null)[] = [start];
  const parent: number[] = [-1];
  const via: (Choice | null)[] = [null];
  const depthOf: number[] = [0];
  seen.set(keyOf(start), 0);
  const violations = new Map<string, Violation>();
  let head = 0;
  let transitions = 0;
  let depth = 0;
  let nextProgress = progressEvery;
  let depthCut = false;
  let result: ExploreResult | null = null;

  const path = (i: number): Choice[] => {
    const out: Choice[] = [];
    for (let j = i; j > 0; j = parent[j]) out.push(via[j]!);
    return out.reverse();
  };
  const promised = protocol.promises ? new Set(protocol.promises(config)) : null;
  const mark = (v: Violation): Violation => (promised ? { ...v, promised: promised.has(v.invariant) } : v);
  const record = (name: string, title: string, message: string, i: number) => {
    if (!violations.has(name)) violations.set(name, mark({ invariant: name, title, message, choices: path(i) }));
  };
  const checkSafety = (w: World, i: number) => {
    for (const inv of safety) {
      if (violations.has(inv.name)) continue;
      const msg = inv.check(w, config);
      if (msg !== null) record(inv.name, inv.title, msg, i);
    }
  };
  checkSafety(start, 0);

  const finish = (stoppedBy: ExploreResult['stoppedBy']): ExploreResult => {
    if (liveness.length) findLivenessViolations();
    result = {
      worlds: queue.length,
      transitions,
      depth,
      ms: now ? Math.round(now() - t0) : 0,
      complete: stoppedBy === null,
      stoppedBy,
      violations: [...violations.values()],
    };
    return result;
  };

  function addEdge(from: number, to: number, c: Choice): void {
    const m = viaMask(c);
    if (!m) return;
    pushEdge(edges, from, to, m);
  }

  /** The world at index i, rebuilt from the start along its path (expanded worlds are not kept). */
  const worldAt = (i: number): World => {
    let w = start;
    for (const c of path(i)) w = applyChoice(protocol, config, w, c);
    return w;
  };

  /**
   * Real choices that walk from world `w` through the worlds `targets` (indices), one step each:
   * the stored edge joins the merged worlds, so the matching choice is found by key.
   */
  const realize = (w: World, targets: number[], inv: Invariant): { choices: Choice[]; world: World } | null => {
    const out: Choice[] = [];
    for (const t of targets) {
      const want = keyOf(worldAt(t));
      let found: { c: Choice; next: World } | null = null;
      for (const c of choices(protocol, config, w)) {
        if (!allows(inv, c)) continue;
        const next = applyChoice(protocol, config, w, c);
        if (keyOf(next) === want) {
          found = { c, next };
          break;
        }
      }
      if (!found) return null;
      out.push(found.c);
      w = found.next;
    }
    return { choices: out, world: w };
  };

  function findLivenessViolations(): void {
    const n = queue.length;
    for (let k = 0; k < liveness.length; k++) {
      const inv = liveness[k];
      if (violations.has(inv.name)) continue;
      const bit = 1 << k;
      // Worlds never expanded (a limit stopped the search) count as good: nothing is known there.
      const good = (i: number) => goalBits[i] === undefined || (goalBits[i] & bit) !== 0;
      const inScope = inv.viaFromStart ? reachableFrom(n, edges, bit, 0) : null;
      const premise = (i: number) => goalBits[i] !== undefined && (premiseBits[i] & bit) !== 0 && (!inScope || inScope[i] === 1);
      const trap = findTrap(n, edges, bit, good, premise);
      if (!trap) continue;
      const base = worldAt(trap.world);
      const stem = realize(base, trap.lasso.stem.map((e) => edges.to[e]), inv);
      const loop = stem && realize(stem.world, trap.lasso.loop.map((e) => edges.to[e]), inv);
      // Worded on the world the run ends in, so replaying it and checking there says the same.
      const msg = inv.check(stem?.world ?? base, config) ?? inv.title;
      violations.set(
        inv.name,
        mark({
          invariant: inv.name,
          title: inv.title,
          message: trappedMessage(inv, msg),
          choices: [...path(trap.world), ...(stem ? stem.choices : [])],
          loop: loop ? loop.choices : [],
        }),
      );
    }
  }

  // Delivering an obsolete message leads back to the same key: not worth computing.
  const expandable = (w: World): Choice[] => {
    const all = choices(protocol, config, w);
    const noFaults = faultsLeft(w) <= 0;
    const live = withoutObsolete(protocol, w);
    if (!noFaults && live === w) return all;
    const liveIds = live === w ? null : new Set(live.inFlight.map((m) => m.id));
    return all.filter((c) => !(noFaults && isFaultChoice(c)) && !(liveIds && c.kind === 'deliver' && !liveIds.has(c.id)));
  };

  const run = (budgetTransitions: number): ExploreResult | null => {
    if (result) return result;
    const sliceEnd = transitions + budgetTransitions;
    while (head < queue.length) {
      if (options.shouldCancel?.()) return finish('cancel');
      if (now && options.timeLimitMs !== undefined && now() - t0 > options.timeLimitMs) return finish('time');
      if (transitions >= sliceEnd) return null;
      const i = head++;
      const w = queue[i]!;
      queue[i] = null; // expanded worlds are only needed through their path
      const d = depthOf[i];
      const cs = expandable(w);
      if (d >= maxDepth) {
        if (cs.length) depthCut = true;
        continue;
      }
      if (liveness.length) {
        let goal = 0;
        let premise = 0;
        for (let k = 0; k < liveness.length; k++) {
          const inv = liveness[k];
          if (inv.check(w, config) === null) goal |= 1 << k;
          if (!inv.from || inv.from(w, config)) premise |= 1 << k;
        }
        goalBits[i] = goal;
        premiseBits[i] = premise;
      }
      for (const c of cs) {
        const next = applyChoice(protocol, config, w, c);
        transitions++;
        if (transitions >= nextProgress) {
          nextProgress += progressEvery;
          options.onProgress?.({ worlds: queue.length, transitions, depth, violations: [...violations.values()] });
        }
        const key = keyOf(next);
        const known = seen.get(key);
        if (known !== undefined) {
          if (liveness.length) addEdge(i, known, c);
          continue;
        }
        const j = queue.length;
        seen.set(key, j);
        if (liveness.length) addEdge(i, j, c);
        queue.push(next);
        parent.push(i);
        via.push(c);
        depthOf.push(d + 1);
        if (d + 1 > depth) depth = d + 1;
        checkSafety(next, j);
        if (queue.length >= maxWorlds) return finish('worlds');
      }
    }
    return finish(depthCut ? 'depth' : null);
  };
  return { run };
}

/** May a path towards this liveness invariant's goal take choice c? */
export function allows(inv: Invariant, c: Choice): boolean {
  return inv.via ? inv.via(c) : !isFaultChoice(c);
}

/** The verdict on a trapped run, from what the goal still misses. */
export function trappedMessage(inv: Invariant, missing: string): string {
  return `${missing}: ${inv.stuck ?? 'no continuation without faults gets there'}`;
}

/** Explore a scenario to the end (or a limit) in one call. */
export function explore(protocol: Protocol, scenario: Scenario, options: ExploreOptions = {}): ExploreResult {
  return createExplorer(protocol, scenario, options).run(Infinity)!;
}
