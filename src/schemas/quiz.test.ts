import { describe, expect, it } from 'vitest';
import { historyProblems, keyBalanceProblems, quizBankSchema } from './quiz.ts';

const option = (text: string) => ({ text, explanation: `Why ${text} is or is not right.` });
const single = (id: string, answer = 0) => ({
  id,
  kind: 'single',
  difficulty: 'easy',
  prompt: 'Which one?',
  hint: 'Think about partitions.',
  options: [option('a'), option('b')],
  answer,
});
const historyQ = (id: string, operations: unknown[], extra: Record<string, unknown> = {}) => ({
  id,
  kind: 'history',
  difficulty: 'medium',
  prompt: 'Which models?',
  hint: 'Look at real time.',
  history: { initial: 0, operations },
  options: [
    { model: 'linearizable', explanation: 'Why.' },
    { model: 'sequential', explanation: 'Why.' },
  ],
  answers: [1],
  ...extra,
});
const w = (client: string, value: number, invoked: number, answered: number) => ({ client, op: 'write', value, invoked, answered });
const r = (client: string, value: number | null, invoked: number, answered: number) => ({ client, op: 'read', value, invoked, answered });
const bank = (...questions: unknown[]) => ({ title: 'Bank', lesson: 'foundations/cap', questions });
const messages = (data: unknown) => quizBankSchema.safeParse(data).error?.issues.map((i) => i.message) ?? [];

describe('quiz bank schema', () => {
  it('accepts a valid bank of every static kind', () => {
    const result = quizBankSchema.safeParse(
      bank(
        single('one'),
        { ...single('two'), kind: 'multiple', answers: [0, 1], answer: undefined },
        { id: 'three', kind: 'ordering', difficulty: 'hard', prompt: 'Order', hint: 'h', items: ['x', 'y', 'z'], explanation: 'e' },
      ),
    );
    expect(result.success, JSON.stringify(result.error?.issues)).toBe(true);
  });

  it('names the question whose answer index is out of range', () => {
    expect(messages(bank(single('ok'), single('bad-index', 5)))).toContain(
      'question "bad-index": answer 5 is out of range (options 0 to 1)',
    );
  });

  it('names a duplicate id', () => {
    expect(messages(bank(single('same'), single('same')))).toContain('question "same": duplicate id');
  });

  it('requires an explanation on every option', () => {
    const q = { ...single('no-expl'), options: [option('a'), { text: 'b' }] };
    expect(quizBankSchema.safeParse(bank(q)).success).toBe(false);
  });

  it('requires a hint', () => {
    const { hint: _hint, ...q } = single('no-hint');
    expect(quizBankSchema.safeParse(bank(q)).success).toBe(false);
  });

  it('rejects out-of-range and repeated multiple-choice answers', () => {
    const q = { ...single('multi'), kind: 'multiple', answers: [1, 1, 3] };
    const found = messages(bank(q));
    expect(found).toContain('question "multi": answer 3 is out of range (options 0 to 1)');
    expect(found).toContain('question "multi": answers repeat an index');
  });

  it('rejects an unknown kind and a non-kebab id', () => {
    expect(quizBankSchema.safeParse(bank({ ...single('x'), kind: 'essay' })).success).toBe(false);
    expect(quizBankSchema.safeParse(bank(single('Not Kebab'))).success).toBe(false);
  });

  it('accepts predict and break-it questions and checks the predict answer range', () => {
    const run = { protocol: 'two-phase-commit', scenario: 'all-vote-yes', choices: ['d1'] };
    const predict = {
      ...single('predict-one', 2),
      kind: 'predict',
      run,
      next: 'd2',
      options: [
        { ...option('commits'), claim: { node: 'p1', state: 'committed' } },
        { ...option('aborts'), claim: { node: 'p1', state: 'aborted' } },
      ],
    };
    const breakIt = {
      id: 'break-one',
      kind: 'break-it',
      difficulty: 'hard',
      prompt: 'Break atomicity.',
      hint: 'Crash something.',
      run,
      invariant: 'atomicity',
      maxFaults: 1,
      explanation: 'Because.',
      solution: ['c.c'],
    };
    expect(messages(bank(predict, breakIt))).toEqual(['question "predict-one": answer 2 is out of range (options 0 to 1)']);
  });
});

describe('history questions', () => {
  it('accepts a history question and names each option by its model', () => {
    const parsed = quizBankSchema.parse(bank(historyQ('stale', [w('A', 1, 0, 10), r('B', 0, 20, 25)])));
    const q = parsed.questions[0];
    expect(q.kind === 'history' && q.options.map((o) => o.text)).toEqual(['Linearizability', 'Sequential consistency']);
    expect(q.kind === 'history' && q.history.unit).toBe('ms');
  });

  it('names the question and the operation of a malformed history', () => {
    expect(messages(bank(historyQ('backwards', [w('A', 1, 10, 5), r('B', 1, 20, 25)])))).toContain(
      'question "backwards": history: operation 1 (client A\'s write of 1) is answered at 5, not after its invoke at 10',
    );
    expect(messages(bank(historyQ('overlap', [w('A', 1, 0, 10), r('A', 1, 5, 15)])))).toContain(
      'question "overlap": history: operation 2 (client A\'s read of 1) is invoked at 5, before operation 1 (client A\'s write of 1) is answered at 10: a client has one operation in flight',
    );
    expect(messages(bank(historyQ('twice', [w('A', 1, 0, 10), w('B', 1, 5, 15)])))).toContain(
      'question "twice": history: operation 2 (client B\'s write of 1) writes the same value as operation 1 (client A\'s write of 1); every write needs a distinct value',
    );
    expect(historyProblems({ initial: 0, unit: 'ms', operations: [{ client: 'A', op: 'write', value: 0, invoked: 0, answered: 1 }] })).toEqual([
      "operation 1 (client A's write of 0) writes the initial value; every write needs a distinct value",
    ]);
  });

  it('rejects a repeated model, an unknown model, an unknown field and an out-of-range answer', () => {
    const ops = [w('A', 1, 0, 10), r('B', 1, 20, 25)];
    const twice = { options: [{ model: 'sequential', explanation: 'e' }, { model: 'sequential', explanation: 'e' }] };
    expect(messages(bank(historyQ('same-model', ops, twice)))).toContain('question "same-model": options repeat a model');
    expect(messages(bank(historyQ('range', ops, { answers: [2] })))).toContain('question "range": answer 2 is out of range (options 0 to 1)');
    expect(quizBankSchema.safeParse(bank(historyQ('causal', ops, { options: [{ model: 'causal', explanation: 'e' }, { model: 'sequential', explanation: 'e' }] }))).success).toBe(false);
    expect(quizBankSchema.safeParse(bank(historyQ('typo', [{ ...w('A', 1, 0, 10), answerd: 3 }, r('B', 1, 20, 25)]))).success).toBe(false);
    expect(quizBankSchema.safeParse(bank(historyQ('none', ops, { answers: [] }))).success).toBe(false);
  });
});

