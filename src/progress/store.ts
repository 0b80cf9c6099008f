/**
 * The progress store: one versioned record in localStorage, loaded once per page, changed only
 * through `update`, exported and imported as JSON text.
 *
 * It must never throw to the page. Storage that is blocked (private modes, SecurityError), full
 * (QuotaExceededError) or holds unreadable data all end the same way: a working store, in memory
 * if need be, and a one-sentence notice for the reader. Unreadable data is copied to a backup key
 * before anything replaces it. Storage and clock are injected so every path is unit-tested.
 * No DOM here (see transfer.ts for downloads) and no zod (this ships on every page).
 */
import type { ProgressRecord } from '../schemas/progress.ts';
import { PROGRESS_BACKUP_KEY, PROGRESS_KEY } from './constants.ts';
import { emptyRecord } from './record.ts';
import { describeProblems, readRecord, type ReadOutcome } from './validate.ts';

/** The part of the Web Storage API the store uses; tests pass a fake. */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface StoreOptions {
  /** Returns the storage. May throw: reading `window.localStorage` does when storage is blocked. */
  getStorage: () => KeyValueStorage;
  /** The clock; injected so tests are exact. */
  now: () => Date;
}

export type ImportResult = { ok: true; message: string } | { ok: false; message: string };

export interface ProgressStore {
  /** The current record. Treat as read-only: change it through `update`. */
  readonly record: ProgressRecord;
  /** A sentence for the reader when loading had to repair something or saving is impossible; else null. */
  readonly notice: string | null;
  /** False once storage has failed: changes then last only as long as this page. */
  readonly persistent: boolean;
  /** Applies a change to the latest saved record and saves it. Returns a new notice if saving just failed. */
  update(change: (record: ProgressRecord, at: string) => ProgressRecord): string | null;
  /** Forgets everything saved, backup included. */
  reset(): void;
  /** The record as pretty-printed JSON, for a download. */
  exportText(): string;
  /** Replaces the record with an exported file's text, or leaves everything as it was and says why. */
  importText(text: string): ImportResult;
}

/** Largest import accepted: a full record is a few tens of kB; anything far bigger is some other file. */
export const MAX_IMPORT_CHARS = 1_000_000;

const NOT_KEPT = 'progress will not be kept after this tab closes';
export const NOTICE_BLOCKED = `This browser is not letting the site store data, so ${NOT_KEPT}.`;
export const NOTICE_WRITE_FAILED = `Your progress could not be saved (this browser's storage for the site is full or blocked), so ${NOT_KEPT}.`;

/** Runs a storage call; false when it threw. The store must survive every storage failure. */
function attempt(call: () => void): boolean {
  try {
    call();
    return true;
  } catch {
    return false;
  }
}

function keptSentence(kept: boolean): string {
  return kept
    ? ` A copy of the old data was kept in this browser's storage under “${PROGRESS_BACKUP_KEY}”.`
    : ' No copy of the old data could be kept.';
}

/** The notice for saved text that needed repair, or null when it loaded cleanly. */
function repairNotice(outcome: ReadOutcome, kept: boolean): string | null {
  if (outcome.kind === 'unreadable') {
    return `Your saved progress could not be read (${outcome.detail}), so it was reset.${keptSentence(kept)}`;
  }
  if (outcome.problems.length === 0) return null;
  const n = outcome.problems.length;
  return `${n === 1 ? 'One saved entry' : `${n} saved entries`} could not be read and ${n === 1 ? 'was' : 'were'} removed (${describeProblems(outcome.problems)}); the rest of your progress was kept.${keptSentence(kept)}`;
}

interface Loaded {
  record: ProgressRecord;
  notice: string | null;
  storage: KeyValueStorage | null;
}

/** Reads, repairs and (when repaired) rewrites the saved record. Never throws. */
export function loadProgress(options: StoreOptions): Loaded {
  let storage: KeyValueStorage;
  let text: string | null;
  try {
    storage = options.getStorage();
    text = storage.getItem(PROGRESS_KEY);
  } catch {
    return { record: emptyRecord(), notice: NOTICE_BLOCKED, storage: null };
  }
  if (text === null) return { record: emptyRecord(), notice: null, storage };
  const outcome = readRecord(text, options.now().toISOString());
  const record = outcome.kind === 'ok' ? outcome.record : emptyRecord();
  const damaged = outcome.kind === 'unreadable' || outcome.problems.length > 0;
  const kept = damaged && attempt(() => storage.setItem(PROGRESS_BACKUP_KEY, text));
  const notice = repairNotice(outcome, kept);
  if (damaged || (outcome.kind === 'ok' && outcome.migratedFrom !== null)) {
    if (!attempt(() => storage.setItem(PROGRESS_KEY, JSON.stringify(record)))) {
      return { record, notice: [notice, NOTICE_WRITE_FAILED].filter(Boolean).join(' '), storage: null };
    }
  }
  return { record, notice, storage };
}

