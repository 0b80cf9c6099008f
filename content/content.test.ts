// Content checks run in CI: every lesson follows the anatomy, uses only the MDX vocabulary, lists
// prerequisites that come earlier, and every quiz bank is valid and points at real lessons. Each
// lesson's checkpoints name questions its bank has (none twice), every objective is tested by some
// question and every question names objectives its lesson has, and each lesson has its drill.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { curriculum, lessonOrder, prerequisiteProblems } from '../src/curriculum/curriculum.ts';
import { checkpointProblems, checkpointUses, objectiveProblems, type BankFacts } from '../src/content-checks/learning.ts';
import { anatomyProblems, EXERCISE_ANATOMY, h2Headings, importSources, readLessons, usesOf } from '../src/content-checks/lessons.ts';
import { lessonFieldsSchema } from '../src/schemas/lesson.ts';
import { quizBankSchema } from '../src/schemas/quiz.ts';

const root = join(import.meta.dirname, '..');
const lessons = readLessons(root);
const byId = new Map(lessons.map((l) => [l.id, l]));
/** Teaching lessons: every curriculum page outside the Practice module. */
const practice = new Set(curriculum.modules.find((m) => m.id === 'practice')?.lessons ?? []);
const teaching = lessonOrder.filter((id) => !practice.has(id));
/** Design exercises: the `design` module's pages, which follow the exercise anatomy. */
const exercises = new Set(curriculum.modules.find((m) => m.id === 'design')?.lessons ?? []);
const bankFiles = readdirSync(join(root, 'content', 'quizzes')).filter((f) => f.endsWith('.yaml'));
/** Every bank that parses, by id, for the checkpoint and objective rules (schema errors are reported below). */
const banks: Record<string, BankFacts> = Object.fromEntries(
  bankFiles.flatMap((file) => {
    const parsed = quizBankSchema.safeParse(parse(readFileSync(join(root, 'content', 'quizzes', file), 'utf8')));
    return parsed.success ? [[file.replace(/\.yaml$/, ''), parsed.data]] : [];
  }),
);

describe('curriculum', () => {
  it('lists only pages that exist', () => {
    expect(lessonOrder.filter((id) => !byId.has(id))).toEqual([]);
  });
  it('lists every page except the home page', () => {
    const unlisted = lessons.map((l) => l.id).filter((id) => id !== 'index' && !lessonOrder.includes(id));
    expect(unlisted).toEqual([]);
  });
  it('lists each lesson once', () => {
    expect(new Set(lessonOrder).size).toBe(lessonOrder.length);
  });
});

describe.each(teaching)('lesson %s', (id) => {
  const lesson = byId.get(id)!;

  it('has valid frontmatter with objectives and reading time', () => {
    const result = lessonFieldsSchema.safeParse(lesson.frontmatter);
    expect(result.success, JSON.stringify(result.error?.issues)).toBe(true);
    expect((lesson.frontmatter.objectives as string[]).length).toBeGreaterThanOrEqual(2);
    expect(lesson.frontmatter.minutes).toBeTypeOf('number');
  });

  it('follows the lesson anatomy', () => {
    expect(anatomyProblems(lesson, exercises.has(id) ? EXERCISE_ANATOMY : undefined)).toEqual([]);
    expect(lesson.body).toContain('<Objectives />');
    expect(lesson.body).toContain('<FinishLesson />');
  });

  it('imports only the MDX vocabulary', () => {
    expect(importSources(lesson.body).filter((s) => s !== '~/components/mdx')).toEqual([]);
  });

  it('has prerequisites that come earlier in the course', () => {
    expect(prerequisiteProblems(id, (lesson.frontmatter.prerequisites as string[]) ?? [])).toEqual([]);
  });

  it('embeds quiz banks that exist', () => {
    const banks = usesOf(lesson.body, 'Quiz', 'bank');
    expect(banks.length).toBeGreaterThan(0);
    for (const bank of banks) expect(bankFiles, `${lesson.path} uses bank "${bank}"`).toContain(`${bank}.yaml`);
  });

  it('has checkpoints that ask questions of their bank, none in two checkpoints', () => {
    expect(checkpointProblems(lesson, banks)).toEqual([]);
  });

  it('places each checkpoint inside a section, before "In the interview"', () => {
    const interview = lesson.body.indexOf('## In the interview');
    for (const cp of checkpointUses(lesson.body)) {
      const at = cp.index;
      expect(at, `${lesson.path}: checkpoint "${cp.name}"`).toBeGreaterThan(lesson.body.indexOf('## The problem'));
      expect(at, `${lesson.path}: checkpoint "${cp.name}"`).toBeLessThan(interview);
    }
  });

  it('maps every objective to a question and every question to real objectives', () => {
    expect(objectiveProblems(lesson, banks)).toEqual([]);
  });

  it('has an interview drill in its "In the interview" section', () => {
    expect(lesson.frontmatter.drill, `${lesson.path} needs a drill in its frontmatter`).toBeTypeOf('object');
    const body = lesson.body;
    const drill = body.indexOf('<Drill />');
    expect(drill, `${lesson.path} must use <Drill />`).toBeGreaterThan(body.indexOf('## In the interview'));
    expect(h2Headings(body.slice(body.indexOf('## In the interview') + 3, drill))).toEqual([]);
  });

  it('gives every diagram a text alternative', () => {
    const diagrams = lesson.body.match(/<Diagram\b[\s\S]*?\/>/g) ?? [];
    for (const d of diagrams) expect(d, `${lesson.path}: a <Diagram> lacks alt`).toMatch(/\balt="[^"]{10,}"/);
  });
});

describe.each(bankFiles)('quiz bank %s', (file) => {
  const data = parse(readFileSync(join(root, 'content', 'quizzes', file), 'utf8'));
  const result = quizBankSchema.safeParse(data);

  it('matches the schema', () => {
    const issues = result.error?.issues.map((i) => `${file} ${i.path.join('.')}: ${i.message}`) ?? [];
    expect(issues).toEqual([]);
  });

  it('points at lessons that exist and spans difficulties', () => {
    if (!result.success) return;
    const bank = result.data;
    if (bank.lesson) expect(lessonOrder).toContain(bank.lesson);
    for (const q of bank.questions) {
      for (const l of q.lessons) expect(lessonOrder, `${file} question "${q.id}"`).toContain(l);
    }
    const levels = new Set(bank.questions.map((q) => q.difficulty));
    if (bank.lesson) expect([...levels].sort()).toEqual(['easy', 'hard', 'medium']);
  });
});
