/**
 * Liveness by reachability, on the graph of worlds the explorer has walked.
 *
 * A liveness invariant promises that its goal stays reachable: from every world (that meets its
 * premise, `Invariant.from`), some path of allowed choices (`Invariant.via`, by default every
 * choice that is not a fault) reaches a world where the goal holds. A world from which no such
 * path exists is a trap: however the rest of the run is scheduled, without new faults it never
 * gets there. Quiescence is not enough, because a timer that only re-arms itself keeps a stuck
 * world busy forever; here it is just an edge back to the same world, and no progress.
 *
 * This module only does graph work on world indices (BFS order, so the first trap found is one
 * of the shallowest). It knows nothing of worlds, protocols or choices. Must stay pure.
 */

/**
 * Edges between world indices, with a bit per liveness invariant saying whether it may use the
 * edge. Typed arrays that double when full: the explorer records millions of edges, and plain
 * arrays of numbers would cost twice the memory.
 */
export type EdgeList = { from: Int32Array; to: Int32Array; mask: Uint8Array; length: number };

export function createEdgeList(): EdgeList {
  return { from: new Int32Array(1024), to: new Int32Array(1024), mask: new Uint8Array(1024), length: 0 };
}

export function pushEdge(edges: EdgeList, from: number, to: number, mask: number): void {
  if (edges.length === edges.from.length) {
    const grow = <T extends Int32Array | Uint8Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(a.length * 2);
      b.set(a);
      return b;
    };
    edges.from = grow(edges.from);
    edges.to = grow(edges.to);
    edges.mask = grow(edges.mask);
  }
  edges.from[edges.length] = from;
  edges.to[edges.length] = to;
  edges.mask[edges.length] = mask;
  edges.length++;
}

/** Compressed adjacency (out-edges of `i` are `targets[start[i]..start[i+1])`, with their edge ids). */
type Adjacency = { start: Int32Array; targets: Int32Array; edgeIds: Int32Array };

function adjacency(n: number, edges: EdgeList, bit: number, reverse: boolean): Adjacency {
  const src = reverse ? edges.to : edges.from;
  const dst = reverse ? edges.from : edges.to;
  const start = new Int32Array(n + 1);
  for (let e = 0; e < edges.length; e++) if (edges.mask[e] & bit) start[src[e] + 1]++;
  for (let i = 0; i < n; i++) start[i + 1] += start[i];
  const fill = start.slice(0, n);
  const targets = new Int32Array(start[n]);
  const edgeIds = new Int32Array(start[n]);
  for (let e = 0; e < edges.length; e++) {
    if (!(edges.mask[e] & bit)) continue;
    const at = fill[src[e]]++;
    targets[at] = dst[e];
    edgeIds[at] = e;
  }
  return { start, targets, edgeIds };
}

/** Worlds reachable from world `from` along edges with this bit (a mark per world index). */
export function reachableFrom(n: number, edges: EdgeList, bit: number, from: number): Uint8Array {
  const fwd = adjacency(n, edges, bit, false);
  const seen = new Uint8Array(n);
  const queue = [from];
  seen[from] = 1;
  for (let h = 0; h < queue.length; h++) {
    const u = queue[h];
    for (let k = fwd.start[u]; k < fwd.start[u + 1]; k++) {
      const v = fwd.targets[k];
      if (!seen[v]) {
        seen[v] = 1;
        queue.push(v);
      }
    }
  }
  return seen;
}

/** A lasso in the trap region: the path from the trap world to the loop, then the loop itself (edge ids). */
export type Lasso = { stem: number[]; loop: number[] };

/** What one liveness invariant's analysis found: the first trap (in BFS order) and a lasso from it. */
export type Trap = { world: number; lasso: Lasso };

/**
 * The first world (lowest index) that meets the premise and cannot reach the goal, or null.
 * `good(i)` says the goal holds at i, or i was not expanded (the search stopped before it, so
 * nothing is known and nothing is claimed); `premise(i)` says the promise applies at i.
 */
export function findTrap(n: number, edges: EdgeList, bit: number, good: (i: number) => boolean, premise: (i: number) => boolean): Trap | null {
  const back = adjacency(n, edges, bit, true);
  const reaches = new Uint8Array(n);
  const queue = new Int32Array(n);
  let tail = 0;
  for (let i = 0; i < n; i++) {
    if (good(i)) {
      reaches[i] = 1;
      queue[tail++] = i;
    }
  }
  for (let head = 0; head < tail; head++) {
    const v = queue[head];
    for (let k = back.start[v]; k < back.start[v + 1]; k++) {
      const u = back.targets[k];
      if (!reaches[u]) {
        reaches[u] = 1;
        queue[tail++] = u;
      }
    }
  }
  for (let i = 0; i < n; i++) {
    if (!reaches[i] && premise(i)) return { world: i, lasso: lassoFrom(i, adjacency(n, edges, bit, false)) };
  }
  return null;
}

