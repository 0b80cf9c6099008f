/**
 * Linearizability of a register or compare-and-set register history (Herlihy & Wing 1990): is
 * there one order of the operations, each taking effect at an instant between its invoke and its
 * response, in which every read returns the latest write?
 *
 * The search is Wing & Gong's (1993) with Lowe's (2017) memo, as Knossos and Porcupine do it:
 * call and return entries in one time-ordered linked list; take the first call whose operation
 * can take effect now, lift it out and start again from the head; on reaching a return whose
 * operation is not yet placed, undo the last choice. Each (set of operations placed, register
 * value) pair is explored once: the set as a bitset, hashed incrementally, compared exactly.
 *
 * `info` operations have no return entry: they may be placed at any point after their invoke, or
 * never (the search succeeds once every completed operation is placed). Three reductions keep
 * dozens of them cheap, none changing the verdict:
 * - an `info` operation is placed only in a chain that ends at a completed operation which could
 *   not have taken effect before the chain began (otherwise the chain could move later or go);
 * - identical `info` operations are interchangeable, so they are placed in invoke order only;
 * - values no operation ever compares the register with share one state (steps.ts).
 * Worst cases stay exponential (the problem is NP-complete, Gibbons & Korach 1997).
 *
 * Before searching, `linearize` looks for an operation that real time alone rules out (a stale
 * read, a read of a value never written…; explain.ts); that is the verdict and the reason, and
 * the search only runs over what completed before it, for the longest linearizable prefix.
 * Otherwise the failure names the operation that could not be placed at the deepest point the
 * search reached and the values the register could hold there. Pure.
 */
import type { History } from './history.ts';
import type { Verdict } from './verdict.ts';
import { apply, prepare, stateLabel } from './steps.ts';
import type { Step } from './steps.ts';
import { firstProof, prefixSummary, searchReason } from './explain.ts';

export type Linearization =
  | {
      linearizable: true;
      /**
       * Ids of the operations in one legal order. Missing ones did not happen (failed reads and
       * writes), constrain nothing (reads with no answer), or are `info` writes and cas that
       * need never have taken effect.
       */
      order: number[];
    }
  | {
      linearizable: false;
      explanation: string;
      /** Ids of the operations the explanation names; the first could not be placed. */
      ops: number[];
      /** The longest linearizable prefix found, as operation ids in order. */
      prefix: number[];
      /** The operation that could not be placed after that prefix. */
      blocked: number;
    }
  | {
      /** The search spent its budget before deciding: neither verdict is known. */
      linearizable: 'unknown';
      explanation: string;
      /** Placements the search tried (each a new (placed set, state) pair) before it stopped. */
      explored: number;
    };

/** How much search `linearize` may spend. */
export interface SearchOptions {
  /**
   * The most placements (new (placed set, register state) pairs) to try before answering
   * `unknown`. Default: no limit. The problem is NP-complete, so a history built to be hard can
   * take minutes; a budget turns that into an honest "unknown" instead of a hang.
   */
  budget?: number;
}

/** The deepest dead end: how many completed operations were placed, and who could not be. */
export interface DeadEnd {
  depth: number;
  prefix: number[];
  blocked: number;
  /** Register states (value ids) in which `blocked` had to take effect and could not. */
  states: number[];
}

/** Entries of the linked list: calls and returns in time order, with a head sentinel. */
interface Entries {
  head: number;
  isCall: Uint8Array;
  step: Int32Array;
  match: Int32Array;
  prev: Int32Array;
  next: Int32Array;
}

