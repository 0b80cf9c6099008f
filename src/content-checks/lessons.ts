/**
 * Reads lesson files from disk for the content checks: frontmatter, h2 headings, imports and the
 * components a page uses. Node-only (used by tests and scripts, never shipped to the browser).
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'yaml';

export interface LessonFile {
  /** Docs id: path under content/lessons without extension (`foundations/cap`). */
  id: string;
  /** Path relative to the repository root, for messages. */
  path: string;
  frontmatter: Record<string, unknown>;
  /** The MDX body without frontmatter. */
  body: string;
}

/** The required h2 sections of a teaching lesson, in order (DESIGN.md, "Lessons"). */
export const LESSON_ANATOMY = [
  'The problem',
  'How it works',
  'Failure cases',
  'Trade-offs and when to use it',
  'In the interview',
  'Recap',
  'Further reading',
  'Quiz',
] as const;

/**
 * The required h2 sections of a design exercise (the `design` module): the brief, the guided
 * exercise itself (an island), then the same closing sections a lesson has.
 */
export const EXERCISE_ANATOMY = ['The brief', 'Work through it', 'Common mistakes', 'In the interview', 'Recap', 'Further reading', 'Quiz'] as const;

function* walk(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* walk(path);
    else if (/\.mdx?$/.test(name) && !name.startsWith('_')) yield path;
  }
}

/** Every page under `root/content/lessons`. */
export function readLessons(root: string): LessonFile[] {
  const base = join(root, 'content', 'lessons');
  return [...walk(base)].map((file) => {
    const text = readFileSync(file, 'utf8');
    const match = /^---\n([\s\S]*?)\n---\n?([\s\S]*)$/.exec(text);
    const rel = relative(base, file).replace(/\\/g, '/');
    return {
      id: rel.replace(/\.mdx?$/, ''),
      path: relative(root, file),
      frontmatter: match ? (parse(match[1]) as Record<string, unknown>) : {},
      body: match ? match[2] : text,
    };
  });
}

/** Level-2 Markdown headings, outside fenced code and template literals' Mermaid source. */
export function h2Headings(body: string): string[] {
  const withoutCode = body.replace(/```[\s\S]*?```/g, '').replace(/`[^`]*`/g, '');
  return [...withoutCode.matchAll(/^## +(.+?)\s*$/gm)].map((m) => m[1]);
}

/** Module specifiers of the page's import statements. */
export function importSources(body: string): string[] {
  return [...body.matchAll(/^import\s[^;]*?from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]);
}

/** Attribute values of every use of a component, e.g. usesOf(body, 'Quiz', 'bank'). */
export function usesOf(body: string, component: string, attribute: string): string[] {
  const tag = new RegExp(`<${component}\\b[^>]*?\\b${attribute}="([^"]+)"`, 'g');
  return [...body.matchAll(tag)].map((m) => m[1]);
}

/**
 * Anatomy problems: the required headings missing or out of order. Returns sentences naming the file.
 */
export function anatomyProblems(lesson: LessonFile, anatomy: readonly string[] = LESSON_ANATOMY): string[] {
  const headings = h2Headings(lesson.body);
  const problems: string[] = [];
  let last = -1;
  for (const required of anatomy) {
    const at = headings.indexOf(required);
    if (at === -1) problems.push(`${lesson.path}: missing "## ${required}"`);
    else if (at < last) problems.push(`${lesson.path}: "## ${required}" is out of order`);
    else last = at;
  }
  return problems;
}
