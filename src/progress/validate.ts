/**
 * Reads saved progress text into a valid record: parses, migrates versions 1, 2 and 3, and
 * salvages version 4 entry by entry, reporting every entry it had to drop and why.
 *
 * Hand-written on purpose: it ships on every page inside the progress script, where zod would
 * cost more than the rest of the script together. `src/schemas/progress.ts` is the specification;
 * `validate.test.ts` checks that this module accepts what the schema accepts and drops what the
 * schema rejects. Pure: no storage, no clock (the caller passes the time), no DOM. Never throws.
 */
import type {
  AnswerRecord,
  ExamResponse,
  LessonProgress,
  MissedQuestion,
  ProgressRecord,
  QuizAttempt,
  QuizProgress,
  ReviewCard,
  SavedDesignWork,
  SavedExamClock,
  UnfinishedExam,
  UnfinishedRound,
} from '../schemas/progress.ts';
import {
  ATTEMPT_MODES,
  CARD_KEY_PATTERN,
  CARD_STATES,
  MAX_ATTEMPTS,
  MAX_EXAM_ID_LENGTH,
  MAX_EXAM_LIMIT_MS,
  MAX_EXAM_QUESTIONS,
  MAX_EXAM_RESPONSE_ITEMS,
  MAX_RESPONSE_LENGTH,
  MAX_ROUND_QUESTIONS,
  PROGRESS_VERSION,
  ROUND_SEED_PATTERN,
} from './constants.ts';
import { seedCards } from './record.ts';
import { BOTTLENECK_IDS, COMPONENT_IDS, ESTIMATE_IDS, MECHANISMS, MECHANISM_IDS, STEP_IDS } from '../design/ids.ts';
import { MAX_NOTE_LENGTH } from '../design/work.ts';

/** One thing that was wrong, located by a readable path such as `lessons › foundations/cap › visited`. */
export interface Problem {
  path: string;
  problem: string;
}

/** What reading saved text produced. */
export type ReadOutcome =
  | { kind: 'ok'; record: ProgressRecord; problems: Problem[]; migratedFrom: number | null }
  | { kind: 'unreadable'; reason: 'json' | 'shape' | 'newer-version' | 'unknown-version'; detail: string };

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const ISO = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?Z$/;

/** An instant as `toISOString()` writes it, and a real calendar date (no 30 February). */
export function isIsoInstant(v: unknown): v is string {
  const m = typeof v === 'string' ? ISO.exec(v) : null;
  if (!m) return false;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number);
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCMonth() === mo - 1 && date.getUTCDate() === d && h < 24 && mi < 60 && s < 60;
}

/** Keeps the entries of `value` that `check` accepts; every rejected one becomes a Problem. */
function entries<T>(value: unknown, path: string, problems: Problem[], check: (v: unknown, key: string) => T | string): Record<string, T> {
  const out: Record<string, T> = {};
  if (value === undefined) return out;
  if (!isObj(value)) {
    problems.push({ path, problem: 'is not a list of entries' });
    return out;
  }
  for (const [key, v] of Object.entries(value)) {
    const result = check(v, key);
    if (typeof result === 'string') problems.push({ path: `${path} › ${key}`, problem: result });
    else out[key] = result;
  }
  return out;
}

function checkLesson(v: unknown): LessonProgress | string {
  if (!isObj(v)) return 'is not an entry';
  if (!isIsoInstant(v.visited)) return '“visited” is not a date and time';
  if (v.finished !== null && !isIsoInstant(v.finished)) return '“finished” is neither empty nor a date and time';
  return { visited: v.visited, finished: v.finished };
}

function checkAnswer(v: unknown): AnswerRecord | string {
  if (!isObj(v) || typeof v.correct !== 'boolean') return 'has no right-or-wrong mark';
  if (typeof v.response !== 'string' || v.response.length > MAX_RESPONSE_LENGTH) return 'has no readable response';
  if (v.hinted !== undefined && typeof v.hinted !== 'boolean') return '“hinted” is not true or false';
  return v.hinted === undefined ? { correct: v.correct, response: v.response } : { correct: v.correct, response: v.response, hinted: v.hinted };
}