function buildEntries(steps: Step[]): Entries {
  const list: { t: number; ret: number; step: number }[] = [];
  steps.forEach((s, i) => {
    list.push({ t: s.op.invoke, ret: 0, step: i });
    if (s.required) list.push({ t: s.op.response as number, ret: 1, step: i });
  });
  // Equal times are concurrent (precedence is strict), so calls sort before returns. Between two
  // returns the order of calls is free; completed operations go first, so the memo meets each
  // set of them first with the fewest optional operations placed.
  list.sort((a, b) => a.t - b.t || a.ret - b.ret || a.step - b.step);
  let segment = 0;
  const keyed = list.map((x) => ({ ...x, segment: x.ret ? segment++ : segment }));
  keyed.sort((a, b) => a.segment - b.segment || a.ret - b.ret || Number(steps[b.step].required) - Number(steps[a.step].required) || a.t - b.t || a.step - b.step);
  list.splice(0, list.length, ...keyed);
  const n = list.length;
  const e: Entries = {
    head: n, isCall: new Uint8Array(n), step: new Int32Array(n), match: new Int32Array(n).fill(-1),
    prev: new Int32Array(n + 1), next: new Int32Array(n + 1),
  };
  const callOf = new Int32Array(steps.length);
  list.forEach((x, i) => {
    e.isCall[i] = x.ret ? 0 : 1;
    e.step[i] = x.step;
    if (!x.ret) callOf[x.step] = i;
    else {
      e.match[i] = callOf[x.step];
      e.match[callOf[x.step]] = i;
    }
    e.prev[i] = i === 0 ? n : i - 1;
    e.next[i] = i === n - 1 ? -1 : i + 1;
  });
  e.next[n] = n === 0 ? -1 : 0;
  return e;
}

/** Unlinks a call entry and its return entry (if any). */
function lift(e: Entries, c: number): void {
  unlinkOne(e, c);
  if (e.match[c] >= 0) unlinkOne(e, e.match[c]);
}

function unlinkOne(e: Entries, x: number): void {
  e.next[e.prev[x]] = e.next[x];
  if (e.next[x] >= 0) e.prev[e.next[x]] = e.prev[x];
}

/** Relinks what `lift` removed, in reverse order (dancing links). */
function unlift(e: Entries, c: number): void {
  if (e.match[c] >= 0) relinkOne(e, e.match[c]);
  relinkOne(e, c);
}

function relinkOne(e: Entries, x: number): void {
  e.next[e.prev[x]] = x;
  if (e.next[x] >= 0) e.prev[e.next[x]] = x;
}

/**
 * Lowe's memo: the (bitset of placed steps, state) pairs seen. Open addressing over one flat
 * pool (hash, state, bitset words per entry), so millions of entries cost no garbage.
 */
class Memo {
  private readonly stride: number;
  private pool: Uint32Array;
  private table: Int32Array = new Int32Array(1 << 12);
  private count = 0;

  constructor(words: number) {
    this.stride = words + 2;
    this.pool = new Uint32Array(this.stride * 1024);
  }

  /** Adds the pair; false when it was already there. */
  add(hash: number, bits: Uint32Array, state: number): boolean {
    const key = (hash ^ Math.imul(state + 1, 0x9e3779b1)) >>> 0;
    const mask = this.table.length - 1;
    let i = key & mask;
    for (let e = this.table[i]; e !== 0; e = this.table[i]) {
      if (this.matches(e - 1, key, bits, state)) return false;
      i = (i + 1) & mask;
    }
    this.store(i, key, bits, state);
    return true;
  }

  private matches(e: number, key: number, bits: Uint32Array, state: number): boolean {
    const at = e * this.stride;
    if (this.pool[at] !== key || this.pool[at + 1] !== state) return false;
    for (let w = 0; w < bits.length; w++) if (this.pool[at + 2 + w] !== bits[w]) return false;
    return true;
  }

  private store(slot: number, key: number, bits: Uint32Array, state: number): void {
    if ((this.count + 1) * this.stride > this.pool.length) {
      const bigger = new Uint32Array(this.pool.length * 2);
      bigger.set(this.pool);
      this.pool = bigger;
    }
    const at = this.count * this.stride;
    this.pool[at] = key;
    this.pool[at + 1] = state;
    this.pool.set(bits, at + 2);
    this.table[slot] = ++this.count;
    if (this.count * 2 > this.table.length) this.rehash();
  }

  private rehash(): void {
    this.table = new Int32Array(this.table.length * 2);
    const mask = this.table.length - 1;
    for (let e = 0; e < this.count; e++) {
      let i = this.pool[e * this.stride] & mask;
      while (this.table[i] !== 0) i = (i + 1) & mask;
      this.table[i] = e + 1;
    }
  }
}

