import { describe, expect, it } from 'vitest';
import { lessonFieldsSchema } from './lesson.ts';

describe('lesson frontmatter', () => {
  const valid = {
    description: 'What CAP says, and what it does not, for engineers choosing a database.',
    objectives: ['Explain CAP precisely', 'Pick CP or AP per operation'],
    prerequisites: [],
    minutes: 20,
  };
  it('accepts a complete lesson', () => {
    expect(lessonFieldsSchema.safeParse(valid).success).toBe(true);
  });
  it('rejects a description over 160 characters', () => {
    expect(lessonFieldsSchema.safeParse({ ...valid, description: 'x'.repeat(161) }).success).toBe(false);
  });
  it('rejects more than six objectives', () => {
    expect(lessonFieldsSchema.safeParse({ ...valid, objectives: Array(7).fill('Explain something precisely') }).success).toBe(false);
  });
  it('defaults prerequisites and objectives to empty lists', () => {
    const parsed = lessonFieldsSchema.parse({ description: valid.description });
    expect(parsed.prerequisites).toEqual([]);
    expect(parsed.objectives).toEqual([]);
  });
});