function checkAttempt(v: unknown): QuizAttempt | string {
  if (!isObj(v)) return 'is not an attempt';
  if (!isIsoInstant(v.at)) return '“at” is not a date and time';
  if (!isCount(v.score) || !isCount(v.total) || v.total === 0 || v.score > v.total) return 'has an impossible score';
  if (!isObj(v.answers)) return 'has no answers';
  const bad: Problem[] = [];
  const answers = entries(v.answers, '', bad, checkAnswer);
  if (bad.length > 0) return `answer to “${bad[0].path.slice(3)}” ${bad[0].problem}`;
  if (v.mode === undefined) return { at: v.at, score: v.score, total: v.total, answers };
  if (!(ATTEMPT_MODES as readonly unknown[]).includes(v.mode)) return '“mode” is not one this site knows';
  return { at: v.at, score: v.score, total: v.total, answers, mode: v.mode as QuizAttempt['mode'] };
}

/** A bank's history. Bad attempts are dropped one by one; only the newest MAX_ATTEMPTS are kept. */
function checkQuiz(v: unknown, path: string, problems: Problem[]): QuizProgress | string {
  if (!isObj(v) || !Array.isArray(v.attempts)) return 'has no list of attempts';
  const attempts: QuizAttempt[] = [];
  v.attempts.forEach((a, i) => {
    const result = checkAttempt(a);
    if (typeof result === 'string') problems.push({ path: `${path} › attempt ${i + 1}`, problem: result });
    else attempts.push(result);
  });
  const extra = attempts.length - MAX_ATTEMPTS;
  if (extra > 0) problems.push({ path, problem: `had ${extra} more attempts than the ${MAX_ATTEMPTS} kept` });
  return { attempts: attempts.slice(Math.max(0, extra)) };
}

function checkMissed(v: unknown, key: string): MissedQuestion | string {
  if (!isObj(v) || !isIsoInstant(v.at)) return '“at” is not a date and time';
  if (typeof v.bank !== 'string' || typeof v.question !== 'string' || !v.bank || !v.question) return 'does not name its bank and question';
  if (key !== `${v.bank}/${v.question}`) return 'is filed under the wrong key';
  return { at: v.at, bank: v.bank, question: v.question };
}

/** An unfinished round. Like an attempt, a round with any unreadable part is dropped whole. */
function checkRound(v: unknown): UnfinishedRound | string {
  if (!isObj(v)) return 'is not a round';
  if (!isIsoInstant(v.started) || !isIsoInstant(v.saved)) return '“started” or “saved” is not a date and time';
  if (typeof v.seed !== 'string' || !ROUND_SEED_PATTERN.test(v.seed)) return 'has no readable shuffle seed';
  const ids = v.ids;
  if (!Array.isArray(ids) || ids.length === 0 || ids.length > MAX_ROUND_QUESTIONS || !ids.every((id) => typeof id === 'string' && id !== '')) {
    return 'has no readable list of questions';
  }
  if (new Set(ids).size !== ids.length) return 'lists a question twice';
  if (!isObj(v.answers)) return 'has no answers';
  const bad: Problem[] = [];
  const answers = entries(v.answers, '', bad, checkAnswer);
  if (bad.length > 0) return `answer to “${bad[0].path.slice(3)}” ${bad[0].problem}`;
  const stray = Object.keys(answers).find((id) => !ids.includes(id));
  if (stray !== undefined) return `answers “${stray}”, which it does not ask`;
  return { started: v.started, saved: v.saved, seed: v.seed, ids: [...ids], answers };
}

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** A review card. Its fields only make sense together, so a card with any bad field is dropped whole. */
function checkCard(v: unknown, key: string): ReviewCard | string {
  if (!CARD_KEY_PATTERN.test(key)) return 'is not filed under a “bank/question” key';
  if (!isObj(v)) return 'is not a review card';
  if (!isIsoInstant(v.due)) return '“due” is not a date and time';
  if (!isNumber(v.stability) || v.stability < 0) return '“stability” is not a number of days';
  if (!isNumber(v.difficulty) || v.difficulty < 0 || v.difficulty > 10) return '“difficulty” is not between 0 and 10';
  if (!isCount(v.reps) || !isCount(v.lapses) || !isCount(v.step)) return 'has counts that are not whole numbers';
  if (!(CARD_STATES as readonly unknown[]).includes(v.state)) return '“state” is not one this site knows';
  if (v.lastReview !== null && !isIsoInstant(v.lastReview)) return '“lastReview” is neither empty nor a date and time';
  if ((v.state === 'new') !== (v.lastReview === null)) return 'says it is new but was reviewed, or the reverse';
  const state = v.state as ReviewCard['state'];
  return { due: v.due, stability: v.stability, difficulty: v.difficulty, reps: v.reps, lapses: v.lapses, state, step: v.step, lastReview: v.lastReview };
}