/** A fixed pseudo-random 32-bit token per step (splitmix-style), for the incremental hash. */
function token(i: number): number {
  let z = Math.imul(i + 1, 0x9e3779b9);
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) | 0;
}

/** For each optional step, the previous optional step with the same effect (or -1). */
function previousTwin(steps: Step[]): Int32Array {
  const prev = new Int32Array(steps.length).fill(-1);
  const last = new Map<string, number>();
  steps.forEach((s, i) => {
    if (s.required) return;
    const k = `${s.kind}:${s.a}:${s.b}`;
    prev[i] = last.get(k) ?? -1;
    last.set(k, i);
  });
  return prev;
}

/** The search. Returns the order of placed steps, the deepest dead end, or how far it got when the budget ran out. */
export function search(steps: Step[], initial: number, valueCount: number, budget = Infinity): { order: number[] } | { deadEnd: DeadEnd } | { exhausted: number } {
  const s = new Search(steps, initial, valueCount);
  let entry = s.e.next[s.e.head];
  let placements = 0;
  while (s.left > 0) {
    if (s.e.isCall[entry]) {
      if (!s.tryPlace(entry)) {
        entry = s.e.next[entry];
        continue;
      }
      if (++placements > budget) return { exhausted: placements - 1 };
      entry = s.e.next[s.e.head];
      continue;
    }
    // A return whose operation is not placed: this branch is dead.
    s.noteDeadEnd(s.steps[s.e.step[entry]]);
    if (s.depth === 0) return { deadEnd: s.dead };
    entry = s.e.next[s.undo()];
  }
  return { order: s.placedIds() };
}

/** The search's state: the entry list, the placed set, the stack of choices, the memo. */
class Search {
  readonly steps: Step[];
  readonly e: Entries;
  private readonly valueCount: number;
  private readonly bits: Uint32Array;
  private readonly twin: Int32Array;
  private readonly memo: Memo;
  private readonly stackEntry: Int32Array;
  private readonly stackState: Int32Array;
  private readonly stackChain: Int32Array;
  private readonly total: number;
  depth = 0;
  left: number;
  dead: DeadEnd = { depth: -1, prefix: [], blocked: -1, states: [] };
  private hash = 0;
  private state: number;
  /** The state before the open chain of optional steps, or -1 when none is open. */
  private chain = -1;

  constructor(steps: Step[], initial: number, valueCount: number) {
    this.steps = steps;
    this.e = buildEntries(steps);
    this.valueCount = valueCount;
    this.bits = new Uint32Array((steps.length + 31) >>> 5);
    this.twin = previousTwin(steps);
    this.memo = new Memo(this.bits.length);
    this.stackEntry = new Int32Array(steps.length);
    this.stackState = new Int32Array(steps.length);
    this.stackChain = new Int32Array(steps.length);
    this.state = initial;
    this.left = this.total = steps.filter((st) => st.required).length;
  }

  private has(i: number): boolean {
    return (this.bits[i >>> 5] & (1 << (i & 31))) !== 0;
  }

  private flip(i: number): void {
    this.bits[i >>> 5] ^= 1 << (i & 31);
  }

  /**
   * The state after step `i` if it may be placed now, else -1. Optional steps go in chains that
   * must end at a completed operation which could not have taken effect before the chain began;
   * any other chain could move later or go without changing what anyone observed. Twins go in
   * invoke order.
   */
  private allowed(i: number): number {
    const st = this.steps[i];
    if (!st.required) return this.twin[i] >= 0 && !this.has(this.twin[i]) ? -1 : apply(this.state, st);
    if (this.chain >= 0 && apply(this.chain, st) >= 0) return -1;
    return apply(this.state, st);
  }

