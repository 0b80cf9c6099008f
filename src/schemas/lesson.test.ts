import { describe, expect, it } from 'vitest';
import { lessonFieldsSchema } from './lesson.ts';

describe('lesson frontmatter', () => {
  const valid = {
    description: 'What CAP says, and what it does not, for engineers choosing a database.',
    objectives: [
      { id: 'explain-cap', text: 'Explain CAP precisely' },
      { id: 'choose-per-operation', text: 'Pick CP or AP per operation' },
    ],
    prerequisites: [],
    minutes: 20,
  };
  const drill = {
    prompt: 'Explain the CAP theorem to an interviewer in about a minute.',
    checklist: ['C is linearizability', 'A is a response from every non-failed node', 'P is not optional'],
    followUps: [{ question: 'Is Spanner CA?', answer: 'No: it is CP, and only effectively CA because partitions are rare.' }],
  };
  const issues = (data: unknown) => lessonFieldsSchema.safeParse(data).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];

  it('accepts a complete lesson', () => {
    expect(issues(valid)).toEqual([]);
  });
  it('rejects a description over 160 characters', () => {
    expect(lessonFieldsSchema.safeParse({ ...valid, description: 'x'.repeat(161) }).success).toBe(false);
  });
  it('rejects more than six objectives', () => {
    const many = Array.from({ length: 7 }, (_, i) => ({ id: `o${i}`, text: 'Explain something precisely' }));
    expect(lessonFieldsSchema.safeParse({ ...valid, objectives: many }).success).toBe(false);
  });
  it('needs a stable kebab-case id on every objective, unique in the lesson', () => {
    expect(lessonFieldsSchema.safeParse({ ...valid, objectives: ['Explain CAP precisely'] }).success).toBe(false);
    expect(issues({ ...valid, objectives: [{ id: 'Explain CAP', text: 'Explain CAP precisely' }] })).toEqual(['objectives.0.id: ids are kebab-case']);
    const twice = [valid.objectives[0], { ...valid.objectives[1], id: 'explain-cap' }];
    expect(issues({ ...valid, objectives: twice })).toEqual(['objectives.1.id: objective id "explain-cap" is used twice']);
  });
  it('defaults prerequisites and objectives to empty lists', () => {
    const parsed = lessonFieldsSchema.parse({ description: valid.description });
    expect(parsed.prerequisites).toEqual([]);
    expect(parsed.objectives).toEqual([]);
    expect(parsed.drill).toBeUndefined();
  });
  it('accepts a drill and gives it a 60-second timer by default', () => {
    const parsed = lessonFieldsSchema.parse({ ...valid, drill });
    expect(parsed.drill?.seconds).toBe(60);
  });
  it('rejects a drill without enough checklist points or follow-ups, naming the field', () => {
    expect(issues({ ...valid, drill: { ...drill, checklist: ['only one point'] } })).toEqual([
      'drill.checklist: Too small: expected array to have >=3 items',
    ]);
    expect(issues({ ...valid, drill: { ...drill, followUps: [] } })[0]).toMatch(/^drill\.followUps:/);
  });
});