const isIndex = (v: unknown): v is number => isCount(v) && v < MAX_EXAM_RESPONSE_ITEMS;
const isIndexList = (v: unknown): v is number[] => Array.isArray(v) && v.length <= MAX_EXAM_RESPONSE_ITEMS && v.every(isIndex) && new Set(v).size === v.length;

/** One answer in an unfinished exam; null when it is not one. */
function checkExamResponse(v: unknown): ExamResponse | null {
  if (!isObj(v)) return null;
  if (v.kind === 'single') return v.choice === null || isIndex(v.choice) ? { kind: 'single', choice: v.choice } : null;
  if (v.kind === 'multiple') return isIndexList(v.choices) ? { kind: 'multiple', choices: [...v.choices] } : null;
  if (v.kind === 'ordering') return isIndexList(v.order) ? { kind: 'ordering', order: [...v.order] } : null;
  return null;
}

/**
 * The unfinished exam. Its parts only make sense together (answers belong to its questions, its
 * clock to its limit), so an exam with any unreadable part is dropped whole, like a round.
 */
function checkExam(v: unknown): UnfinishedExam | string {
  if (!isObj(v)) return 'is not an exam';
  if (!isIsoInstant(v.started) || !isIsoInstant(v.saved)) return '“started” or “saved” is not a date and time';
  if (typeof v.seed !== 'string' || !ROUND_SEED_PATTERN.test(v.seed)) return 'has no readable shuffle seed';
  const ids = v.ids;
  if (
    !Array.isArray(ids) ||
    ids.length === 0 ||
    ids.length > MAX_EXAM_QUESTIONS ||
    !ids.every((id) => typeof id === 'string' && id !== '' && id.length <= MAX_EXAM_ID_LENGTH)
  ) {
    return 'has no readable list of questions';
  }
  if (new Set(ids).size !== ids.length) return 'lists a question twice';
  if (!isCount(v.index) || v.index >= ids.length) return 'shows a question it does not ask';
  if (!isObj(v.responses)) return 'has no answers';
  const responses: Record<string, ExamResponse> = {};
  for (const [id, r] of Object.entries(v.responses)) {
    const response = checkExamResponse(r);
    if (!response) return `answer to “${id}” is not readable`;
    if (!ids.includes(id)) return `answers “${id}”, which it does not ask`;
    responses[id] = response;
  }
  const clock = checkClock(v.clock);
  if (typeof clock === 'string') return clock;
  return {
    started: v.started,
    saved: v.saved,
    seed: v.seed,
    ids: [...ids],
    index: v.index,
    responses,
    clock,
  };
}

/** A saved countdown (the exam's, an interview's), or what is wrong with it. */
function checkClock(c: unknown): SavedExamClock | string {
  if (!isObj(c) || !isCount(c.limitMs) || c.limitMs === 0 || c.limitMs > MAX_EXAM_LIMIT_MS || !isCount(c.usedMs) || c.usedMs > c.limitMs) {
    return 'has no readable time limit';
  }
  if (c.runningSince !== null && !isIsoInstant(c.runningSince)) return '“runningSince” is neither empty nor a date and time';
  return { limitMs: c.limitMs, usedMs: c.usedMs, runningSince: c.runningSince };
}

const KEBAB = /^[a-z0-9]+(-[a-z0-9]+)*$/;
/** Longest figure kept as typed in the design calculator. */
const MAX_FIGURE_LENGTH = 40;
/** Most clarifying questions or rubric items one design entry may list. */
const MAX_DESIGN_IDS = 100;

const isIdList = (v: unknown, known: readonly string[] | null, max: number): v is string[] =>
  Array.isArray(v) &&
  v.length <= max &&
  v.every((x) => typeof x === 'string' && (known ? known.includes(x) : KEBAB.test(x))) &&
  new Set(v).size === v.length;

/** A map from known ids to strings of at most `max` characters; null when it is not one. */
function textMap(v: unknown, known: readonly string[], max: number): Record<string, string> | null {
  if (!isObj(v)) return null;
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(v)) {
    if (x === undefined) continue;
    if (!known.includes(k) || typeof x !== 'string' || x.length > max) return null;
    out[k] = x;
  }
  return out;
}

/**
 * One design exercise's saved work. Its parts are one reader's answers to one exercise; an entry
 * with any unreadable part is dropped whole (naming the part), and the other exercises and the
 * rest of the record are kept.
 */