  /** Places the call at `entry` if it may go now and leads somewhere new. */
  tryPlace(entry: number): boolean {
    const i = this.e.step[entry];
    const st = this.steps[i];
    const next = this.allowed(i);
    if (next < 0) return false;
    const chain = st.required ? -1 : this.chain >= 0 ? this.chain : this.state;
    this.flip(i);
    if (!this.memo.add(this.hash ^ token(i), this.bits, next * (this.valueCount + 1) + chain + 1)) {
      this.flip(i);
      return false;
    }
    this.hash ^= token(i);
    this.stackEntry[this.depth] = entry;
    this.stackChain[this.depth] = this.chain;
    this.stackState[this.depth++] = this.state;
    this.state = next;
    this.chain = chain;
    lift(this.e, entry);
    if (st.required) this.left--;
    return true;
  }

  /** Takes back the last placement; returns its call entry. */
  undo(): number {
    const back = this.stackEntry[--this.depth];
    const j = this.e.step[back];
    this.state = this.stackState[this.depth];
    this.chain = this.stackChain[this.depth];
    this.flip(j);
    this.hash ^= token(j);
    unlift(this.e, back);
    if (this.steps[j].required) this.left++;
    return back;
  }

  /** Keeps the deepest dead end: how far it got, and the states `blocked` met there. */
  noteDeadEnd(blocked: Step): void {
    const placed = this.total - this.left;
    const d = this.dead;
    if (placed > d.depth) this.dead = { depth: placed, prefix: this.placedIds(), blocked: blocked.op.id, states: [this.state] };
    else if (placed === d.depth && blocked.op.id === d.blocked && !d.states.includes(this.state)) d.states.push(this.state);
  }

  placedIds(): number[] {
    const ids: number[] = [];
    for (let k = 0; k < this.depth; k++) ids.push(this.steps[this.e.step[this.stackEntry[k]]].op.id);
    return ids;
  }
}

/**
 * Decides linearizability; on failure explains it in words. When real time alone proves some
 * operation cannot be placed (explain.ts), that is the verdict and the reason, and the search
 * runs only over what completed before it, for the prefix; otherwise the search decides.
 */
export function linearize(history: History, options: SearchOptions = {}): Linearization {
  const prepared = prepare(history);
  const { steps, initial, values } = prepared;
  const budget = options.budget ?? Infinity;
  const total = steps.filter((s) => s.required).length;
  const proof = firstProof(history);
  if (proof) {
    const cut = proof.op.response as number;
    const before = steps.filter((s) => s.op !== proof.op && (s.required ? (s.op.response as number) < cut : s.op.invoke < cut));
    const r = search(before, initial, values.length, budget);
    // The proof stands on its own; only the prefix it reports needs the search.
    if ('exhausted' in r) return { linearizable: false, explanation: `${proof.text}. (The longest linearizable prefix was not worked out: the search budget ran out.)`, ops: proof.ops, prefix: [], blocked: proof.op.id };
    const [prefix, depth] = 'order' in r ? [r.order, before.filter((s) => s.required).length] : [r.deadEnd.prefix, r.deadEnd.depth];
    const explanation = `${proof.text}. ${prefixSummary(history, prefix, depth, total)}.`;
    return { linearizable: false, explanation, ops: proof.ops, prefix, blocked: proof.op.id };
  }
  const r = search(steps, initial, values.length, budget);
  if ('exhausted' in r) {
    const explanation = `unknown: the search tried ${r.exhausted.toLocaleString('en-US')} placement${r.exhausted === 1 ? '' : 's'} without deciding (deciding linearizability is NP-complete; raise the budget to keep looking)`;
    return { linearizable: 'unknown', explanation, explored: r.exhausted };
  }
  if ('order' in r) return { linearizable: true, order: r.order };
  const dead = r.deadEnd;
  const x = history.ops[dead.blocked];
  const states = dead.states.map((id) => stateLabel(prepared, id));
  const explanation = `${searchReason(history, x, states)}. ${prefixSummary(history, dead.prefix, dead.depth, total)}.`;
  return { linearizable: false, explanation, ops: [x.id], prefix: dead.prefix, blocked: x.id };
}

/** Linearizability as a `Verdict`, the shape every checker here returns. Searches without a budget. */
export function checkLinearizable(history: History): Verdict {
  const r = linearize(history);
  if (r.linearizable === 'unknown') throw new Error('unreachable: a search without a budget always decides');
  return r.linearizable ? { holds: true } : { holds: false, explanation: r.explanation, ops: r.ops };
}
