/**
 * Content rules that tie lessons to their quiz banks, for the content tests: every checkpoint
 * names questions its bank has, no question sits in two checkpoints of one lesson, every objective
 * is tested by some question, and every question names objectives its lesson has. Each problem is
 * a sentence naming the file and the id at fault.
 *
 * Node-only and pure over already-read data (`readLessons` and parsed banks); it renders nothing.
 */
import type { LessonFile } from './lessons.ts';

/** What the rules need of a bank: its lesson and its questions' ids and objectives. */
export interface BankFacts {
  lesson: string | null;
  questions: readonly { id: string; objectives: readonly string[] }[];
}

/** A `<Checkpoint>` as written in a lesson. */
export interface CheckpointUse {
  bank: string | null;
  name: string | null;
  ids: string[];
  /** The tag as written, shortened, for messages. */
  source: string;
  /** Where the tag starts in the body. */
  index: number;
}

/** Questions a checkpoint should ask: enough to test an idea, few enough not to stall the reading. */
export const CHECKPOINT_SIZE = { min: 3, max: 5 } as const;

const KEBAB = /^[a-z0-9]+(-[a-z0-9]+)*$/;

function attribute(tag: string, name: string): string | null {
  return new RegExp(`\\b${name}="([^"]*)"`).exec(tag)?.[1] ?? null;
}

/** The string items of an `ids={[...]}` attribute, or null when the tag has none. */
function idsAttribute(tag: string): string[] | null {
  const list = /\bids=\{\s*\[([\s\S]*?)\]\s*\}/.exec(tag);
  return list ? [...list[1].matchAll(/['"]([^'"]*)['"]/g)].map((m) => m[1]) : null;
}

/** Every `<Checkpoint … />` in a lesson body, in page order. */
export function checkpointUses(body: string): CheckpointUse[] {
  return [...body.matchAll(/<Checkpoint\b[\s\S]*?\/>/g)].map((m) => ({
    bank: attribute(m[0], 'bank'),
    name: attribute(m[0], 'name'),
    ids: idsAttribute(m[0]) ?? [],
    source: m[0].replace(/\s+/g, ' ').slice(0, 80),
    index: m.index,
  }));
}

/** Every `<Quiz … />` that narrows its bank with `ids`, as bank and ids. */
export function quizSubsets(body: string): { bank: string | null; ids: string[] }[] {
  return [...body.matchAll(/<Quiz\b[\s\S]*?\/>/g)].flatMap((m) => {
    const ids = idsAttribute(m[0]);
    return ids ? [{ bank: attribute(m[0], 'bank'), ids }] : [];
  });
}

/** Problems with the lesson's checkpoints (and `<Quiz ids>` subsets) against the site's banks. */
export function checkpointProblems(lesson: LessonFile, banks: Readonly<Record<string, BankFacts>>): string[] {
  const problems: string[] = [];
  const where = (what: string) => `${lesson.path}: ${what}`;
  const seenIn = new Map<string, string>();
  const names = new Set<string>();
  for (const cp of checkpointUses(lesson.body)) {
    const label = `checkpoint "${cp.name ?? '?'}"`;
    if (!cp.bank) {
      problems.push(where(`${cp.source}… has no bank="…"`));
      continue;
    }
    if (!cp.name || !KEBAB.test(cp.name)) problems.push(where(`${cp.source}… needs a kebab-case name="…"`));
    else if (names.has(cp.name)) problems.push(where(`${label} is used twice; names must be unique in a lesson (progress is saved under them)`));
    if (cp.name) names.add(cp.name);
    const bank = banks[cp.bank];
    if (!bank) {
      problems.push(where(`${label} uses bank "${cp.bank}", which does not exist (content/quizzes/${cp.bank}.yaml)`));
      continue;
    }
    if (cp.ids.length < CHECKPOINT_SIZE.min || cp.ids.length > CHECKPOINT_SIZE.max) {
      problems.push(where(`${label} asks ${cp.ids.length} questions; a checkpoint asks ${CHECKPOINT_SIZE.min} to ${CHECKPOINT_SIZE.max}`));
    }
    const known = new Set(bank.questions.map((q) => q.id));
    for (const id of cp.ids) {
      if (!known.has(id)) problems.push(where(`${label} names question "${id}", which bank "${cp.bank}" does not have`));
      const key = `${cp.bank}/${id}`;
      const other = seenIn.get(key);
      if (other !== undefined) problems.push(where(`question "${id}" appears in ${other === label ? `${label} twice` : `both ${other} and ${label}`}`));
      else seenIn.set(key, label);
    }
  }
  for (const quiz of quizSubsets(lesson.body)) {
    const bank = quiz.bank ? banks[quiz.bank] : undefined;
    if (!bank) continue; // content.test.ts reports quizzes whose bank is missing
    const known = new Set(bank.questions.map((q) => q.id));
    if (quiz.ids.length === 0) problems.push(where(`<Quiz bank="${quiz.bank}" ids={[]}> asks no questions`));
    for (const id of quiz.ids) if (!known.has(id)) problems.push(where(`<Quiz bank="${quiz.bank}"> names question "${id}", which the bank does not have`));
    if (new Set(quiz.ids).size !== quiz.ids.length) problems.push(where(`<Quiz bank="${quiz.bank}"> lists a question twice`));
  }
  return problems;
}

/**
 * Problems between a lesson's objectives and the questions of its banks (banks whose `lesson` is
 * this lesson): a question with no objective or naming one the lesson does not have, and an
 * objective that no question tests. `bankFile` names a bank's file for messages.
 */
export function objectiveProblems(
  lesson: LessonFile,
  banks: Readonly<Record<string, BankFacts>>,
  bankFile: (bankId: string) => string = (id) => `content/quizzes/${id}.yaml`,
): string[] {
  const objectives = Array.isArray(lesson.frontmatter.objectives) ? (lesson.frontmatter.objectives as { id?: unknown }[]) : [];
  const ids = objectives.map((o) => (typeof o?.id === 'string' ? o.id : null)).filter((id): id is string => id !== null);
  const tested = new Set<string>();
  const problems: string[] = [];
  for (const [bankId, bank] of Object.entries(banks)) {
    if (bank.lesson !== lesson.id) continue;
    for (const q of bank.questions) {
      if (q.objectives.length === 0) problems.push(`${bankFile(bankId)}: question "${q.id}" names no objective of ${lesson.id}`);
      for (const o of q.objectives) {
        if (ids.includes(o)) tested.add(o);
        else problems.push(`${bankFile(bankId)}: question "${q.id}" names objective "${o}", which ${lesson.path} does not have (it has: ${ids.join(', ')})`);
      }
    }
  }
  for (const id of ids) if (!tested.has(id)) problems.push(`${lesson.path}: objective "${id}" is tested by no question in its quiz banks`);
  return problems;
}
