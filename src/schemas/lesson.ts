/**
 * Lesson frontmatter: the fields every page in `content/lessons/` adds on top of Starlight's own.
 *
 * Extended into Starlight's `docsSchema()` in `src/content.config.ts`, and tested on its own. Only
 * describes data; the prerequisite order rule lives with the curriculum (`src/curriculum/`), and
 * the rules that tie objectives to quiz questions live in `src/content-checks/learning.ts`.
 */
import { z } from 'zod';

/** Short stable names: kebab-case, as question ids are. Shared by the schemas that name things by id. */
export const kebab = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'ids are kebab-case');

/**
 * One learning objective. Quiz questions name the objectives they test by `id`, not by position or
 * wording, so an objective can be reworded or the list reordered without remapping any question;
 * renaming an `id` means updating the questions that name it (a content test fails until they do).
 * Nothing saved in the browser refers to objective ids: mastery is recomputed from saved answers.
 */
export const objectiveSchema = z.object({
  /** Stable kebab-case name, unique in the lesson, e.g. `trace-phases`. Questions refer to it. */
  id: kebab,
  /** The outcome as the reader sees it, a sentence starting with a verb ("Explain why…"). */
  text: z.string().min(10),
});

/** One follow-up question an interviewer is likely to ask, with the answer revealed on request. */
export const followUpSchema = z.object({
  /** The question as an interviewer would put it. Inline Markdown (`code`, *emphasis*) is allowed. */
  question: z.string().min(10),
  /** What a strong answer says, in a few sentences. Inline Markdown allowed. */
  answer: z.string().min(20),
});

/**
 * The lesson's "explain it in a minute" drill (rendered by `<Drill />` in "In the interview"):
 * a prompt, a countdown, a checklist for grading one's own answer, then follow-ups one at a time.
 * Written in the course's own words, and only claims the lesson itself makes.
 */
export const drillSchema = z.object({
  /** What to explain, addressed to the reader ("Explain two-phase commit to an interviewer…"). */
  prompt: z.string().min(20),
  /** Length of the countdown in seconds. */
  seconds: z.number().int().min(15).max(300).default(60),
  /** What a strong answer covers, each a short point the reader ticks if they said it. 3 to 8. */
  checklist: z.array(z.string().min(5)).min(3).max(8),
  /** The likely follow-up questions from the lesson's "In the interview" section, in order. */
  followUps: z.array(followUpSchema).min(1).max(8),
});

export const lessonFieldsSchema = z.object({
  /** One or two sentences for search results and link previews. At most 160 characters (search engines cut the rest). */
  description: z.string().min(20).max(160),
  /**
   * What the reader will be able to do after the page, each an outcome with a stable id (see
   * `objectiveSchema`). Lessons need 2 to 6; other pages none. Ids must be unique in the lesson.
   */
  objectives: z
    .array(objectiveSchema)
    .max(6)
    .default([])
    .superRefine((list, ctx) => {
      const seen = new Set<string>();
      list.forEach((o, i) => {
        if (seen.has(o.id)) ctx.addIssue({ code: 'custom', message: `objective id "${o.id}" is used twice`, path: [i, 'id'] });
        seen.add(o.id);
      });
    }),
  /** Docs ids of lessons to read first (e.g. `foundations/cap`). Must come earlier in the curriculum. */
  prerequisites: z.array(z.string()).default([]),
  /** Honest reading time including the simulation, in minutes. */
  minutes: z.number().int().min(1).max(90).optional(),
  /** The interview drill shown by `<Drill />`; lessons with an "In the interview" section have one. */
  drill: drillSchema.optional(),
});

export type LessonFields = z.infer<typeof lessonFieldsSchema>;
export type Objective = z.infer<typeof objectiveSchema>;
export type Drill = z.infer<typeof drillSchema>;
export type FollowUp = z.infer<typeof followUpSchema>;
