/**
 * The quiz bank schema: what a `content/quizzes/*.yaml` file may contain.
 *
 * Validated at build time through the `quizzes` content collection, and in unit tests directly.
 * Every error names the question id it concerns, so a bad bank fails the build with a message an
 * author can act on. This module only describes data: it never renders or grades.
 */
import { z } from 'zod';

/** How hard a question is; banks are expected to span all three. */
export const difficultySchema = z.enum(['easy', 'medium', 'hard']);

/** One answer option with its own explanation (shown after answering, right or wrong). */
export const optionSchema = z.object({
  /** The option as the reader sees it. Inline Markdown (`code`, *emphasis*) is allowed. */
  text: z.string().min(1),
  /** Why this option is right or wrong. Required for every option: a bare "wrong" teaches nothing. */
  explanation: z.string().min(1, 'every option needs an explanation'),
});

/** Fields every question kind shares. */
const baseQuestion = {
  /** Stable id, unique within the bank: kebab-case. Saved progress refers to questions by it. */
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'ids are kebab-case'),
  /** How hard it is. */
  difficulty: difficultySchema,
  /** The question itself. Inline Markdown allowed. */
  prompt: z.string().min(1),
  /** A nudge shown on request, before answering. Must not give the answer away. */
  hint: z.string().min(1, 'every question needs a hint'),
  /** Ids of lessons (docs collection ids, e.g. `foundations/cap`) that teach what this question tests. */
  lessons: z.array(z.string()).default([]),
  /**
   * Ids of the objectives of the bank's lesson (frontmatter `objectives[].id`) that this question
   * tests; at least one in a lesson's bank. Ids rather than positions, so objectives can be
   * reworded and reordered without remapping. A content test fails on an unknown id, and on an
   * objective that no question tests. Mastery per objective is computed from these.
   */
  objectives: z.array(z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'objective ids are kebab-case')).default([]),
};

/** Pick exactly one option. */
export const singleChoiceSchema = z.object({
  ...baseQuestion,
  kind: z.literal('single'),
  options: z.array(optionSchema).min(2),
  /** Index of the right option (0-based). */
  answer: z.number().int().nonnegative(),
});

/** Pick every option that applies (at least one). */
export const multipleChoiceSchema = z.object({
  ...baseQuestion,
  kind: z.literal('multiple'),
  options: z.array(optionSchema).min(2),
  /** Indices of all right options (0-based), no repeats. */
  answers: z.array(z.number().int().nonnegative()).min(1),
});

/** Put the items in order. Items are listed in the right order here; each round starts them shuffled with no item in its place. */
export const orderingSchema = z.object({
  ...baseQuestion,
  kind: z.literal('ordering'),
  /** The items, in the correct order. */
  items: z.array(z.string().min(1)).min(3),
  /** Why this order is the right one. */
  explanation: z.string().min(1),
});

/** A run of a protocol in the sandbox, referenced by protocol, scenario, flags and choice tokens. */
export const simulationRunSchema = z.object({
  /** Protocol id, e.g. `two-phase-commit`. */
  protocol: z.string().min(1),
  /** Scenario id within that protocol. */
  scenario: z.string().min(1),
  /** Flag overrides on top of the scenario's configuration. */
  flags: z.record(z.string(), z.boolean()).default({}),
  /** Choices after the scenario's prefix, as run tokens (see the kernel's run codec). */
  choices: z.array(z.string()).default([]),
});

/** Something that is true or false of one node after a step: used to check predict answers. */
export const nodeClaimSchema = z.object({
  /** The node, e.g. `p2`. */
  node: z.string().min(1),
  /** Its state id after the step (dot-separated), e.g. `aborted`. */
  state: z.string().min(1),
});

/** Predict: a run is shown; which option says what happens when the next choice is taken? */
export const predictSchema = z.object({
  ...baseQuestion,
  kind: z.literal('predict'),
  /** The run shown to the reader. */
  run: simulationRunSchema,
  /** The next choice, as a run token. The reader predicts its effect. */
  next: z.string().min(1),
  /** Each option carries a claim the simulator can check after `next`. Exactly the answer's claim must hold. */
  options: z.array(optionSchema.extend({ claim: nodeClaimSchema })).min(2),
  answer: z.number().int().nonnegative(),
});

