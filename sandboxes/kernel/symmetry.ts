/**
 * Symmetry reduction for the explorer: a world key that is the same for worlds that differ only
 * by a renaming of interchangeable nodes (e.g. 2PC participants that run the same machine on the
 * same scenario data). See `Protocol.symmetry` for what a protocol promises by declaring groups.
 *
 * How the key is made: every node of a group gets a signature that does not depend on names (its
 * own id becomes `@`, other interchangeable ids `?g`): up or down, snapshot, store, the messages it
 * sends and receives, its timers, where other nodes' snapshots and stores mention it, and its side
 * of a partition. Sorting each group by signature picks a renaming; the key is the plain world key
 * of the renamed world (ids renamed wherever they appear as exact string values or object keys, in
 * snapshots, stores, messages, timers and partition groups; arrays made only of node ids, some of
 * them interchangeable, are sorted, since the protocol treats them as sets).
 *
 * Soundness does not depend on the signatures being complete: whatever renaming is picked, equal
 * keys mean the two worlds are renamings of one another, so merging them is safe. Weak signatures
 * only merge less. Ties between equal signatures are broken by world order.
 *
 * Speed (the key is computed once per explored transition): signatures and the key are built as
 * small numbers, with snapshots, stores, messages and timers numbered by exact content (canonical
 * text) once per renaming, and packed into a short string. A keyer also remembers the previous
 * call's node records, messages and timers, since the explorer keys sibling worlds one after
 * another and they share most of those objects. Pure (the same world always gets the same key);
 * caches are per keyer, and keyers are kept per node list and groups (see createSymmetricKey).
 */
import { canonicalJson, canonicalKey } from './canonical.ts';
import type { Json, Message, NodeId, NodeRecord, Timer, World } from './types.ts';

