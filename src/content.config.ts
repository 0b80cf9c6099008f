/**
 * Content collections. Lessons are Starlight's `docs` collection, loaded from `content/lessons/`
 * with the course's own frontmatter fields; quiz banks are YAML files in `content/quizzes/`,
 * validated by the quiz schema so a bad bank fails the build naming the file and question; design
 * exercises are YAML files in `content/design/`, validated by the design-exercise schema.
 */
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { docsSchema } from '@astrojs/starlight/schema';
import { lessonFieldsSchema } from './schemas/lesson.ts';
import { quizBankSchema } from './schemas/quiz.ts';
import { designExerciseSchema } from './schemas/design-exercise.ts';

export const collections = {
  docs: defineCollection({
    loader: glob({ pattern: '**/[^_]*.{md,mdx}', base: './content/lessons' }),
    schema: docsSchema({ extend: lessonFieldsSchema }),
  }),
  quizzes: defineCollection({
    loader: glob({ pattern: '*.yaml', base: './content/quizzes' }),
    schema: quizBankSchema,
  }),
  designs: defineCollection({
    loader: glob({ pattern: '*.yaml', base: './content/design' }),
    schema: designExerciseSchema,
  }),
};