/** Break it: from the scenario's start, reach a violation of an invariant spending at most `maxFaults` faults. */
export const breakItSchema = z.object({
  ...baseQuestion,
  kind: z.literal('break-it'),
  /** The starting point (its `choices` are usually empty). */
  run: simulationRunSchema,
  /** Invariant name the reader must break. */
  invariant: z.string().min(1),
  /** Most faults (crash, drop, duplicate, partition) the reader may spend. */
  maxFaults: z.number().int().min(0).max(4),
  /** What the shortest breaking run teaches, shown after success. */
  explanation: z.string().min(1),
  /**
   * The run the explanation walks through, as choice tokens after `run.choices`: a test replays
   * it and checks that it breaks the invariant within `maxFaults`, so the explanation can be done.
   */
  solution: z.array(z.string().min(1)).min(1),
});

/**
 * The consistency models a `history` question may offer, strongest first; the names are those of
 * the checkers' `classify` (sandboxes/consistency/index.ts), which grades every such question.
 */
export const HISTORY_MODELS = ['linearizable', 'sequential', 'read-your-writes', 'monotonic-reads', 'monotonic-writes', 'writes-follow-reads'] as const;
export type HistoryModel = (typeof HISTORY_MODELS)[number];

/** How the quiz names each model: the option's text. */
export const HISTORY_MODEL_LABEL: Record<HistoryModel, string> = {
  linearizable: 'Linearizability',
  sequential: 'Sequential consistency',
  'read-your-writes': 'Read-your-writes',
  'monotonic-reads': 'Monotonic reads',
  'monotonic-writes': 'Monotonic writes',
  'writes-follow-reads': 'Writes-follow-reads',
};

/** A value a register holds: a number or a short string; null is "never written". */
const registerValueSchema = z.union([z.number().finite(), z.string().min(1), z.null()]);

/** One completed client operation on the register, in the quiz's own compact shape. */
export const historyOperationSchema = z
  .object({
    /** The client (session) that issued it, e.g. `A`. One client never has two operations in flight. */
    client: z.string().min(1),
    /** `write` or `read`. */
    op: z.enum(['write', 'read']),
    /** A write: the value written (every write in a history writes a distinct value). A read: the value it returned. */
    value: registerValueSchema,
    /** When the client invoked it, in the history's `unit`. */
    invoked: z.number().finite().nonnegative(),
    /** When the client got its answer, strictly after `invoked`. */
    answered: z.number().finite(),
  })
  .strict();

/**
 * A history of one register: its initial value and the operations of every client with their
 * invoke and answer times. The content test turns it into the checkers' history (each operation
 * `ok`, times as the clock), so the times alone decide what overlaps: a precedes b when a was
 * answered strictly before b was invoked.
 */
export const historySchema = z
  .object({
    /** The register's value before any operation. */
    initial: registerValueSchema,
    /** What the times count, shown in the table and timeline (`ms` by default). */
    unit: z.string().min(1).default('ms'),
    /** The operations, any order (shown sorted by invoke time); at least two. */
    operations: z.array(historyOperationSchema).min(2),
  })
  .strict();

/** An option of a `history` question: a model, and why the history does or does not satisfy it. Its `text` is the model's label. */
export const historyOptionSchema = z
  .object({
    /** The model this option names; each at most once per question. */
    model: z.enum(HISTORY_MODELS),
    /** Why the history satisfies this model, or which operations break it. */
    explanation: z.string().min(1, 'every option needs an explanation'),
  })
  .strict()
  .transform((o) => ({ ...o, text: HISTORY_MODEL_LABEL[o.model] }));

/**
 * Which models does this history satisfy? The history is drawn as a table and a timeline; the
 * reader ticks every model it satisfies, graded like `multiple`. A content test
 * (content/quizzes/history-questions.test.ts) runs the consistency checkers on every such question
 * and fails when `answers` differ from their verdicts.
 */
export const historyQuestionSchema = z.object({
  ...baseQuestion,
  kind: z.literal('history'),
  /** The history the reader judges. */
  history: historySchema,
  /** Models offered, from the fixed set, no repeats. */
  options: z.array(historyOptionSchema).min(2),
  /** Indices of the options whose model the history satisfies (0-based), no repeats; at least one (offer a model it satisfies). */
  answers: z.array(z.number().int().nonnegative()).min(1),
});

/**
 * Problems with a history as authored, one sentence each naming the operation (1-based, as
 * listed): an answer not after its invoke, two operations of one client in flight at once, two
 * writes of one value or a write of the initial value (the session checkers tell writes apart by
 * value).
 */