/**
 * A lasso from `t` inside its trap region (every successor of a trap world is a trap world): the
 * path to the nearest world of a bottom strongly connected component, then the shortest loop
 * through that world. A bottom component is where the run ends up once everything that can still
 * happen has happened, so the verdict read there names only what is stuck for good (a participant
 * whose answer is merely in flight is not). A component of one world with no allowed choice is a
 * dead end: the loop is empty.
 */
function lassoFrom(t: number, fwd: Adjacency): Lasso {
  // The region reachable from t, in BFS order, with parent edges for shortest stems.
  const index = new Map<number, number>([[t, 0]]);
  const order = [t];
  const parent = [-1];
  const parentEdge = [-1];
  for (let h = 0; h < order.length; h++) {
    const u = order[h];
    for (let k = fwd.start[u]; k < fwd.start[u + 1]; k++) {
      const v = fwd.targets[k];
      if (!index.has(v)) {
        index.set(v, order.length);
        order.push(v);
        parent.push(h);
        parentEdge.push(fwd.edgeIds[k]);
      }
    }
  }
  const comp = components(order, index, fwd);
  const bottom = new Uint8Array(order.length).fill(1);
  for (let i = 0; i < order.length; i++) {
    const u = order[i];
    for (let k = fwd.start[u]; k < fwd.start[u + 1]; k++) if (comp[index.get(fwd.targets[k])!] !== comp[i]) bottom[comp[i]] = 0;
  }
  let at = 0;
  while (!bottom[comp[at]]) at++;
  const stem: number[] = [];
  for (let x = at; x > 0; x = parent[x]) stem.push(parentEdge[x]);
  stem.reverse();
  return { stem, loop: shortestLoop(order[at], comp[at], fwd, index, comp) };
}

/** Strongly connected components of the region (Tarjan, iterative): a component number per region index. */
function components(order: number[], index: Map<number, number>, fwd: Adjacency): Int32Array {
  const n = order.length;
  const comp = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const num = new Int32Array(n).fill(-1);
  const onStack = new Uint8Array(n);
  const stack: number[] = [];
  let counter = 0;
  let comps = 0;
  for (let root = 0; root < n; root++) {
    if (num[root] >= 0) continue;
    const work: [number, number][] = [[root, fwd.start[order[root]]]];
    num[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = 1;
    while (work.length) {
      const top = work[work.length - 1];
      const [i, k] = top;
      const u = order[i];
      if (k < fwd.start[u + 1]) {
        top[1]++;
        const j = index.get(fwd.targets[k])!;
        if (num[j] < 0) {
          num[j] = low[j] = counter++;
          stack.push(j);
          onStack[j] = 1;
          work.push([j, fwd.start[order[j]]]);
        } else if (onStack[j]) low[i] = Math.min(low[i], num[j]);
        continue;
      }
      work.pop();
      if (work.length) {
        const p = work[work.length - 1][0];
        low[p] = Math.min(low[p], low[i]);
      }
      if (low[i] === num[i]) {
        let j: number;
        do {
          j = stack.pop()!;
          onStack[j] = 0;
          comp[j] = comps;
        } while (j !== i);
        comps++;
      }
    }
  }
  return comp;
}

/** The shortest loop from world u back to itself within its component (edge ids), or [] at a dead end. */
function shortestLoop(u: number, c: number, fwd: Adjacency, index: Map<number, number>, comp: Int32Array): number[] {
  const via = new Map<number, [number, number]>(); // world -> [previous world, edge id]
  const queue = [u];
  for (let h = 0; h < queue.length; h++) {
    const x = queue[h];
    for (let k = fwd.start[x]; k < fwd.start[x + 1]; k++) {
      const v = fwd.targets[k];
      if (comp[index.get(v)!] !== c) continue;
      if (v === u) {
        const loop = [fwd.edgeIds[k]];
        for (let y = x; y !== u; y = via.get(y)![0]) loop.push(via.get(y)![1]);
        return loop.reverse();
      }
      if (!via.has(v)) {
        via.set(v, [x, fwd.edgeIds[k]]);
        queue.push(v);
      }
    }
  }
  return [];
}
