/**
 * Lesson frontmatter: the fields every page in `content/lessons/` adds on top of Starlight's own.
 *
 * Extended into Starlight's `docsSchema()` in `src/content.config.ts`, and tested on its own. Only
 * describes data; the prerequisite order rule lives with the curriculum (`src/curriculum/`).
 */
import { z } from 'zod';

export const lessonFieldsSchema = z.object({
  /** One or two sentences for search results and link previews. At most 160 characters (search engines cut the rest). */
  description: z.string().min(20).max(160),
  /** What the reader will be able to do after the page, each an outcome ("Explain why…"). Lessons need 2 to 6; other pages none. */
  objectives: z.array(z.string().min(10)).max(6).default([]),
  /** Docs ids of lessons to read first (e.g. `foundations/cap`). Must come earlier in the curriculum. */
  prerequisites: z.array(z.string()).default([]),
  /** Honest reading time including the simulation, in minutes. */
  minutes: z.number().int().min(1).max(90).optional(),
});

export type LessonFields = z.infer<typeof lessonFieldsSchema>;