export function historyProblems(h: z.infer<typeof historySchema>): string[] {
  const problems: string[] = [];
  const name = (i: number) => `operation ${i + 1} (client ${h.operations[i].client}'s ${h.operations[i].op} of ${JSON.stringify(h.operations[i].value)})`;
  h.operations.forEach((o, i) => {
    if (!(o.answered > o.invoked)) problems.push(`${name(i)} is answered at ${o.answered}, not after its invoke at ${o.invoked}`);
  });
  const byClient = new Map<string, number[]>();
  h.operations.forEach((o, i) => byClient.set(o.client, [...(byClient.get(o.client) ?? []), i]));
  for (const idx of byClient.values()) {
    const sorted = [...idx].sort((a, b) => h.operations[a].invoked - h.operations[b].invoked);
    for (let k = 1; k < sorted.length; k++) {
      const prev = h.operations[sorted[k - 1]];
      if (h.operations[sorted[k]].invoked <= prev.answered) {
        problems.push(`${name(sorted[k])} is invoked at ${h.operations[sorted[k]].invoked}, before ${name(sorted[k - 1])} is answered at ${prev.answered}: a client has one operation in flight`);
      }
    }
  }
  const written = new Map<string, number>();
  h.operations.forEach((o, i) => {
    if (o.op !== 'write') return;
    const key = JSON.stringify(o.value);
    if (o.value === h.initial) problems.push(`${name(i)} writes the initial value; every write needs a distinct value`);
    const first = written.get(key);
    if (first !== undefined) problems.push(`${name(i)} writes the same value as ${name(first)}; every write needs a distinct value`);
    else written.set(key, i);
  });
  return problems;
}

export const questionSchema = z.discriminatedUnion('kind', [
  singleChoiceSchema,
  multipleChoiceSchema,
  orderingSchema,
  predictSchema,
  breakItSchema,
  historyQuestionSchema,
]);

/** A whole bank file. Cross-field rules (answer ranges, duplicate ids) are checked here, naming the question. */
export const quizBankSchema = z
  .object({
    /** Bank title shown above the quiz. */
    title: z.string().min(1),
    /** Lesson this bank belongs to (docs id), or null for mixed practice banks. */
    lesson: z.string().nullable().default(null),
    /** The questions, in the order a first-time reader should meet them. */
    questions: z.array(questionSchema).min(1),
  })
  .superRefine((bank, ctx) => {
    const seen = new Set<string>();
    bank.questions.forEach((q, i) => {
      const at = (msg: string, ...path: (string | number)[]) =>
        ctx.addIssue({ code: 'custom', message: `question "${q.id}": ${msg}`, path: ['questions', i, ...path] });
      if (seen.has(q.id)) at('duplicate id');
      seen.add(q.id);
      if ((q.kind === 'single' || q.kind === 'predict') && q.answer >= q.options.length) {
        at(`answer ${q.answer} is out of range (options 0 to ${q.options.length - 1})`, 'answer');
      }
      if (q.kind === 'multiple' || q.kind === 'history') {
        q.answers.forEach((a, j) => {
          if (a >= q.options.length) at(`answer ${a} is out of range (options 0 to ${q.options.length - 1})`, 'answers', j);
        });
        if (new Set(q.answers).size !== q.answers.length) at('answers repeat an index', 'answers');
      }
      if (q.kind === 'history') {
        const models = q.options.map((o) => o.model);
        if (new Set(models).size !== models.length) at('options repeat a model', 'options');
        for (const p of historyProblems(q.history)) at(`history: ${p}`, 'history');
      }
      if (new Set(q.objectives).size !== q.objectives.length) at('objectives repeat an id', 'objectives');
      if (q.kind === 'ordering' && new Set(q.items).size !== q.items.length) at('ordering items must be distinct', 'items');
    });
  });

export type Difficulty = z.infer<typeof difficultySchema>;
export type Question = z.infer<typeof questionSchema>;
export type QuizBank = z.infer<typeof quizBankSchema>;
export type SimulationRun = z.infer<typeof simulationRunSchema>;