/** The saved record if it reads cleanly right now (another tab may have changed it), else null. */
function latestSaved(storage: KeyValueStorage, now: Date): ProgressRecord | null {
  try {
    const text = storage.getItem(PROGRESS_KEY);
    if (text === null) return emptyRecord();
    const outcome = readRecord(text, now.toISOString());
    return outcome.kind === 'ok' && outcome.problems.length === 0 && outcome.migratedFrom === null ? outcome.record : null;
  } catch {
    return null;
  }
}

function importSummary(record: ProgressRecord, migrated: boolean): string {
  const lessons = Object.keys(record.lessons).length;
  const attempts = Object.values(record.quizzes).reduce((n, q) => n + q.attempts.length, 0);
  const missed = Object.keys(record.missed).length;
  const rounds = Object.keys(record.rounds).length;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const parts = [plural(lessons, 'lesson'), plural(attempts, 'quiz attempt'), plural(missed, 'missed question')];
  // Unfinished rounds are named only when there are some, so older exports read as they always did.
  if (rounds > 0) parts.push(plural(rounds, 'unfinished quiz round'));
  const cards = Object.keys(record.cards).length;
  if (cards > 0) parts.push(plural(cards, 'review schedule'));
  if (record.exam) parts.push('an unfinished timed exam');
  const designs = Object.keys(record.designs ?? {}).length;
  if (designs > 0) parts.push(plural(designs, 'design exercise'));
  const list = `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
  return `Imported ${list}${migrated ? ', converted from an older format' : ''}.`;
}

export function createProgressStore(options: StoreOptions): ProgressStore {
  let { record, notice, storage } = loadProgress(options);

  /** Saves `record`; on failure switches to memory and returns the notice to show. */
  function persist(): string | null {
    if (!storage) return null;
    const target = storage;
    if (attempt(() => target.setItem(PROGRESS_KEY, JSON.stringify(record)))) return null;
    storage = null;
    notice = NOTICE_WRITE_FAILED;
    return notice;
  }

  return {
    get record() {
      return record;
    },
    get notice() {
      return notice;
    },
    get persistent() {
      return storage !== null;
    },
    update(change) {
      const now = options.now();
      // Start from what is saved now, not what this page loaded: another tab may have saved since.
      const base = (storage && latestSaved(storage, now)) ?? record;
      record = change(base, now.toISOString());
      return persist();
    },
    reset() {
      record = emptyRecord();
      const target = storage;
      if (target) attempt(() => (target.removeItem(PROGRESS_KEY), target.removeItem(PROGRESS_BACKUP_KEY)));
    },
    exportText() {
      return `${JSON.stringify(record, null, 2)}\n`;
    },
    importText(text) {
      const unchanged = ' Your progress was not changed.';
      if (text.length > MAX_IMPORT_CHARS) return { ok: false, message: `That file is too large to be a progress export.${unchanged}` };
      const outcome = readRecord(text, options.now().toISOString());
      if (outcome.kind === 'unreadable') return { ok: false, message: `That file could not be imported: ${outcome.detail}.${unchanged}` };
      if (outcome.problems.length > 0) {
        return { ok: false, message: `That file could not be imported: ${describeProblems(outcome.problems)}.${unchanged}` };
      }
      record = outcome.record;
      const failed = persist();
      return { ok: true, message: importSummary(record, outcome.migratedFrom !== null) + (failed ? ` ${failed}` : '') };
    },
  };
}

let browserStore: ProgressStore | null = null;

/** The page's one store over `window.localStorage`, created on first use. Browser only. */
export function getBrowserStore(): ProgressStore {
  browserStore ??= createProgressStore({ getStorage: () => window.localStorage, now: () => new Date() });
  return browserStore;
}
