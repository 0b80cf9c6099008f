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
