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
import type { Json, Message, NodeId, World } from './types.ts';

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

/**
 * A world-key function merging worlds equal up to renaming within `groups` (and, like the plain
 * key, up to message numbering and order). `groups` must come from `validGroups`.
 */
export function createSymmetricKey(world0: World, groups: NodeId[][]): (world: World) => string {
  const nodeIds = Object.keys(world0.nodes);
  const symIds = new Set<string>(groups.flat());
  const allIds = new Set<string>(nodeIds);
  const groupOf = new Map<string, number>();
  groups.forEach((g, i) => g.forEach((id) => groupOf.set(id, i)));
  const others = nodeIds.filter((id) => !symIds.has(id));

  // Per-node signature renamings: self -> '@', other interchangeable ids -> '?<group>'.
  const sigMaps = new Map<string, Renaming>();
  for (const p of symIds) {
    const m: Renaming = new Map();
    for (const q of symIds) m.set(q, q === p ? '@' : '?' + groupOf.get(q));
    sigMaps.set(p, m);
  }

  const texts = new Map<string, number>();
  const internText = (t: string): number => {
    let id = texts.get(t);
    if (id === undefined) {
      id = texts.size;
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

  // Renamed JSON values numbered by content, cached by object identity and renaming tag.
  const byObject = new WeakMap<object, Map<string, number>>();
  const internRenamed = (v: Json, tag: string, r: Renaming): number => {
    if (v === null || typeof v !== 'object') return internText(canonicalJson(rename(v, r)));
    let m = byObject.get(v);
    if (!m) {
      m = new Map();
      byObject.set(v, m);
    }
    let id = m.get(tag);
    if (id === undefined) {
      id = internText(canonicalJson(rename(v, r)));
      m.set(tag, id);
    }
    return id;
  };

  const byMessage = new WeakMap<Message, Map<string, number>>();
  const internMessage = (msg: Message, tag: string, r: Renaming): number => {
    let m = byMessage.get(msg);
    if (!m) {
      m = new Map();
      byMessage.set(msg, m);
    }
    let id = m.get(tag);
    if (id === undefined) {
      const from = r.get(msg.from) ?? msg.from;
      const to = r.get(msg.to) ?? msg.to;
      id = internText('M' + from + '>' + to + ':' + msg.type + canonicalJson(rename(msg.payload, r)));
      m.set(tag, id);
    }
    return id;
  };

  // Where each interchangeable id occurs in a value: paths with array positions blurred.
  const occCache = new WeakMap<object, Map<string, string>>();
  const occurrences = (v: Json): Map<string, string> | null => {
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
            const key = symIds.has(k) ? '{}' : k;
            if (key === '{}') add(k, path + '.{}');
            walk(x[k], path + '.' + key);
          }
        }
      };
      walk(v, '');
      m = new Map();
      for (const [id, l] of acc) m.set(id, l.sort().join(','));
      occCache.set(v, m);
    }
    return m;
  };

  const tagOf = new Map<string, Renaming>();
  const renamingFor = (order: string[][]): [string, Renaming] => {
    let tag = '';
    for (const g of order) tag += g.join(',') + ';';
    let r = tagOf.get(tag);
    if (!r) {
      r = new Map();
      order.forEach((sorted, gi) => sorted.forEach((src, i) => r!.set(src, groups[gi][i])));
      tagOf.set(tag, r);
    }
    return [tag, r];
  };

  return (world: World): string => {
    // 1. Name-free signature of every interchangeable node.
    const sig = new Map<string, string>();
    for (const p of symIds) {
      const n = world.nodes[p];
      const tag = 'S' + p;
      const r = sigMaps.get(p)!;
      const parts: (number | string)[] = [n.up ? 1 : 0, internRenamed(n.snapshot, tag, r), internRenamed(n.store, tag, r), -1];
      const ms: number[] = [];
      for (const m of world.inFlight) if (m.from === p || m.to === p) ms.push(internMessage(m, tag, r));
      if (ms.length > 1) ms.sort(cmp);
      parts.push(...ms, -1);
      const ts: string[] = [];
      for (const t of world.timers) if (t.node === p) ts.push(t.name);
      if (ts.length > 1) ts.sort();
      parts.push(ts.join(','));
      for (const q of others) {
        const o = world.nodes[q];
        parts.push(occurrences(o.snapshot)?.get(p) ?? '', occurrences(o.store)?.get(p) ?? '');
      }
      if (world.partition) {
        const g = world.partition.find((x) => x.includes(p)) ?? [];
        parts.push(g.filter((x) => !symIds.has(x)).sort().join(',') + '+' + g.filter((x) => symIds.has(x)).length);
      }
      sig.set(p, pack(parts));
    }
    // 2. Sort each group by signature (ties: world order) to pick a renaming.
    const order = groups.map((g) => g.slice().sort((a, b) => cmp(sig.get(a)!, sig.get(b)!)));
    const [tag, r] = renamingFor(order);
    const inverse = new Map<string, string>();
    for (const [src, dst] of r) inverse.set(dst, src);
    // 3. The plain world key of the renamed world.
    const parts: (number | string)[] = [];
    for (const id of nodeIds) {
      const n = world.nodes[inverse.get(id) ?? id];
      parts.push(n.up ? 1 : 0, internRenamed(n.snapshot, tag, r), internRenamed(n.store, tag, r));
    }
    const ms = world.inFlight.map((m) => internMessage(m, tag, r));
    if (ms.length > 1) ms.sort(cmp);
    parts.push(-1, ...ms, -1);
    const ts = world.timers.map((t) => (r.get(t.node) ?? t.node) + '.' + t.name);
    if (ts.length > 1) ts.sort();
    parts.push(ts.join(','));
    if (world.partition) {
      parts.push('P' + world.partition.map((g) => g.map((x) => r.get(x) ?? x).sort().join(',')).sort().join('/'));
    }
    const u = world.used;
    parts.push(u.crash, u.drop, u.duplicate, u.partition, world.pendingRequests.join(','));
    return pack(parts);
  };
}
