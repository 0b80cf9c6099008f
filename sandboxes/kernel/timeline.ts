/**
 * The player's history as pure data: a root world and a line of choices with a cursor. Pushing a
 * choice while rewound keeps the abandoned future as a branch. Knows nothing of any protocol.
 */
import { step } from './step.ts';
import { choiceToToken } from './tokens.ts';
import type { Timeline } from './api-types.ts';
import type { Choice, Config, Protocol, World } from './types.ts';

/** A timeline at `world` with no steps. */
export function timelineCreate(world: World): Timeline {
  return { root: world, steps: [], cursor: 0, branches: [] };
}

/** Add a choice at the cursor. If the cursor is not at the end, the old future is saved as a branch. */
export function timelinePush(tl: Timeline, choice: Choice): Timeline {
  if (tl.cursor < tl.steps.length) {
    return { ...tl, steps: [...tl.steps.slice(0, tl.cursor), choice], cursor: tl.cursor + 1, branches: [...tl.branches, tl.steps] };
  }
  return { ...tl, steps: [...tl.steps, choice], cursor: tl.cursor + 1 };
}

/** Move the cursor to `index`, clamped to 0..steps.length. */
export function timelineSeek(tl: Timeline, index: number): Timeline {
  const cursor = Math.max(0, Math.min(tl.steps.length, Math.trunc(index)));
  return cursor === tl.cursor ? tl : { ...tl, cursor };
}

/** One step back (no-op at the start). */
export function timelineBack(tl: Timeline): Timeline {
  return timelineSeek(tl, tl.cursor - 1);
}

/** One step forward along the current line (no-op at the end). */
export function timelineForward(tl: Timeline): Timeline {
  return timelineSeek(tl, tl.cursor + 1);
}

// Replay checkpoints per root world, keyed by the token prefix, so scrubbing a long timeline does
// not replay from the root each time. Pure cache: same inputs, same world.
const CHECKPOINT_EVERY = 16;
const checkpoints = new WeakMap<World, Map<string, World>>();

/** The world after `index` steps of the timeline (default: at the cursor). Throws on an illegal step. */
export function timelineWorldAt(protocol: Protocol, config: Config, tl: Timeline, index: number = tl.cursor): World {
  const end = Math.max(0, Math.min(tl.steps.length, index));
  let cache = checkpoints.get(tl.root);
  if (!cache) {
    cache = new Map();
    checkpoints.set(tl.root, cache);
  }
  const tokens = tl.steps.slice(0, end).map(choiceToToken);
  let start = 0;
  let world = tl.root;
  for (let i = Math.floor(end / CHECKPOINT_EVERY) * CHECKPOINT_EVERY; i > 0; i -= CHECKPOINT_EVERY) {
    const hit = cache.get(config.size + '|' + JSON.stringify(config.flags) + '|' + tokens.slice(0, i).join('_'));
    if (hit) {
      start = i;
      world = hit;
      break;
    }
  }
  for (let i = start; i < end; i++) {
    world = step(protocol, config, world, tl.steps[i]);
    if ((i + 1) % CHECKPOINT_EVERY === 0) cache.set(config.size + '|' + JSON.stringify(config.flags) + '|' + tokens.slice(0, i + 1).join('_'), world);
  }
  return world;
}
