/**
 * Grades every `history` question's answer key with the project's own consistency checkers
 * (sandboxes/consistency): each offered model must be keyed right exactly when `classify` says the
 * history satisfies it. A failure names the bank, the question and the model, with the checker's
 * explanation when the history breaks it.
 *
 * Generic: it reads every bank in content/quizzes/, so new banks are covered without touching this file.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { quizBankSchema, type Question } from '../../src/schemas/quiz.ts';
import { classify, type History, type Operation } from '../../sandboxes/consistency/index.ts';

const dir = fileURLToPath(new URL('.', import.meta.url));
const bankFiles = readdirSync(dir)
  .filter((f) => f.endsWith('.yaml'))
  .sort();

type HistoryQuestion = Extract<Question, { kind: 'history' }>;

/** The checkers' history: every operation `ok`, in invoke order, the authored times as the clock. */
function toCheckerHistory(h: HistoryQuestion['history']): History {
  const sorted = [...h.operations].sort((a, b) => a.invoked - b.invoked || a.answered - b.answered);
  const ops: Operation[] = sorted.map((o, id) => {
    const common = { id, process: o.client, invoke: o.invoked, response: o.answered, outcome: 'ok' as const };
    return o.op === 'write' ? { ...common, f: 'write', value: o.value } : { ...common, f: 'read', result: o.value };
  });
  return { model: 'register', initial: h.initial, ops, clock: h.unit };
}

const questions = bankFiles.flatMap((file) => {
  const parsed = quizBankSchema.safeParse(parse(readFileSync(join(dir, file), 'utf8')));
  if (!parsed.success) return []; // content.test.ts reports schema errors
  return parsed.data.questions.filter((q): q is HistoryQuestion => q.kind === 'history').map((q) => [file, q] as const);
});

describe.skipIf(questions.length === 0).each(questions)('%s: history question', (file, q) => {
  it(`${q.id}: keys exactly the models the checkers find`, () => {
    const verdicts = classify(toCheckerHistory(q.history));
    const wrong = q.options.flatMap((o, i) => {
      const keyed = q.answers.includes(i);
      const v = verdicts[o.model];
      if (keyed === v.holds) return [];
      return [
        `${file}: question "${q.id}": model ${o.model} is keyed as ${keyed ? 'satisfied' : 'not satisfied'}, but the checker says it ${v.holds ? 'holds' : `does not hold (${v.explanation})`}`,
      ];
    });
    expect(wrong).toEqual([]);
  });
});

describe('toCheckerHistory', () => {
  it('orders operations by invoke and keeps the authored times', () => {
    const h = toCheckerHistory({
      initial: 0,
      unit: 'ms',
      operations: [
        { client: 'B', op: 'read', value: 1, invoked: 10, answered: 20 },
        { client: 'A', op: 'write', value: 1, invoked: 0, answered: 40 },
      ],
    });
    expect(h.ops.map((o) => [o.id, o.process, o.f, o.invoke, o.response])).toEqual([
      [0, 'A', 'write', 0, 40],
      [1, 'B', 'read', 10, 20],
    ]);
    expect(classify(h).linearizable.holds).toBe(true);
  });
});
