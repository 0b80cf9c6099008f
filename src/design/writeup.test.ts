import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { designExerciseSchema } from '../schemas/design-exercise.ts';
import type { MechanismChoices } from './ids.ts';
import { labPlan } from './lab.ts';
import { runLabRun } from './run-lab.ts';
import { scorecard } from './scorecard.ts';
import { emptyWork, type DesignWork } from './work.ts';
import { writeUp } from './writeup.ts';

const exercise = designExerciseSchema.parse(parse(readFileSync(join(import.meta.dirname, '../../content/design/order-payment.yaml'), 'utf8')));
const m: MechanismChoices = { agreement: 'orchestrated-saga', publishing: 'dual-write', consuming: 'idempotent', statusReads: 'read-model-token', concurrency: 'version-check' };

function work(): DesignWork {
  return {
    ...emptyWork('2026-12-04T10:00:00.000Z'),
    asked: [exercise.clarify[0].id],
    figures: { 'update-rate': '200k', 'broker-partitions': '7' },
    components: ['gateway', 'order-service', 'order-db', 'broker'],
    mechanisms: m,
    ranking: ['write-contention', 'broker-throughput'],
    notes: { clarify: 'Ask about | pipes\nand lines', scaling: 'Partition by order id.' },
    rubric: [exercise.rubric[0].items[0].id],
  };
}

describe('the write-up', () => {
  it('has a section per step and carries the reader’s answers', () => {
    const md = writeUp(exercise, work(), null);
    for (const s of exercise.steps) expect(md).toContain(`## ${exercise.steps.indexOf(s) + 1}. ${s.title}`);
    expect(md).toContain(exercise.clarify[0].question);
    expect(md).toContain('| 200k ✓ |');
    expect(md).toContain('| 7 |');
    expect(md).toContain('```mermaid\nflowchart TD');
    expect(md).toContain('Partition by order id.');
    expect(md).toContain(`- [x] ${exercise.rubric[0].items[0].text}`);
    expect(md).toContain('Not run in the design lab yet.');
  });

  it('keeps a reader’s pipe from breaking a table row', () => {
    const md = writeUp(exercise, { ...work(), figures: { 'update-rate': '2 | 3' } }, null);
    expect(md).toContain('2 \\| 3');
  });

  it('reports the lab’s verdicts, naming what broke', () => {
    const outcomes = Object.fromEntries(labPlan(m).map((r) => [r.id, runLabRun(r)]));
    const md = writeUp(exercise, work(), scorecard(m, work().components, outcomes));
    expect(md).toMatch(/\| FR2 .* \| ✗ missed \| No lost event: .*\(outbox \/ crash-after-commit\)/);
    expect(md).toMatch(/\| FR4 .* \| ✓ met \|/);
  });

  it('says what is missing instead of inventing it', () => {
    const md = writeUp(exercise, emptyWork('2026-12-04T10:00:00.000Z'), null);
    expect(md).toContain('No clarifying questions asked.');
    expect(md).toContain('No components chosen.');
    expect(md).toContain('Not decided.');
    expect(md).toContain('Bottlenecks not ranked.');
  });
});
