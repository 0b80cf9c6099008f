/**
 * The course order, read from `content/curriculum.yaml` and validated. The sidebar (astro.config),
 * the home page's course map, prerequisite checks and progress all ask this module; nothing else
 * decides what comes before what. Pure: no Astro, no DOM.
 */
import { parse } from 'yaml';
import raw from '../../content/curriculum.yaml?raw';
import { curriculumSchema, type Curriculum } from '../schemas/curriculum.ts';

/** Parse and validate curriculum text; throws with the schema's message on bad data. */
export function parseCurriculum(text: string): Curriculum {
  const result = curriculumSchema.safeParse(parse(text));
  if (!result.success) {
    const detail = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`content/curriculum.yaml is invalid: ${detail}`);
  }
  return result.data;
}

export const curriculum: Curriculum = parseCurriculum(raw);

/** Every lesson id in course order. */
export const lessonOrder: string[] = curriculum.modules.flatMap((m) => m.lessons);

/** The site path of a lesson. */
export function lessonHref(id: string): string {
  return `/${id}/`;
}

/** Position of a lesson in the course, or -1 when it is not listed. */
export function lessonIndex(id: string): number {
  return lessonOrder.indexOf(id);
}

/**
 * Prerequisite problems for one lesson: unknown ids, and ids that do not come strictly earlier.
 * Returns sentences naming the lesson and the offending prerequisite; empty when all is well.
 */
export function prerequisiteProblems(id: string, prerequisites: string[], order: string[] = lessonOrder): string[] {
  const at = order.indexOf(id);
  return prerequisites.flatMap((p) => {
    const pAt = order.indexOf(p);
    if (pAt === -1) return [`${id}: prerequisite "${p}" is not a lesson in the curriculum`];
    if (pAt >= at) return [`${id}: prerequisite "${p}" does not come before it in the course`];
    return [];
  });
}

/** Starlight sidebar groups, in course order. */
export function sidebarGroups(c: Curriculum = curriculum) {
  return c.modules.map((m) => ({ label: m.label, items: m.lessons.map((slug) => ({ slug })) }));
}