function checkDesign(v: unknown, key: string): SavedDesignWork | string {
  if (!KEBAB.test(key)) return 'is not filed under an exercise id';
  if (!isObj(v)) return 'is not a design';
  if (!isIsoInstant(v.saved)) return '“saved” is not a date and time';
  if (!(STEP_IDS as readonly unknown[]).includes(v.step)) return '“step” is not a step of the exercise';
  if (!isIdList(v.asked, null, MAX_DESIGN_IDS)) return '“asked” is not a list of question ids without repeats';
  const figures = textMap(v.figures, ESTIMATE_IDS, MAX_FIGURE_LENGTH);
  if (!figures) return '“figures” is not a set of typed figures';
  if (!isIdList(v.components, COMPONENT_IDS, COMPONENT_IDS.length)) return '“components” is not a list of known components without repeats';
  if (!isObj(v.mechanisms)) return '“mechanisms” is not a set of choices';
  const mechanisms: Record<string, string> = {};
  for (const [k, x] of Object.entries(v.mechanisms)) {
    if (x === undefined) continue;
    const options = (MECHANISMS as Record<string, readonly string[]>)[k];
    if (!(MECHANISM_IDS as string[]).includes(k) || !options || typeof x !== 'string' || !options.includes(x)) return `“mechanisms” has a choice this site does not know (${k})`;
    mechanisms[k] = x;
  }
  if (!isIdList(v.ranking, BOTTLENECK_IDS, BOTTLENECK_IDS.length)) return '“ranking” is not a list of known bottlenecks without repeats';
  const notes = textMap(v.notes, STEP_IDS, MAX_NOTE_LENGTH);
  if (!notes) return `“notes” is not a set of notes of at most ${MAX_NOTE_LENGTH} characters`;
  if (!isIdList(v.revealed, STEP_IDS, STEP_IDS.length)) return '“revealed” is not a list of steps without repeats';
  if (!isIdList(v.rubric, null, MAX_DESIGN_IDS)) return '“rubric” is not a list of rubric ids without repeats';
  const work: SavedDesignWork = {
    saved: v.saved,
    step: v.step as SavedDesignWork['step'],
    asked: [...v.asked],
    figures: figures as SavedDesignWork['figures'],
    components: [...v.components] as SavedDesignWork['components'],
    mechanisms: mechanisms as SavedDesignWork['mechanisms'],
    ranking: [...v.ranking] as SavedDesignWork['ranking'],
    notes: notes as SavedDesignWork['notes'],
    revealed: [...v.revealed] as SavedDesignWork['revealed'],
    rubric: [...v.rubric],
  };
  if (v.interview !== undefined) {
    const clock = checkClock(v.interview);
    if (typeof clock === 'string') return `interview clock ${clock}`;
    work.interview = clock;
  }
  return work;
}

/** The sections versions 2 to 4 share, entry by entry: a bad entry is dropped and reported, the rest is kept. */
function salvageShared(data: Obj, problems: Problem[]): Omit<ProgressRecord, 'version' | 'rounds' | 'cards'> {
  const lessons = entries(data.lessons, 'lessons', problems, checkLesson);
  const quizzes = entries(data.quizzes, 'quizzes', problems, (v, key) => checkQuiz(v, `quizzes › ${key}`, problems));
  const missed = entries(data.missed, 'missed', problems, checkMissed);
  return { lessons, quizzes, missed };
}

/** Version 4 (current) data, entry by entry: a bad entry is dropped and reported, the rest is kept. */
export function salvageV4(data: Obj): { record: ProgressRecord; problems: Problem[] } {
  const problems: Problem[] = [];
  const shared = salvageShared(data, problems);
  const rounds = entries(data.rounds, 'rounds', problems, checkRound);
  const cards = entries(data.cards, 'cards', problems, checkCard);
  const record: ProgressRecord = { version: PROGRESS_VERSION, ...shared, rounds, cards };
  // The unfinished exam is optional within version 4: absent is normal; unreadable is dropped and named.
  if (data.exam !== undefined) {
    const exam = checkExam(data.exam);
    if (typeof exam === 'string') problems.push({ path: 'exam', problem: exam });
    else record.exam = exam;
  }
  // Design work is optional within version 4 too: each exercise's entry is checked on its own.
  if (data.designs !== undefined) {
    const designs = entries(data.designs, 'designs', problems, checkDesign);
    if (isObj(data.designs)) record.designs = designs;
  }
  return { record, problems };
}