describe('answer key balance', () => {
  let n = 0;
  const opts = (count: number) => Array.from({ length: count }, (_, i) => option(String.fromCharCode(97 + i)));
  const one = (answer: number, count = 4, kind = 'single') => ({ ...single(`${kind}-${++n}`, answer), kind, options: opts(count) });
  const many = (answers: number[], count = 4) => ({ ...single(`multi-${++n}`), kind: 'multiple', options: opts(count), answers });
  const problems = (...questions: unknown[]) => keyBalanceProblems(quizBankSchema.parse(bank(...questions)));

  it('accepts an even spread, and small groups with two answers at one position', () => {
    expect(problems(one(0), one(1), one(2), one(3), one(0), one(1), one(2), one(3), one(1), one(2))).toEqual([]);
    expect(problems(one(0), one(0), one(1))).toEqual([]);
  });

  it('rejects a position holding more than 40% of four-option answers, or all three of a small group', () => {
    // Ten four-option answers: at most 4 at one position.
    expect(problems(one(0), one(0), one(0), one(0), one(0), one(1), one(2), one(3), one(1), one(2))).toEqual([
      'position 0 holds 5 of the 10 single and predict answers (at most 4 allowed)',
    ]);
    expect(problems(one(2), one(2), one(2))).toEqual(['position 2 holds 3 of the 3 single and predict answers (at most 2 allowed)']);
  });

  it('scales the limit with the number of options (two-option questions may lean further)', () => {
    // Five true/false questions: chance share 2.5 per position, limit 4.
    expect(problems(one(0, 2), one(0, 2), one(0, 2), one(0, 2), one(1, 2))).toEqual([]);
    expect(problems(one(0, 2), one(0, 2), one(0, 2), one(0, 2), one(0, 2))).toEqual(['position 0 holds 5 of the 5 single and predict answers (at most 4 allowed)']);
  });

  it('checks predict answers on their own too', () => {
    const predict = (answer: number) => ({
      ...one(answer, 3, 'predict'),
      run: { protocol: 'two-phase-commit', scenario: 's' },
      next: 'd1',
      options: ['x', 'y', 'z'].map((t) => ({ ...option(t), claim: { node: 'c', state: t } })),
    });
    const found = problems(predict(0), predict(0), predict(0), one(1), one(2), one(3), one(0), one(1), one(2), one(3));
    expect(found).toEqual(['position 0 holds 3 of the 3 predict answers (at most 2 allowed)']);
  });

  it('rejects multiple-choice keys that are mostly prefixes', () => {
    n = 0;
    expect(problems(many([0, 1]), many([0, 1, 2]), many([1, 3]))).toEqual([
      '2 of the 3 multiple-choice keys are the first options in a row (multi-1, multi-2); at most 1 allowed',
      'position 1 is right in every one of the 3 multiple-choice questions that have it',
    ]);
  });

  it('rejects a multiple-choice position that is always or never right', () => {
    expect(problems(many([0, 2]), many([0, 3]), many([0, 1, 3]))).toEqual(['position 0 is right in every one of the 3 multiple-choice questions that have it']);
    expect(problems(many([1, 3]), many([0, 3]), many([0, 1]))).toEqual(['position 2 is right in none of the 3 multiple-choice questions that have it']);
    expect(problems(many([1, 3]), many([0, 2, 3]), many([0, 1]))).toEqual([]);
    // Positions only two questions have are not judged; a question whose every option is right is no prefix.
    expect(problems(many([0, 1], 2), many([1, 2]), many([0, 2, 3]), many([1, 3, 4], 5))).toEqual([]);
  });

  it('applies the tick-every-one rules to history questions, on their own and with multiple choice', () => {
    const ops = [w('A', 1, 0, 10), r('B', 0, 20, 25)];
    const hist = (id: string, answers: number[]) => historyQ(id, ops, { answers });
    expect(problems(hist('h-a', [0]), hist('h-b', [0]), hist('h-c', [1]))).toEqual([
      '2 of the 3 history keys are the first options in a row (h-a, h-b); at most 1 allowed',
    ]);
    // Fine together with the multiple-choice questions, yet always right at position 1 among history questions alone.
    expect(problems(many([1, 3]), many([0, 2, 3]), hist('h-d', [1]), hist('h-e', [1]), hist('h-f', [1]))).toEqual([
      'position 0 is right in none of the 3 history questions that have it',
      'position 1 is right in every one of the 3 history questions that have it',
    ]);
  });
});
