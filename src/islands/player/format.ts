/**
 * Plain-text views of stores and memory for the node cards: pure, so tests can pin them down.
 */
import type { Json } from '../../../sandboxes/kernel/types.ts';

/** A compact one-line rendering of any JSON value: `{decision: "commit", votes: [p1, p2]}`. */
export function compact(value: Json | undefined, depth = 0): string {
  if (value === undefined) return '—';
  if (value === null) return 'null';
  if (typeof value === 'string') return depth === 0 ? value : JSON.stringify(value);
  if (typeof value !== 'object') return String(value);
  if (Array.isArray(value)) return `[${value.map((v) => compact(v, depth + 1)).join(', ')}]`;
  const keys = Object.keys(value);
  return `{${keys.map((k) => `${k}: ${compact(value[k], depth + 1)}`).join(', ')}}`;
}

/** A log record as a short label: its `type` plus its other fields, e.g. `PREPARED tx=1`. */
export function recordText(r: Json): string {
  if (r && typeof r === 'object' && !Array.isArray(r)) {
    const { type, ...rest } = r;
    const tail = Object.keys(rest).map((k) => `${k}=${compact(rest[k], 1)}`).join(' ');
    if (typeof type === 'string') return tail ? `${type} ${tail}` : type;
    return compact(r);
  }
  return compact(r);
}

export type Entry = { key: string; items: string[] | null; text: string };

/**
 * The top-level entries of a store or memory object: arrays (the log) as item lists, everything
 * else as one line. A non-object value becomes one entry with an empty key.
 */
export function entries(value: Json | null): Entry[] {
  if (value === null || value === undefined) return [];
  if (typeof value !== 'object' || Array.isArray(value)) {
    return [{ key: '', items: Array.isArray(value) ? value.map(recordText) : null, text: compact(value) }];
  }
  return Object.keys(value).map((key) => {
    const v = value[key];
    return Array.isArray(v) ? { key, items: v.map(recordText), text: '' } : { key, items: null, text: compact(v) };
  });
}