/**
 * Whether a bank's answer key leans on positions a reader could learn instead of the subject
 * ("the right answer is usually first", "tick the first two"). The quiz shuffles options every
 * round, so this guards the authored order itself: the order a reader meets when a script fails,
 * in the source, and in anything that renders a bank without shuffling. Returns one sentence per
 * problem, naming the bank's positions (0-based, as in `answer`); empty when balanced.
 *
 * The rules (content/quizzes/balance.test.ts applies them to every bank):
 *
 * 1. One-answer kinds (`single` and `predict`, taken together and each kind on its own): no
 *    option position may be the answer more than 1.6 times as often as chance would make it.
 *    Chance gives a position 1/k of each question with k options that has that position, so for
 *    four-option questions the limit is 40% of the answers. Small groups always may put two
 *    answers at one position (three of three is still too many).
 * 2. `multiple` and `history` (tick every option that applies), together and each kind on its
 *    own: at most a third of the bank's questions (always at least one) may be keyed as a
 *    prefix, the first few options and nothing else ([0], [0, 1], [0, 1, 2]…), not counting
 *    questions where every option is right.
 * 3. `multiple` and `history`, likewise: a position that at least three questions have must be
 *    right in some of them and wrong in some ("always tick the first", "never tick the fourth").
 *
 * Fix a problem by reordering options and updating `answer`/`answers`, never by rewording.
 */
export function keyBalanceProblems(bank: Pick<QuizBank, 'questions'>): string[] {
  const problems: string[] = [];
  const oneAnswer = bank.questions.filter((q): q is Extract<Question, { kind: 'single' | 'predict' }> => q.kind === 'single' || q.kind === 'predict');
  const groups: [string, typeof oneAnswer][] = [['single and predict answers', oneAnswer]];
  // Each kind on its own too, unless it is the whole group already.
  for (const kind of ['single', 'predict'] as const) {
    const only = oneAnswer.filter((q) => q.kind === kind);
    if (only.length > 0 && only.length < oneAnswer.length) groups.push([`${kind} answers`, only]);
  }
  for (const [label, group] of groups) {
    const width = Math.max(0, ...group.map((q) => q.options.length));
    for (let p = 0; p < width; p++) {
      const fair = group.reduce((sum, q) => sum + (q.options.length > p ? 1 / q.options.length : 0), 0);
      const limit = Math.max(2, Math.floor(1.6 * fair + 1e-9));
      const held = group.filter((q) => q.answer === p).length;
      if (held > limit) problems.push(`position ${p} holds ${held} of the ${group.length} ${label} (at most ${limit} allowed)`);
    }
  }

  // Tick-every-one kinds: together, and each kind on its own too unless it is the whole group.
  const multiple = bank.questions.filter((q): q is Extract<Question, { kind: 'multiple' | 'history' }> => q.kind === 'multiple' || q.kind === 'history');
  const LABEL = { multiple: 'multiple-choice', history: 'history' } as const;
  const kinds = (['multiple', 'history'] as const).filter((k) => multiple.some((q) => q.kind === k));
  const tickGroups: [string, typeof multiple][] = [[kinds.map((k) => LABEL[k]).join(' and '), multiple]];
  if (kinds.length > 1) for (const k of kinds) tickGroups.push([LABEL[k], multiple.filter((q) => q.kind === k)]);
  for (const [label, group] of tickGroups) problems.push(...tickAllProblems(label, group));
  return problems;
}

/** Rules 2 and 3 of `keyBalanceProblems` for one group of tick-every-one questions. */
function tickAllProblems(label: string, multiple: Extract<Question, { kind: 'multiple' | 'history' }>[]): string[] {
  const problems: string[] = [];
  const keyed = multiple.map((q) => new Set(q.answers));
  const prefixes = multiple.filter((q, i) => q.answers.length < q.options.length && q.answers.every((_, j) => keyed[i].has(j)));
  const prefixLimit = Math.max(1, Math.floor(multiple.length / 3));
  if (prefixes.length > prefixLimit) {
    problems.push(
      `${prefixes.length} of the ${multiple.length} ${label} keys are the first options in a row (${prefixes.map((q) => q.id).join(', ')}); at most ${prefixLimit} allowed`,
    );
  }
  const width = Math.max(0, ...multiple.map((q) => q.options.length));
  for (let p = 0; p < width; p++) {
    const having = multiple.filter((q) => q.options.length > p);
    if (having.length < 3) continue;
    const right = having.filter((q) => q.answers.includes(p)).length;
    if (right === having.length) problems.push(`position ${p} is right in every one of the ${having.length} ${label} questions that have it`);
    if (right === 0) problems.push(`position ${p} is right in none of the ${having.length} ${label} questions that have it`);
  }
  return problems;
}