export function cmp(a: number | string, b: number | string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Numbers become single UTF-16 units (short keys hash fast); strings are kept, length-prefixed. */
export function pack(parts: (number | string)[]): string {
  let out = '';
  for (const p of parts) {
    if (typeof p === 'number') {
      const v = p + 1; // -1 separators become 0
      out += v < 0xfff0 ? String.fromCharCode(v) : '\ufff0' + String.fromCharCode(v >>> 16, v & 0xffff);
    } else {
      out += '\ufff1' + String.fromCharCode(p.length & 0xffff) + p;
    }
  }
  return out;
}

type Renaming = Map<string, string>;

/**
 * Wraps `infoOf` with a cache of the previous call's items by position: the explorer keys sibling
 * worlds one after another, and they share most messages and timers, at the same position or one
 * off. Misses fall through to `infoOf` (which has its own cache). The returned array is scratch,
 * valid until the call after next.
 */
function nearbyCache<T, I>(infoOf: (item: T) => I): (items: readonly T[]) => I[] {
  let prev: T[] = [];
  let prevInfo: I[] = [];
  let prevCount = 0;
  let cur: T[] = [];
  let curInfo: I[] = [];
  return (items) => {
    const n = items.length;
    for (let i = 0; i < n; i++) {
      const x = items[i];
      cur[i] = x;
      curInfo[i] =
        i < prevCount && prev[i] === x
          ? prevInfo[i]
          : i + 1 < prevCount && prev[i + 1] === x
            ? prevInfo[i + 1]
            : i > 0 && i - 1 < prevCount && prev[i - 1] === x
              ? prevInfo[i - 1]
              : infoOf(x);
    }
    const out = curInfo;
    const seen = cur;
    cur = prev;
    prev = seen;
    curInfo = prevInfo;
    prevInfo = out;
    prevCount = n;
    return out;
  };
}

/**
 * Checks groups against a world: drops groups of fewer than two nodes; throws on unknown ids,
 * overlapping groups or mixed roles (those would be a protocol bug, not something to guess around).
 */
export function validGroups(world: World, groups: NodeId[][]): NodeId[][] {
  const seen = new Set<NodeId>();
  const out: NodeId[][] = [];
  for (const g of groups) {
    for (const id of g) {
      if (!world.nodes[id]) throw new Error(`Symmetry group names unknown node ${id}`);
      if (seen.has(id)) throw new Error(`Node ${id} is in two symmetry groups`);
      if (world.nodes[id].role !== world.nodes[g[0]].role) throw new Error(`Symmetry group mixes roles: ${g.join(', ')}`);
      seen.add(id);
    }
    if (g.length > 1) out.push(g.slice());
  }
  return out;
}

// The scratch arrays below are reused between calls with explicit lengths: setting an array's
// `length` is a slow runtime call in V8, and the key function runs once per transition.

// Insertion sort of a[from..to): the ranges here hold a handful of numbers.
function sortRange(a: number[], from: number, to: number): void {
  for (let i = from + 1; i < to; i++) {
    const v = a[i];
    let j = i - 1;
    while (j >= from && a[j] > v) {
      a[j + 1] = a[j];
      j--;
    }
    a[j + 1] = v;
  }
}

/** Sorts positions by signature (sigs[i] holds lens[i] numbers), ties by position. */
function sortBySignature(idx: number[], sigs: number[][], lens: number[]): void {
  for (let i = 1; i < idx.length; i++) {
    const v = idx[i];
    let j = i - 1;
    while (j >= 0 && (compareNumbers(sigs[idx[j]], lens[idx[j]], sigs[v], lens[v]) || idx[j] - v) > 0) {
      idx[j + 1] = idx[j];
      j--;
    }
    idx[j + 1] = v;
  }
}

function compareNumbers(a: number[], an: number, b: number[], bn: number): number {
  const n = an < bn ? an : bn;
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return an - bn;
}

// Arrays of exactly n slots, for String.fromCharCode.apply (which reads the whole array). Shrinking
// the scratch array instead would make V8 trim and regrow its storage on every key.
const exact: number[][] = [];

// Key text from the first n small numbers: one UTF-16 unit each (rare big ones escaped), built in one call.
function codesToKey(codes: number[], n: number): string {
  let big = false;
  for (let i = 0; i < n; i++) if (codes[i] >= 0xfff0) big = true;
  if (big) {
    const out: number[] = [];
    for (let i = 0; i < n; i++) {
      const c = codes[i];
      if (c < 0xfff0) out.push(c);
      else out.push(0xfff0, c >>> 16, c & 0xffff);
    }
    codes = out;
    n = out.length;
  } else if (n <= 8192) {
    let out = exact[n];
    if (out === undefined) exact[n] = out = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++) out[i] = codes[i];
    return String.fromCharCode.apply(null, out);
  }
  if (n <= 8192) return String.fromCharCode.apply(null, codes);
  let key = '';
  for (let i = 0; i < n; i += 8192) key += String.fromCharCode.apply(null, codes.slice(i, Math.min(i + 8192, n)));
  return key;
}

/** A keyer: the key function and how much it has numbered so far. */
type SymmetricKeyer = { key: (world: World) => string; size: () => number };

/**
 * A world-key function merging worlds equal up to renaming within `groups` (and, like the plain
 * key, up to message numbering and order). `groups` must come from `validGroups`.
 */
export function createSymmetricKey(world0: World, groups: NodeId[][]): (world: World) => string {
  const nodeIds = Object.keys(world0.nodes);
  // Keyers are kept per node list and groups: their caches (numbered by content) stay valid across
  // explorations and node snapshots are shared between them, so later explorations start warm.
  const id = nodeIds.join(',') + '|' + groups.map((g) => g.join(',')).join('|');
  let k = keyers.get(id);
  if (!k || k.size() > KEYER_TEXT_LIMIT) {
    if (keyers.size >= 16) keyers.clear();
    k = buildSymmetricKey(nodeIds, groups);
    keyers.set(id, k);
  }
  return k.key;
}

