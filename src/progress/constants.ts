/**
 * The saved-progress format's fixed names and limits. Kept free of imports so the page script can
 * use them without pulling in zod; `src/schemas/progress.ts` re-exports them with the schema.
 */

/** The localStorage key holding the record. */
export const PROGRESS_KEY = 'consistency-lab:progress';
/** Where unreadable saved text is copied before a reset, so nothing is lost silently. */
export const PROGRESS_BACKUP_KEY = 'consistency-lab:progress:backup';
/** The version this code writes. Older versions are migrated; newer ones are never guessed at. */
export const PROGRESS_VERSION = 4;
/** Quiz attempts kept per bank: enough for a trend, small enough that storage never fills up. */
export const MAX_ATTEMPTS = 20;
/** Longest response text kept per answer; longer ones are cut, so one answer cannot fill storage. */
export const MAX_RESPONSE_LENGTH = 500;
/** Most questions an unfinished round may list (a bank has a few dozen; practice sets are ten). */
export const MAX_ROUND_QUESTIONS = 200;
/** A round's shuffle seed: short, plain characters (the island draws eight hex digits). */
export const ROUND_SEED_PATTERN = /^[A-Za-z0-9_.:-]{1,64}$/;
/** The bank id under which mixed practice attempts are saved. */
export const PRACTICE_BANK_ID = 'practice';
/**
 * A review card's key: `bankId/questionId`, the key `missed` uses. Both parts non-empty; the bank
 * id has no slash (it is a file name), the question id may.
 */
export const CARD_KEY_PATTERN = /^[^/]+\/.+$/;
/** Review card states, as FSRS names them (lower case). A card is `new` only until its first review. */
export const CARD_STATES = ['new', 'learning', 'review', 'relearning'] as const;
/** How an attempt was taken. Absent in attempts saved before version 4. */
export const ATTEMPT_MODES = ['lesson', 'practice', 'review', 'exam'] as const;
/**
 * Bounds on the one unfinished timed exam a record may hold, so a damaged or hand-edited entry
 * cannot fill storage. The exam offers 10 or 20 questions and up to 30 minutes; the bounds leave
 * room to grow without a format change.
 */
export const MAX_EXAM_QUESTIONS = 50;
/** Longest time limit a saved exam may carry: three hours. */
export const MAX_EXAM_LIMIT_MS = 3 * 60 * 60 * 1000;
/** Most option or item indices one saved exam answer may hold, and the bound on each index. */
export const MAX_EXAM_RESPONSE_ITEMS = 50;
/** Longest question id a saved exam may list (ids are `bankId/questionId`, a few dozen characters). */
export const MAX_EXAM_ID_LENGTH = 200;
