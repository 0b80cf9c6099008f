// Content checks for the design exercise: the file matches its schema, and its model answer holds
// up in the lab: the recommended mechanisms and components meet every requirement when the
// simulations actually run, and nothing the model design needs is missing from its architecture.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { designExerciseSchema, type DesignExercise } from '../../src/schemas/design-exercise.ts';
import { missingComponents } from '../../src/design/diagram.ts';
import type { ComponentId, MechanismChoices } from '../../src/design/ids.ts';
import { labPlan } from '../../src/design/lab.ts';
import { runLabRun } from '../../src/design/run-lab.ts';
import { scorecard } from '../../src/design/scorecard.ts';

const dir = import.meta.dirname;
const files = readdirSync(dir).filter((f) => f.endsWith('.yaml'));

it('has at least one exercise', () => {
  expect(files.length).toBeGreaterThan(0);
});

describe.each(files)('design exercise %s', (file) => {
  const result = designExerciseSchema.safeParse(parse(readFileSync(join(dir, file), 'utf8')));

  it('matches the schema, and its id is its file name', () => {
    const issues = result.error?.issues.map((i) => `${file} ${i.path.join('.')}: ${i.message}`) ?? [];
    expect(issues).toEqual([]);
    expect(result.data?.id).toBe(file.replace(/\.yaml$/, ''));
  });

  it('recommends a design that meets every requirement in the lab', () => {
    const exercise = result.data as DesignExercise;
    const m = Object.fromEntries(exercise.mechanisms.map((x) => [x.id, x.recommended])) as MechanismChoices;
    const components = exercise.components.filter((c) => c.recommended).map((c) => c.id as ComponentId);
    expect(missingComponents(components, m)).toEqual([]);
    const outcomes = Object.fromEntries(labPlan(m).map((run) => [run.id, runLabRun(run)]));
    const rows = scorecard(m, components, outcomes);
    expect(rows.filter((r) => r.status !== 'met').map((r) => r.requirement)).toEqual([]);
  });

  it('names the page that embeds it', () => {
    const exercise = result.data as DesignExercise;
    const page = readFileSync(join(dir, '..', 'lessons', `${exercise.lesson}.mdx`), 'utf8');
    expect(page).toContain(`<DesignExercise exercise="${exercise.id}" />`);
  });

  it('leaves out the distractors', () => {
    const exercise = result.data as DesignExercise;
    const recommended = exercise.components.filter((c) => c.recommended).map((c) => c.id);
    expect(recommended).not.toContain('shared-db');
    expect(recommended).not.toContain('tx-coordinator');
  });
});
