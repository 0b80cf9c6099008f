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
 * only merge less. Ties between equal signatures are broken by world order. Pure; caches are per
 * keyer, so their memory goes with the exploration.
 */
import { canonicalJson } from './canonical.ts';
import type { Json, Message, NodeId, Timer, World } from './types.ts';

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

// Insertion sort: the arrays here hold a handful of numbers.
function sortNumbers(a: number[]): void {
  for (let i = 1; i < a.length; i++) {
    const v = a[i];
    let j = i - 1;
    while (j >= 0 && a[j] > v) {
      a[j + 1] = a[j];
      j--;
    }
    a[j + 1] = v;
  }
}

// Insertion sort of a[from..].
function sortTail(a: number[], from: number): void {
  for (let i = from + 1; i < a.length; i++) {
    const v = a[i];
    let j = i - 1;
    while (j >= from && a[j] > v) {
      a[j + 1] = a[j];
      j--;
    }
    a[j + 1] = v;
  }
}

/** Sorts positions by signature, ties by position. */
function sortBySignature(idx: number[], sigs: number[][]): void {
  for (let i = 1; i < idx.length; i++) {
    const v = idx[i];
    let j = i - 1;
    while (j >= 0 && (compareNumbers(sigs[idx[j]], sigs[v]) || idx[j] - v) > 0) {
      idx[j + 1] = idx[j];
      j--;
    }
    idx[j + 1] = v;
  }
}

