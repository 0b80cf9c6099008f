import { describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { readdirSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { checkClaims, claimHolds, preparePredict } from './predict.ts';
import SimQuestion from '../quiz/sim/SimQuestion.tsx';
import { quizBankSchema, type Question } from '../../schemas/quiz.ts';

const dir = new URL('../../../content/quizzes/', import.meta.url);
const simQuestions = readdirSync(dir)
  .filter((f) => f.endsWith('.yaml'))
  .flatMap((f) => {
    const bank = quizBankSchema.safeParse(parse(readFileSync(new URL(f, dir), 'utf8')));
    return bank.success ? bank.data.questions : [];
  })
  .filter((q): q is Extract<Question, { kind: 'predict' | 'break-it' }> => q.kind === 'predict' || q.kind === 'break-it');

describe('predict questions', () => {
  it('matches claims on state ids, sub-states and down nodes', () => {
    const v = (state: string | null, up = true) => ({ id: 'p1', role: 'participant', up, state, store: null, memory: null });
    expect(claimHolds(v('prepared'), 'prepared')).toBe(true);
    expect(claimHolds(v('recovering.asking'), 'recovering')).toBe(true);
    expect(claimHolds(v('prepared'), 'committed')).toBe(false);
    expect(claimHolds(v(null, false), 'down')).toBe(true);
    expect(claimHolds(undefined, 'prepared')).toBe(false);
  });

  it('reports a bad run instead of throwing', () => {
    expect(preparePredict({ protocol: 'two-phase-commit', scenario: 'all-vote-yes', flags: {}, choices: ['zz'] }, 'd1').ok).toBe(false);
    expect(preparePredict({ protocol: 'nope', scenario: 'x', flags: {}, choices: [] }, 'd1').ok).toBe(false);
    expect(preparePredict({ protocol: 'two-phase-commit', scenario: 'all-vote-yes', flags: {}, choices: [] }, 'd999').ok).toBe(false);
  });

  for (const q of simQuestions) {
    it(`renders ${q.kind} question ${q.id} on the server without crashing`, () => {
      if (q.kind === 'predict') {
        const prep = preparePredict(q.run, q.next);
        expect(prep.ok, prep.ok ? '' : prep.error).toBe(true);
        if (prep.ok) expect(checkClaims(prep, q.options.map((o) => o.claim))).toHaveLength(q.options.length);
      }
      const html = renderToString(createElement(SimQuestion, { question: q, onAnswered: () => {} }));
      expect(html).not.toMatch(/could not (start|be replayed)/);
      expect(html.length).toBeGreaterThan(100);
    });
  }
});
