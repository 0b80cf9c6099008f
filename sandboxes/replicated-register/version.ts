/**
 * Versions of the register's value: a pair compared in order. With a leader it is (term, index
 * within the term), as Raft numbers log entries; leaderless it is a Lamport timestamp (counter,
 * replica number), so concurrent writes get distinct versions and the higher one wins
 * (last-writer-wins). Pure.
 */
import type { Json } from '../kernel/types.ts';

export type Version = [number, number];

/** The version every replica starts from: term 1 begins with the initial value (null). */
export const INITIAL: Version = [1, 0];

export function cmp(a: Version, b: Version): number {
  return a[0] - b[0] || a[1] - b[1];
}

export const newer = (a: Version, b: Version): boolean => cmp(a, b) > 0;
export const atLeast = (a: Version, b: Version): boolean => cmp(a, b) >= 0;
export const maxVersion = (a: Version, b: Version): Version => (cmp(a, b) >= 0 ? a : b);

/** "v1.2" as shown to readers. */
export function showVersion(v: Version | null | undefined): string {
  return v ? `v${v[0]}.${v[1]}` : 'none';
}

export function isVersion(v: Json | undefined): v is Version {
  return Array.isArray(v) && v.length === 2 && typeof v[0] === 'number' && typeof v[1] === 'number';
}