const KEYER_TEXT_LIMIT = 1_000_000;
const keyers = new Map<string, SymmetricKeyer>();

function buildSymmetricKey(nodeIds: NodeId[], groups: NodeId[][]): SymmetricKeyer {
  const symList = groups.flat();
  const symIds = new Set<string>(symList);
  const symIndex = new Map<string, number>();
  symList.forEach((id, i) => symIndex.set(id, i));
  const allIds = new Set<string>(nodeIds);
  const groupOf = new Map<string, number>();
  groups.forEach((g, i) => g.forEach((id) => groupOf.set(id, i)));
  const others = nodeIds.filter((id) => !symIds.has(id));

  // Renamings are numbered: 0..k-1 are the per-node signature renamings (self -> '@', other
  // interchangeable ids -> '?<group>'); later numbers are the permutations picked for keys.
  const renamings: Renaming[] = symList.map((p) => {
    const m: Renaming = new Map();
    for (const q of symList) m.set(q, q === p ? '@' : '?' + groupOf.get(q));
    return m;
  });

  const texts = new Map<string, number>();
  const internText = (t: string): number => {
    let id = texts.get(t);
    if (id === undefined) {
      id = texts.size + 1; // 0 is kept for "nothing"
      texts.set(t, id);
    }
    return id;
  };

  const rename = (v: Json, r: Renaming): Json => {
    if (typeof v === 'string') return r.get(v) ?? v;
    if (v === null || typeof v !== 'object') return v;
    if (Array.isArray(v)) {
      const out = v.map((x) => rename(x, r));
      if (out.length > 1 && v.every((x) => typeof x === 'string' && allIds.has(x)) && v.some((x) => symIds.has(x as string))) out.sort();
      return out;
    }
    const o: { [k: string]: Json } = {};
    for (const k in v) o[r.get(k) ?? k] = rename(v[k], r);
    return o;
  };

  // Snapshots and stores numbered by content: one entry per canonical text (found by identity,
  // then by text) holding the value's id under each renaming number and where interchangeable
  // nodes occur in it. So each content is renamed once per renaming, not once per object.
  type Entry = { value: Json; ids: number[]; occ: number[] | null | undefined };
  const byObject = new WeakMap<object, Entry>();
  const byContent = new Map<string, Entry>();
  const entryOf = (v: Json): Entry | null => {
    if (v === null) return null;
    const isObject = typeof v === 'object';
    if (isObject) {
      const hit = byObject.get(v);
      if (hit !== undefined) return hit;
    }
    const text = isObject ? canonicalKey(v) : canonicalJson(v);
    let e = byContent.get(text);
    if (e === undefined) {
      e = { value: v, ids: [], occ: undefined };
      byContent.set(text, e);
    }
    if (isObject) byObject.set(v, e);
    return e;
  };
  /** The value's text id under renaming `tag`; 0 for null (text ids start at 1). */
  const renamedId = (e: Entry | null, tag: number): number => {
    if (e === null) return 0;
    let id = e.ids[tag];
    if (id === undefined) {
      id = internText(canonicalJson(rename(e.value, renamings[tag])));
      e.ids[tag] = id;
    }
    return id;
  };
  const occurrencesOf = (e: Entry | null): number[] | null => {
    if (e === null) return null;
    if (e.occ === undefined) e.occ = occurrences(e.value);
    return e.occ;
  };

  // Node records, messages and timers are looked up once per key: their info objects hold the
  // per-renaming ids. Most of them are the same objects as in the previous call (the explorer keys
  // siblings one after another, and a step replaces one node record and a message or two), so the
  // previous call's objects are checked at the same position before any map.

  const nodeCount = nodeIds.length;
  // Per node position: its index in symList, or -1 when it is not interchangeable.
  const symAt = nodeIds.map((id) => symIndex.get(id) ?? -1);
  const symPos = symList.map((id) => nodeIds.indexOf(id));
  const otherPos = others.map((id) => nodeIds.indexOf(id));

  // Per node position, for the record seen there last call (parallel arrays: no object per
  // changed record). Not kept per record object: a step makes a new record for the node it
  // changes, and a WeakMap entry per step costs more (in inserts and in GC) than taking the
  // snapshot's and store's entries (usually the previous record's). A node is two key units:
  // snapshot id * 2 + up, and store id; self0/self1 are those units under an interchangeable
  // node's own signature renaming.
  const recs: (NodeRecord | null)[] = nodeIds.map(() => null);
  const recUp: number[] = nodeIds.map(() => 0);
  const recSnapshot: (Entry | null)[] = nodeIds.map(() => null);
  const recStore: (Entry | null)[] = nodeIds.map(() => null);
  const self0: number[] = nodeIds.map(() => 0);
  const self1: number[] = nodeIds.map(() => 0);
  const takeRecord = (rec: NodeRecord, pos: number): void => {
    const prev = recs[pos];
    const snapshot = prev !== null && prev.snapshot === rec.snapshot ? recSnapshot[pos] : entryOf(rec.snapshot);
    const store = prev !== null && prev.store === rec.store ? recStore[pos] : entryOf(rec.store);
    const up = rec.up ? 1 : 0;
    recs[pos] = rec;
    recUp[pos] = up;
    recSnapshot[pos] = snapshot;
    recStore[pos] = store;
    const i = symAt[pos];
    if (i >= 0) {
      self0[pos] = renamedId(snapshot, i) * 2 + up;
      self1[pos] = renamedId(store, i);
    }
  };

  // Messages are new objects at every send: their info is shared by content (node, type, payload).
  type MsgInfo = { a: number; b: number; ids: number[] };
  const nodeNumber = new Map<string, number>();
  nodeIds.forEach((id, i) => nodeNumber.set(id, i));
  const typeNumber = new Map<string, number>();
  const payloadNumber = new WeakMap<object, number>();
  const payloadTexts = new Map<string, number>();
  const byMessageCode = new Map<number, MsgInfo>();
  // No per-object cache: most messages are found in the previous call, and the rest are mostly
  // new objects, whose WeakMap entries would cost more than these three lookups.
  const messageInfo = (msg: Message): MsgInfo => {
    let ty = typeNumber.get(msg.type);
    if (ty === undefined) {
      if (typeNumber.size >= 4096) throw new Error('Symmetry reduction supports at most 4096 message types');
      typeNumber.set(msg.type, (ty = typeNumber.size));
    }
    let pl = payloadNumber.get(msg.payload);
    if (pl === undefined) {
      const t = canonicalJson(msg.payload);
      pl = payloadTexts.get(t);
      if (pl === undefined) payloadTexts.set(t, (pl = payloadTexts.size));
      payloadNumber.set(msg.payload, pl);
    }
    const code = ((pl * 4096 + ty) * nodeCount + nodeNumber.get(msg.from)!) * nodeCount + nodeNumber.get(msg.to)!;
    let info = byMessageCode.get(code);
    if (info === undefined) {
      const a = symIndex.get(msg.from) ?? -1;
      const b = symIndex.get(msg.to) ?? -1;
      info = { a, b: b === a ? -1 : b, ids: [] };
      byMessageCode.set(code, info);
    }
    return info;
  };
  const messageId = (info: MsgInfo, msg: Message, tag: number): number => {
    let id = info.ids[tag];
    if (id === undefined) {
      const r = renamings[tag];
      const from = r.get(msg.from) ?? msg.from;
      const to = r.get(msg.to) ?? msg.to;
      id = internText('M' + from + '>' + to + ':' + msg.type + canonicalJson(rename(msg.payload, r)));
      info.ids[tag] = id;
    }
    return id;
  };

  type TimerInfo = { a: number; ids: number[] };
  // By node, then name (like messages, no per-object cache).
  const byTimerNode = new Map<string, Map<string, TimerInfo>>();
  const timerInfo = (t: Timer): TimerInfo => {
    let byName = byTimerNode.get(t.node);
    if (byName === undefined) byTimerNode.set(t.node, (byName = new Map()));
    let info = byName.get(t.name);
    if (info === undefined) {
      info = { a: symIndex.get(t.node) ?? -1, ids: [] };
      byName.set(t.name, info);
    }
    return info;
  };
  const timerId = (info: TimerInfo, t: Timer, tag: number): number => {
    let id = info.ids[tag];
    if (id === undefined) {
      id = internText('T' + (renamings[tag].get(t.node) ?? t.node) + '.' + t.name);
      info.ids[tag] = id;
    }
    return id;
  };

  // Where each interchangeable node occurs in a value (paths, array positions blurred), numbered;
  // computed once per content (cached in its entry).
  const occurrences = (v: Json): number[] | null => {
    if (v === null || typeof v !== 'object') return null;
    const acc = new Map<string, string[]>();
    const add = (id: string, path: string) => {
      let l = acc.get(id);
      if (!l) acc.set(id, (l = []));
      l.push(path);
    };
    const walk = (x: Json, path: string) => {
      if (typeof x === 'string') {
        if (symIds.has(x)) add(x, path);
      } else if (Array.isArray(x)) {
        for (const y of x) walk(y, path + '[]');
      } else if (x !== null && typeof x === 'object') {
        for (const k in x) {
          if (symIds.has(k)) {
            add(k, path + '.{}');
            walk(x[k], path + '.{}');
          } else walk(x[k], path + '.' + k);
        }
      }
    };
    walk(v, '');
    return symList.map((id) => (acc.has(id) ? internText('O' + acc.get(id)!.sort().join(',')) : 0));
  };

  // Permutations picked so far, by a numeric code of the sorted groups. source[j]: the symList
  // index of the node whose data goes to position j (named symList[j]) in the renamed world.
  const perms = new Map<number, { tag: number; source: number[] }>();
  const k = symList.length;
  const groupIdx: number[][] = groups.map((g) => g.map(() => 0));

  // Scratch state reused between calls (fewer short-lived allocations), with explicit lengths,
  // and the previous call's messages and timers with their infos.
  const sigs: number[][] = symList.map(() => []);
  const sigLen: number[] = symList.map(() => 0);
  const msgSigs: number[][] = symList.map(() => []);
  const msgSigLen: number[] = symList.map(() => 0);
  const timerSigs: number[][] = symList.map(() => []);
  const timerSigLen: number[] = symList.map(() => 0);
  // Per non-interchangeable node, where each interchangeable node occurs in its snapshot and store.
  const otherOccs: (number[] | null)[] = otherPos.flatMap(() => [null, null]);
  const msgCache = nearbyCache(messageInfo);
  const timerCache = nearbyCache(timerInfo);
  const codes: number[] = [];
  // Writes the key of `world` into `codes` and returns how many numbers it wrote.
  const fill = (world: World): number => {
    const nodes = world.nodes;
    const inFlight = world.inFlight;
    const timers = world.timers;
    const nm = inFlight.length;
    const nt = timers.length;
    for (let p = 0; p < nodeCount; p++) {
      const rec = nodes[nodeIds[p]];
      if (rec !== recs[p]) takeRecord(rec, p);
    }
    const msgInfos = msgCache(inFlight);
    const timerInfos = timerCache(timers);
    for (let o = 0; o < otherPos.length; o++) {
      otherOccs[2 * o] = occurrencesOf(recSnapshot[otherPos[o]]);
      otherOccs[2 * o + 1] = occurrencesOf(recStore[otherPos[o]]);
    }

    // 1. Name-free signature of every interchangeable node.
    for (let i = 0; i < k; i++) {
      msgSigLen[i] = 0;
      timerSigLen[i] = 0;
    }
    for (let i = 0; i < nm; i++) {
      const info = msgInfos[i];
      const a = info.a;
      if (a >= 0) msgSigs[a][msgSigLen[a]++] = messageId(info, inFlight[i], a);
      const b = info.b;
      if (b >= 0) msgSigs[b][msgSigLen[b]++] = messageId(info, inFlight[i], b);
    }
    for (let i = 0; i < nt; i++) {
      const info = timerInfos[i];
      const a = info.a;
      if (a >= 0) timerSigs[a][timerSigLen[a]++] = timerId(info, timers[i], a);
    }
    for (let i = 0; i < k; i++) {
      const sig = sigs[i];
      let n = 0;
      sig[n++] = self0[symPos[i]];
      sig[n++] = self1[symPos[i]];
      const ms = msgSigs[i];
      const mn = msgSigLen[i];
      if (mn > 1) sortRange(ms, 0, mn);
      sig[n++] = mn;
      for (let j = 0; j < mn; j++) sig[n++] = ms[j];
      const ts = timerSigs[i];
      const tn = timerSigLen[i];
      if (tn > 1) sortRange(ts, 0, tn);
      sig[n++] = tn;
      for (let j = 0; j < tn; j++) sig[n++] = ts[j];
      for (let o = 0; o < otherOccs.length; o++) {
        const occ = otherOccs[o];
        sig[n++] = occ ? occ[i] : 0;
      }
      if (world.partition) {
        const p = symList[i];
        const g = world.partition.find((x) => x.includes(p)) ?? [];
        sig[n++] = internText('P' + g.filter((x) => !symIds.has(x)).sort().join(',') + '+' + g.filter((x) => symIds.has(x)).length);
      }
      sigLen[i] = n;
    }
    // 2. Sort each group by signature (ties: world order) to pick a renaming.
    let code = 0;
    let offset = 0;
    for (let gi = 0; gi < groups.length; gi++) {
      const idx = groupIdx[gi];
      for (let j = 0; j < idx.length; j++) idx[j] = offset + j;
      sortBySignature(idx, sigs, sigLen);
      for (let j = 0; j < idx.length; j++) code = code * k + idx[j];
      offset += idx.length;
    }
    let perm = perms.get(code);
    if (!perm) {
      const source = groupIdx.flat();
      const r: Renaming = new Map();
      source.forEach((src, j) => r.set(symList[src], symList[j]));
      renamings.push(r);
      perm = { tag: renamings.length - 1, source };
      perms.set(code, perm);
    }
    const tag = perm.tag;
    const source = perm.source;
    // 3. The plain world key of the renamed world, as numbers.
    let n = 0;
    for (let p = 0; p < nodeCount; p++) {
      const j = symAt[p];
      const q = j < 0 ? p : symPos[source[j]];
      codes[n++] = renamedId(recSnapshot[q], tag) * 2 + recUp[q];
      codes[n++] = renamedId(recStore[q], tag);
    }
    codes[n++] = nm;
    for (let i = 0; i < nm; i++) codes[n++] = messageId(msgInfos[i], inFlight[i], tag);
    sortRange(codes, n - nm, n);
    codes[n++] = nt;
    for (let i = 0; i < nt; i++) codes[n++] = timerId(timerInfos[i], timers[i], tag);
    sortRange(codes, n - nt, n);
    if (world.partition) {
      const r = renamings[tag];
      codes[n++] = internText('P' + world.partition.map((g) => g.map((x) => r.get(x) ?? x).sort().join(',')).sort().join('/'));
    } else codes[n++] = 0;
    const u = world.used;
    codes[n++] = u.crash;
    codes[n++] = u.drop;
    codes[n++] = u.duplicate;
    codes[n++] = u.partition;
    codes[n++] = world.pendingRequests.length ? internText('R' + world.pendingRequests.join(',')) : 0;
    codes[n++] = world.clock ?? 0;
    return n;
  };
  const key = (world: World): string => codesToKey(codes, fill(world));
  return { key, size: () => texts.size + byContent.size };
}
