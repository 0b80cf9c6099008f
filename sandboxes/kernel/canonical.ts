/**
 * Canonical JSON: the same value always gives the same text, whatever the order its keys were built in.
 *
 * Used for hashing worlds and for memo keys. XState's own objects list keys in construction order,
 * so plain JSON.stringify would make equal snapshots look different. Must stay pure and allocation-light.
 */
import type { Json } from './types.ts';

/** JSON text with object keys sorted at every level; `undefined` fields are skipped like JSON.stringify. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    return value === undefined ? 'null' : JSON.stringify(value);
  }
  return writeObject(value, canonicalJson);
}

/** An array or object as canonical text, each member written by `child`. */
function writeObject(value: object, child: (v: unknown) => string): string {
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i ? ',' : '') + child(value[i]);
    return out + ']';
  }
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).sort();
  let out = '{';
  let first = true;
  for (const k of keys) {
    const v = obj[k];
    if (v === undefined) continue;
    out += (first ? '' : ',') + JSON.stringify(k) + ':' + child(v);
    first = false;
  }
  return out + '}';
}

// Snapshots and stores are shared, never mutated objects (memoized transitions hand back the same
// object), so caching their canonical text by identity makes hashing a world cheap.
const keyCache = new WeakMap<object, string>();

/**
 * canonicalJson, cached by object identity at every level: a new snapshot usually shares most of
 * its parts (a replica's design, its peer list) with the one before, so only what changed is
 * written out again. Only for values the kernel treats as immutable, all the way down.
 */
export function canonicalKey(value: Json): string {
  if (value === null || typeof value !== 'object') return canonicalJson(value);
  let k = keyCache.get(value);
  if (k === undefined) {
    k = writeObject(value, keyOfMember);
    keyCache.set(value, k);
  }
  return k;
}

const keyOfMember = (v: unknown): string => canonicalKey(v as Json);

/** Freeze a value and everything inside it (guards shared memoized data against mutation). */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as object)) deepFreeze(v);
  }
  return value;
}
