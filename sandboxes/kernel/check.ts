/**
 * Evaluating a protocol's invariants on one world (the player's invariant panel, replay checks),
 * and deciding whether a world is quiescent.
 *
 * Safety and observations are read off the world. Liveness asks whether the goal can still be
 * reached from here without faults: a quick greedy run usually finds it; otherwise a bounded search
 * of the continuations decides, and when the bound is hit nothing is claimed (the explorer, which
 * sees the whole space, is the judge there). Must stay pure.
 */
import { applyChoice, choices, isFaultChoice } from './step.ts';
import { allows, trappedMessage, worldKey } from './explore.ts';
import { canonicalJson } from './canonical.ts';
import type { InvariantResult } from './api-types.ts';
import type { Choice, Config, Invariant, Json, Protocol, World } from './types.ts';

/** True when no choice but a fault (drop, duplicate, crash, partition) remains. */
export function quiescent(protocol: Protocol, config: Config, world: World): boolean {
  return choices(protocol, config, world).every(isFaultChoice);
}

// Repairs and deliveries before timers: the order in which a run most often gets somewhere.
const PREFERENCE: Choice['kind'][] = ['deliver', 'request', 'recover', 'heal', 'timer'];

function greedyReaches(protocol: Protocol, config: Config, world: World, inv: Invariant, steps: number): boolean {
  let w = world;
  for (let i = 0; i < steps; i++) {
    if (inv.check(w, config) === null) return true;
    const cs = choices(protocol, config, w).filter((c) => allows(inv, c));
    let pick: Choice | undefined;
    for (const kind of PREFERENCE) {
      if (pick) break;
      const ofKind = cs.filter((c) => c.kind === kind);
      // Timers in turn: the first armed one may only re-arm itself forever.
      if (ofKind.length) pick = kind === 'timer' ? ofKind[i % ofKind.length] : ofKind[0];
    }
    if (!pick) return false;
    w = applyChoice(protocol, config, w, pick);
  }
  return inv.check(w, config) === null;
}

/**
 * Null when the liveness goal holds here, can still be reached without faults, or the premise does
 * not apply; otherwise the verdict. `path` is the run since the scenario's start, when known (an
 * invariant with `viaFromStart` is judged only on runs made of its `via` choices, so without a
 * path it is not judged). `limit` bounds the worlds searched; past it, null.
 */
export function livenessVerdict(protocol: Protocol, config: Config, world: World, inv: Invariant, path?: Choice[], limit = 4000): string | null {
  if (inv.viaFromStart && (!path || !path.every((c) => allows(inv, c)))) return null;
  if (inv.from && !inv.from(world, config)) return null;
  // The player asks again for every world of a run each time the run changes: remember verdicts.
  // Per protocol object: a test's mutated copy shares the id but not the machines.
  let cache = verdicts.get(protocol);
  if (!cache) verdicts.set(protocol, (cache = new Map()));
  const key = `${inv.name}|${canonicalJson(config as unknown as Json)}|${limit}|${worldKey(world)}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const verdict = searchVerdict(protocol, config, world, inv, limit);
  if (cache.size >= VERDICT_CACHE) cache.clear();
  cache.set(key, verdict);
  return verdict;
}

const VERDICT_CACHE = 2000;
const verdicts = new WeakMap<Protocol, Map<string, string | null>>();

function searchVerdict(protocol: Protocol, config: Config, world: World, inv: Invariant, limit: number): string | null {
  const missing = inv.check(world, config);
  if (missing === null || greedyReaches(protocol, config, world, inv, 400)) return null;
  const seen = new Set([worldKey(world)]);
  const queue = [world];
  for (let head = 0; head < queue.length; head++) {
    for (const c of choices(protocol, config, queue[head])) {
      if (!allows(inv, c)) continue;
      const next = applyChoice(protocol, config, queue[head], c);
      const key = worldKey(next);
      if (seen.has(key)) continue;
      if (inv.check(next, config) === null) return null;
      if (seen.size >= limit) return null;
      seen.add(key);
      queue.push(next);
    }
  }
  return trappedMessage(inv, missing);
}

/**
 * Every invariant of the protocol on this world, in the protocol's order. Pass `path`, the choices
 * since the scenario's start, so that liveness promises about failure-free runs can be judged.
 */
export function checkInvariants(protocol: Protocol, config: Config, world: World, path?: Choice[]): InvariantResult[] {
  const promised = protocol.promises ? new Set(protocol.promises(config)) : null;
  return protocol.invariants.map((inv) => {
    const message = inv.kind === 'liveness' ? livenessVerdict(protocol, config, world, inv, path) : inv.check(world, config);
    const r: InvariantResult = { name: inv.name, title: inv.title, kind: inv.kind, holds: message === null, message };
    if (message !== null && inv.ops) r.ops = inv.ops(world, config);
    if (promised && inv.kind !== 'observation') r.promised = promised.has(inv.name);
    return r;
  });
}

/**
 * Which invariants a configuration promises: `Protocol.promises`, or every safety and liveness
 * invariant when the protocol declares none.
 */
export function promisedInvariants(protocol: Protocol, config: Config): string[] {
  return protocol.promises ? protocol.promises(config) : protocol.invariants.filter((i) => i.kind !== 'observation').map((i) => i.name);
}
