/**
 * Test doubles for the store: an in-memory storage that can be told to fail the way browsers do
 * (full on write, blocked on every access), and a clock that stands still unless moved.
 * Test-only; nothing in the site imports it.
 */
import type { KeyValueStorage, StoreOptions } from './store.ts';

export class FakeStorage implements KeyValueStorage {
  readonly items = new Map<string, string>();
  /** Throw QuotaExceededError on every write. */
  full = false;
  /** Throw SecurityError on every access, as blocked storage does. */
  blocked = false;

  constructor(initial: Record<string, string> = {}) {
    for (const [k, v] of Object.entries(initial)) this.items.set(k, v);
  }
  private guard(): void {
    if (this.blocked) throw new DOMException('The operation is insecure.', 'SecurityError');
  }
  getItem(key: string): string | null {
    this.guard();
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.guard();
    if (this.full) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    this.items.set(key, value);
  }
  removeItem(key: string): void {
    this.guard();
    this.items.delete(key);
  }
}

/** Store options over `storage` with a clock fixed at `iso` (advance it by assigning `clock.now`). */
export function fakeOptions(storage: KeyValueStorage, iso = '2026-11-03T10:00:00.000Z'): StoreOptions & { clock: { now: Date } } {
  const clock = { now: new Date(iso) };
  return { clock, getStorage: () => storage, now: () => clock.now };
}
