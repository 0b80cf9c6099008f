/**
 * The reader's design as a Markdown write-up: their questions, figures, architecture (with the
 * Mermaid source), mechanisms, the lab's scorecard when they ran it, their ranking, notes and
 * self-review. Pure text from the exercise's words and the reader's work; nothing is invented.
 */
import type { DesignExercise } from '../schemas/design-exercise.ts';
import { architectureDiagram } from './diagram.ts';
import { checkFigure, estimateById } from './estimates.ts';
import type { ComponentId, StepId } from './ids.ts';
import type { ScoreRow } from './scorecard.ts';
import type { DesignWork } from './work.ts';

/** Keep the reader's text from breaking a table row. */
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');

function notes(work: DesignWork, step: StepId): string[] {
  const text = work.notes[step]?.trim();
  return text ? ['', '**My notes.**', '', text] : [];
}

const STATUS: Record<ScoreRow['status'], string> = { met: '✓ met', missed: '✗ missed', pending: '… not run' };

function scoreLines(exercise: DesignExercise, rows: ScoreRow[] | null): string[] {
  if (!rows) return ['', 'Not run in the design lab yet.'];
  const out = ['', '| Requirement | Result | What showed it |', '| --- | --- | --- |'];
  for (const row of rows) {
    const req = exercise.requirements.find((r) => r.id === row.requirement);
    const broken = row.evidence.filter((e) => e.holds === false);
    const why = broken.length
      ? broken.map((e) => (e.kind === 'simulation' ? `${e.invariantTitle}: ${e.message ?? e.claim} (${e.protocol} / ${e.scenario})` : e.kind === 'formula' ? e.result : e.reason)).join('; ')
      : `${row.evidence.length} check${row.evidence.length === 1 ? '' : 's'} passed`;
    out.push(`| ${row.requirement} ${cell(req?.title ?? '')} | ${STATUS[row.status]} | ${cell(why)} |`);
  }
  return out;
}

export function writeUp(exercise: DesignExercise, work: DesignWork, rows: ScoreRow[] | null): string {
  const step = (id: StepId) => exercise.steps.find((s) => s.id === id)!;
  const labels = Object.fromEntries(exercise.components.map((c) => [c.id, c.label])) as Partial<Record<ComponentId, string>>;
  const lines: string[] = [`# ${exercise.title}`, '', `My design, written with Consistency Lab (saved ${work.saved.slice(0, 10)}).`];

  lines.push('', `## 1. ${step('clarify').title}`, '');
  const asked = work.asked.map((id) => exercise.clarify.find((q) => q.id === id)).filter((q) => q !== undefined);
  if (asked.length) for (const q of asked) lines.push(`- **${q.question}** ${q.answer}`);
  else lines.push('No clarifying questions asked.');
  lines.push('', '**Requirements.**', '', ...exercise.requirements.map((r) => `- ${r.id} ${r.title}: ${r.text}`), ...notes(work, 'clarify'));

  lines.push('', `## 2. ${step('estimate').title}`, '', '| Figure | Mine | Worked out |', '| --- | --- | --- |');
  for (const text of exercise.estimates) {
    const est = estimateById(text.id);
    const typed = work.figures[text.id]?.trim() ?? '';
    const verdict = checkFigure(est, typed).state === 'right' ? ' ✓' : '';
    lines.push(`| ${cell(text.question)} | ${typed ? cell(typed) + verdict : '—'} | ${est.answer.toLocaleString('en-US', { maximumFractionDigits: 2 })} ${est.unit} |`);
  }
  lines.push(...notes(work, 'estimate'));

  const diagram = architectureDiagram(work.components, work.mechanisms, labels);
  lines.push('', `## 3. ${step('architecture').title}`, '', work.components.length ? `Components: ${work.components.map((c) => labels[c] ?? c).join(', ')}.` : 'No components chosen.');
  if (work.components.length) lines.push('', '```mermaid', diagram.code, '```');
  lines.push(...notes(work, 'architecture'));

  lines.push('', `## 4. ${step('mechanisms').title}`, '');
  for (const mech of exercise.mechanisms) {
    const chosen = mech.options.find((o) => o.id === work.mechanisms[mech.id as keyof typeof work.mechanisms]);
    lines.push(chosen ? `- **${mech.question}** ${chosen.label}: ${chosen.summary} Cost: ${chosen.cost}` : `- **${mech.question}** Not decided.`);
  }
  lines.push(...notes(work, 'mechanisms'));

  lines.push('', `## 5. ${step('lab').title}`, ...scoreLines(exercise, rows), ...notes(work, 'lab'));

  lines.push('', `## 6. ${step('scaling').title}`, '');
  if (work.ranking.length) {
    work.ranking.forEach((id, i) => lines.push(`${i + 1}. ${exercise.bottlenecks.find((b) => b.id === id)?.title ?? id}`));
  } else lines.push('Bottlenecks not ranked.');
  lines.push(...notes(work, 'scaling'));

  lines.push('', `## 7. ${step('wrap-up').title}`, '');
  for (const group of exercise.rubric) for (const item of group.items) lines.push(`- [${work.rubric.includes(item.id) ? 'x' : ' '}] ${item.text}`);
  lines.push(...notes(work, 'wrap-up'), '');
  return lines.join('\n');
}
