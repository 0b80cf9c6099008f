/**
 * No bank may be passable by position: every bank's answer key is checked against the balance
 * rules of `keyBalanceProblems` (src/schemas/quiz.ts): no position holds more than 1.6 times its
 * chance share of single and predict answers (40% with four options; two always allowed), at most
 * a third of multiple-choice keys are prefixes ([0, 1]…), and no position is right in every or in
 * no multiple-choice question. A failure names the bank and the position; fix it by reordering
 * options (and `answer`/`answers`), never by rewording.
 *
 * Generic: it reads every bank in content/quizzes/, so new banks are covered without touching this file.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { keyBalanceProblems, quizBankSchema } from '../../src/schemas/quiz.ts';

const dir = fileURLToPath(new URL('.', import.meta.url));
const bankFiles = readdirSync(dir)
  .filter((f) => f.endsWith('.yaml'))
  .sort();

describe.each(bankFiles)('quiz bank %s', (file) => {
  it('keys its answers at balanced positions', () => {
    const parsed = quizBankSchema.safeParse(parse(readFileSync(join(dir, file), 'utf8')));
    if (!parsed.success) return; // content.test.ts reports schema errors
    expect(keyBalanceProblems(parsed.data).map((p) => `${file}: ${p}`)).toEqual([]);
  });
});