function compareNumbers(a: number[], b: number[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

// Key text from small numbers: one UTF-16 unit each (rare big ones escaped), built in one call.
function codesToKey(codes: number[]): string {
  let big = false;
  for (let i = 0; i < codes.length; i++) if (codes[i] >= 0xfff0) big = true;
  if (big) {
    const out: number[] = [];
    for (const c of codes) {
      if (c < 0xfff0) out.push(c);
      else out.push(0xfff0, c >>> 16, c & 0xffff);
    }
    codes = out;
  }
  if (codes.length <= 8192) return String.fromCharCode.apply(null, codes);
  let key = '';
  for (let i = 0; i < codes.length; i += 8192) key += String.fromCharCode.apply(null, codes.slice(i, i + 8192));
  return key;
}

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
const keyers = new Map<string, { key: (world: World) => string; size: () => number }>();

function buildSymmetricKey(nodeIds: NodeId[], groups: NodeId[][]): { key: (world: World) => string; size: () => number } {
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

  // Renamed values numbered by content, cached by object identity and renaming number.
  const byObject = new WeakMap<object, number[]>();
  const internRenamed = (v: Json, tag: number): number => {
    if (v === null) return 0;
    if (typeof v !== 'object') return internText(canonicalJson(rename(v, renamings[tag])));
    let m = byObject.get(v);
    if (!m) {
      m = [];
      byObject.set(v, m);
    }
    let id = m[tag];
    if (id === undefined) {
      id = internText(canonicalJson(rename(v, renamings[tag])));
      m[tag] = id;
    }
    return id;
  };

  // Messages are new objects at every send: cache by a number made of node, type and payload ids.
  const nodeNumber = new Map<string, number>();
  nodeIds.forEach((id, i) => nodeNumber.set(id, i));
  const typeNumber = new Map<string, number>();
  const payloadNumber = new WeakMap<object, number>();
  const payloadTexts = new Map<string, number>();
  const byMessageCode = new Map<number, number[]>();
  // Per message object, its per-renaming ids (one lookup on the hot path instead of five).
  const byMessage = new WeakMap<Message, number[]>();
  const internMessage = (msg: Message, tag: number): number => {
    let m = byMessage.get(msg);
    if (!m) {
      m = messageIds(msg);
      byMessage.set(msg, m);
    }
    let id = m[tag];
    if (id === undefined) {
      const r = renamings[tag];
      const from = r.get(msg.from) ?? msg.from;
      const to = r.get(msg.to) ?? msg.to;
      id = internText('M' + from + '>' + to + ':' + msg.type + canonicalJson(rename(msg.payload, r)));
      m[tag] = id;
    }
    return id;
  };
  const messageIds = (msg: Message): number[] => {
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
    const n = nodeIds.length;
    const code = ((pl * 4096 + ty) * n + nodeNumber.get(msg.from)!) * n + nodeNumber.get(msg.to)!;
    let m = byMessageCode.get(code);
    if (!m) {
      m = [];
      byMessageCode.set(code, m);
    }
    return m;
  };

  const byTimer = new WeakMap<Timer, number[]>();
  const byTimerKey = new Map<string, number[]>();
  const internTimer = (t: Timer, tag: number): number => {
    let m = byTimer.get(t);
    if (!m) {
      const tk = t.node + '.' + t.name;
      m = byTimerKey.get(tk);
      if (!m) {
        m = [];
        byTimerKey.set(tk, m);
      }
      byTimer.set(t, m);
    }
    let id = m[tag];
    if (id === undefined) {
      id = internText('T' + (renamings[tag].get(t.node) ?? t.node) + '.' + t.name);
      m[tag] = id;
    }
    return id;
  };

  // Where each interchangeable node occurs in a value (paths, array positions blurred), numbered.
  const occCache = new WeakMap<object, number[]>();
  const occurrences = (v: Json): number[] | null => {
    if (v === null || typeof v !== 'object') return null;
    let m = occCache.get(v);
    if (!m) {
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
      m = symList.map((id) => (acc.has(id) ? internText('O' + acc.get(id)!.sort().join(',')) : 0));
      occCache.set(v, m);
    }
    return m;
  };

  // Permutations picked so far, by a numeric code of the sorted groups.
  const perms = new Map<number, { tag: number; source: NodeId[] }>();
  const k = symList.length;

  const sigs: number[][] = symList.map(() => []);
  const msgSigs: number[][] = symList.map(() => []);
  const timerSigs: number[][] = symList.map(() => []);
  const occs: (number[] | null)[] = [];
  const codes: number[] = [];
  const key = (world: World): string => {
    const nodes = world.nodes;
    // 1. Name-free signature of every interchangeable node.
    // Scratch arrays are reused between calls (fewer short-lived allocations).
    for (let i = 0; i < k; i++) {
      const n = nodes[symList[i]];
      const sig = sigs[i];
      sig.length = 0;
      sig.push(n.up ? 1 : 0, internRenamed(n.snapshot, i), internRenamed(n.store, i));
      msgSigs[i].length = 0;
      timerSigs[i].length = 0;
    }
    for (const m of world.inFlight) {
      const a = symIndex.get(m.from);
      if (a !== undefined) msgSigs[a].push(internMessage(m, a));
      const b = symIndex.get(m.to);
      if (b !== undefined && b !== a) msgSigs[b].push(internMessage(m, b));
    }
    for (const t of world.timers) {
      const a = symIndex.get(t.node);
      if (a !== undefined) timerSigs[a].push(internTimer(t, a));
    }
    occs.length = 0;
    for (const q of others) occs.push(occurrences(nodes[q].snapshot), occurrences(nodes[q].store));
    for (let i = 0; i < k; i++) {
      const sig = sigs[i];
      const ms = msgSigs[i];
      if (ms.length > 1) sortNumbers(ms);
      sig.push(ms.length);
      for (let j = 0; j < ms.length; j++) sig.push(ms[j]);
      const ts = timerSigs[i];
      if (ts.length > 1) sortNumbers(ts);
      sig.push(ts.length);
      for (let j = 0; j < ts.length; j++) sig.push(ts[j]);
      for (const o of occs) sig.push(o ? o[i] : 0);
      if (world.partition) {
        const p = symList[i];
        const g = world.partition.find((x) => x.includes(p)) ?? [];
        sig.push(internText('P' + g.filter((x) => !symIds.has(x)).sort().join(',') + '+' + g.filter((x) => symIds.has(x)).length));
      }
    }
    // 2. Sort each group by signature (ties: world order) to pick a renaming.
    let code = 0;
    let offset = 0;
    for (const g of groups) {
      const idx = g.map((_, j) => offset + j);
      sortBySignature(idx, sigs);
      for (const x of idx) code = code * k + x;
      offset += g.length;
    }
    let perm = perms.get(code);
    if (!perm) {
      // source[j]: the node whose data goes to position j (named symList[j]) in the renamed world.
      const source: NodeId[] = [];
      let off = 0;
      for (const g of groups) {
        const idx = g.map((_, j) => off + j);
        sortBySignature(idx, sigs);
        for (const x of idx) source.push(symList[x]);
        off += g.length;
      }
      const r: Renaming = new Map();
      source.forEach((src, j) => r.set(src, symList[j]));
      renamings.push(r);
      perm = { tag: renamings.length - 1, source };
      perms.set(code, perm);
    }
    const tag = perm.tag;
    // 3. The plain world key of the renamed world, as numbers.
    codes.length = 0;
    for (const id of nodeIds) {
      const j = symIndex.get(id);
      const n = nodes[j === undefined ? id : perm.source[j]];
      codes.push(n.up ? 1 : 0, internRenamed(n.snapshot, tag), internRenamed(n.store, tag));
    }
    const ms = world.inFlight;
    codes.push(ms.length);
    const m0 = codes.length;
    for (let i = 0; i < ms.length; i++) codes.push(internMessage(ms[i], tag));
    sortTail(codes, m0);
    const ts = world.timers;
    codes.push(ts.length);
    const t0 = codes.length;
    for (let i = 0; i < ts.length; i++) codes.push(internTimer(ts[i], tag));
    sortTail(codes, t0);
    if (world.partition) {
      const r = renamings[tag];
      codes.push(internText('P' + world.partition.map((g) => g.map((x) => r.get(x) ?? x).sort().join(',')).sort().join('/')));
    } else codes.push(0);
    const u = world.used;
    codes.push(u.crash, u.drop, u.duplicate, u.partition, world.pendingRequests.length ? internText('R' + world.pendingRequests.join(',')) : 0);
    return codesToKey(codes);
  };
  return { key, size: () => texts.size };
}
