/**
 * The curriculum file's schema (`content/curriculum.yaml`): modules in course order, each listing
 * docs ids of written lessons. Describes data only.
 */
import { z } from 'zod';

export const curriculumSchema = z.object({
  modules: z
    .array(
      z.object({
        /** Stable module id (kebab-case). */
        id: z.string().regex(/^[a-z0-9-]+$/),
        /** Sidebar group label. */
        label: z.string().min(1),
        /** One sentence for the home page's course map. */
        summary: z.string().min(1),
        /** Docs ids of written lessons, in reading order. */
        lessons: z.array(z.string().min(1)).min(1),
      }),
    )
    .min(1),
});

export type Curriculum = z.infer<typeof curriculumSchema>;