/**
 * Version 3 into version 4: every lesson, attempt, missed question and unfinished round is kept
 * as it was, and a review card is seeded for each question answered in them (`seedCards`), so
 * missed questions are due for review at once. Entries version 3 itself would reject are dropped
 * and reported; a `cards` section it could not have had is ignored.
 */
export function migrateV3(data: Obj): { record: ProgressRecord; problems: Problem[] } {
  const problems: Problem[] = [];
  const shared = salvageShared(data, problems);
  const rounds = entries(data.rounds, 'rounds', problems, checkRound);
  return { record: { version: PROGRESS_VERSION, ...shared, rounds, cards: seedCards({ ...shared, rounds }) }, problems };
}

/**
 * Version 2 into version 4. Version 2 saved answers only when a round ended, so it has no
 * unfinished rounds: every lesson, attempt (with its answers) and missed question is kept as it
 * was, `rounds` starts empty, and cards are seeded as for version 3. Entries version 2 itself
 * would reject are dropped and reported.
 */
export function migrateV2(data: Obj): { record: ProgressRecord; problems: Problem[] } {
  const problems: Problem[] = [];
  const shared = salvageShared(data, problems);
  return { record: { version: PROGRESS_VERSION, ...shared, rounds: {}, cards: seedCards({ ...shared, rounds: {} }) }, problems };
}

/**
 * Version 1 (`{ version: 1, visited, finished, quizScores }`, no dates) into the current version.
 * Its events carry no time, so they are dated `now`; each last score becomes one attempt without
 * answers; there are no missed questions, unfinished rounds or answered questions to seed cards from.
 */
export function migrateV1(data: Obj, now: string): { record: ProgressRecord; problems: Problem[] } {
  const problems: Problem[] = [];
  const ids = (v: unknown, path: string): string[] => {
    if (!Array.isArray(v)) {
      if (v !== undefined) problems.push({ path, problem: 'is not a list' });
      return [];
    }
    v.forEach((id, i) => typeof id !== 'string' && problems.push({ path: `${path} › ${i + 1}`, problem: 'is not a lesson id' }));
    return v.filter((id): id is string => typeof id === 'string');
  };
  const lessons: Record<string, LessonProgress> = {};
  for (const id of ids(data.visited, 'visited')) lessons[id] = { visited: now, finished: null };
  for (const id of ids(data.finished, 'finished')) lessons[id] = { visited: now, finished: now };
  const scores = entries(data.quizScores, 'quizScores', problems, (v) =>
    isObj(v) && isCount(v.score) && isCount(v.total) && v.total > 0 && v.score <= v.total ? { score: v.score, total: v.total } : 'has an impossible score',
  );
  const quizzes: Record<string, QuizProgress> = {};
  for (const [bank, s] of Object.entries(scores)) quizzes[bank] = { attempts: [{ at: now, score: s.score, total: s.total, answers: {} }] };
  return { record: { version: PROGRESS_VERSION, lessons, quizzes, missed: {}, rounds: {}, cards: {} }, problems };
}

/** Any saved or imported text into a record, or the reason it cannot be one. `now` dates migrated events. */
export function readRecord(text: string, now: string): ReadOutcome {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    // The parser's own message ("position 1, line 1") helps no reader; the backup keeps the text.
    return { kind: 'unreadable', reason: 'json', detail: 'it is not valid JSON' };
  }
  if (!isObj(data)) return { kind: 'unreadable', reason: 'shape', detail: 'it is not a progress record' };
  const version = data.version;
  if (version === PROGRESS_VERSION) return { kind: 'ok', ...salvageV4(data), migratedFrom: null };
  if (version === 3) return { kind: 'ok', ...migrateV3(data), migratedFrom: 3 };
  if (version === 2) return { kind: 'ok', ...migrateV2(data), migratedFrom: 2 };
  if (version === 1) return { kind: 'ok', ...migrateV1(data, now), migratedFrom: 1 };
  if (typeof version === 'number' && version > PROGRESS_VERSION) {
    return { kind: 'unreadable', reason: 'newer-version', detail: `it was written by a newer version of this site (format ${version})` };
  }
  return { kind: 'unreadable', reason: 'unknown-version', detail: `its format version (${JSON.stringify(version) ?? 'none'}) is not one this site knows` };
}

/** Problems as one short clause for a notice: the first few, then a count of the rest. */
export function describeProblems(problems: Problem[], shown = 3): string {
  const listed = problems.slice(0, shown).map((p) => `${p.path} ${p.problem}`);
  const rest = problems.length - listed.length;
  return listed.join('; ') + (rest > 0 ? `; and ${rest} more` : '');
}
