/**
 * The design exercise's content file (`content/design/<id>.yaml`): the brief, the requirements,
 * and the words of every step. Validated at build time; a wrong or missing id fails the build and
 * names the field. Describes data only. The ids themselves are fixed in `src/design/ids.ts`, because
 * the lab, the diagram and the write-up key on them: this schema holds the file to those lists.
 */
import { z } from 'zod';
import { kebab } from './lesson.ts';
import { BOTTLENECK_IDS, COMPONENT_IDS, ESTIMATE_IDS, MECHANISMS, MECHANISM_IDS, REQUIREMENT_IDS, STEP_IDS } from '../design/ids.ts';

/** A sentence or more of inline Markdown. */
const prose = z.string().min(10);

/** Every id of `ids` exactly once, in that order. */
function sameIds<T extends { id: string }>(ids: readonly string[], what: string) {
  return (list: T[], ctx: z.RefinementCtx) => {
    const got = list.map((x) => x.id);
    if (got.join('|') !== ids.join('|')) {
      ctx.addIssue({ code: 'custom', message: `${what} must be exactly ${ids.join(', ')} in that order (found ${got.join(', ') || 'none'})` });
    }
  };
}

/** One requirement of the brief, restated in the course's words. */
export const requirementSchema = z.object({
  /** `FR1`…`FR5`, `NFR1`…`NFR5`. */
  id: z.enum(REQUIREMENT_IDS),
  /** A short name for the scorecard's row ("Order and payment agree"). */
  title: z.string().min(3).max(60),
  /** The requirement as the interviewer states it. */
  text: prose,
  /** What the exercise takes it to mean, concretely enough to be checked (by a simulation, a formula or a rule). */
  means: prose,
});

/** One step of the exercise. */
export const stepSchema = z.object({
  id: z.enum(STEP_IDS),
  /** Heading of the step ("Clarify the requirements"). */
  title: z.string().min(3).max(60),
  /** One sentence: what the reader does in this step and why. */
  goal: prose,
  /** The question the reader answers in their notes for this step. */
  prompt: prose,
  /** Nudges, revealed one at a time. One to three. */
  hints: z.array(prose).min(1).max(3),
  /** The model answer, revealed on request: Markdown (lists and paragraphs). */
  model: z.string().min(40),
});

/** A question a candidate might ask the interviewer in step 1. */
export const clarifyQuestionSchema = z.object({
  /** Stable kebab-case id, saved in the reader's work when they ask it. */
  id: kebab,
  /** The question as the candidate would ask it. */
  question: prose,
  /** Whether a strong candidate asks it; false for questions that are out of scope or premature. */
  essential: z.boolean(),
  /** The interviewer's answer. */
  answer: prose,
  /** Why asking it matters (or why it does not, for questions that are not essential). */
  why: prose,
});

/** The words around one figure of step 2; the formula, inputs and tolerance are in src/design/estimates.ts. */
export const estimateTextSchema = z.object({
  id: z.enum(ESTIMATE_IDS),
  /** The question, naming the figures it starts from. */
  question: prose,
  /** A nudge toward the formula, without the number. */
  hint: prose,
  /** What the figure means for the design, shown once the reader has it right or asks for the working. */
  takeaway: prose,
});

/** One component the reader may place in the architecture. */
export const componentTextSchema = z.object({
  id: z.enum(COMPONENT_IDS),
  /** Its name on the diagram and in the list (short: it labels a box). */
  label: z.string().min(2).max(28),
  /** What it does, in a sentence. */
  role: prose,
  /** Whether the model design has it. */
  recommended: z.boolean(),
  /** Why the model design includes it, or leaves it out. */
  why: prose,
});

/** One option of a mechanism. */
export const mechanismOptionSchema = z.object({
  id: z.string().min(1),
  /** Short name ("Orchestrated saga"). */
  label: z.string().min(3).max(40),
  /** How it works, in a sentence or two. */
  summary: prose,
  /** What it costs or risks. */
  cost: prose,
});

/** One interaction of step 4 and its options. */
export const mechanismTextSchema = z
  .object({
    id: z.enum(MECHANISM_IDS as [string, ...string[]]),
    /** The decision as a question ("How do the order and the payment agree?"). */
    question: prose,
    options: z.array(mechanismOptionSchema).min(2),
    /** The model design's option id. */
    recommended: z.string().min(1),
    /** Why the model design picks it. */
    why: prose,
  })
  .superRefine((m, ctx) => {
    const ids = MECHANISMS[m.id as keyof typeof MECHANISMS] as readonly string[];
    const got = m.options.map((o) => o.id);
    if (got.join('|') !== ids.join('|')) {
      ctx.addIssue({ code: 'custom', path: ['options'], message: `${m.id}'s options must be exactly ${ids.join(', ')} in that order (found ${got.join(', ')})` });
    }
    if (!ids.includes(m.recommended)) ctx.addIssue({ code: 'custom', path: ['recommended'], message: `"${m.recommended}" is not an option of ${m.id}` });
  });

/** One scaling bottleneck of step 6. */
export const bottleneckSchema = z.object({
  id: z.enum(BOTTLENECK_IDS),
  title: z.string().min(3).max(60),
  /** How it shows up in production. */
  symptom: prose,
  /** Ways out, each with what it costs. */
  fixes: z.array(z.object({ fix: prose, cost: prose })).min(1).max(4),
});

/** One point of the self-review rubric. */
export const rubricItemSchema = z.object({
  /** Stable kebab-case id, saved when ticked. */
  id: kebab,
  /** What a strong answer does, as a checkable sentence. */
  text: prose,
});

export const designExerciseSchema = z
  .object({
    /** The exercise id (the file name): keys the reader's saved work. */
    id: kebab,
    /** The exercise's title. */
    title: z.string().min(5),
    /** Docs id of the page that embeds it (`design/order-payment-consistency`): where "continue" links lead. */
    lesson: z.string().min(1),
    /** The brief as the interviewer poses it: Markdown. */
    brief: z.string().min(40),
    /** What the interviewer rules out of scope. */
    outOfScope: z.array(prose).min(1),
    /** FR1-FR5 then NFR1-NFR5, in order. */
    requirements: z.array(requirementSchema).superRefine(sameIds(REQUIREMENT_IDS, 'requirements')),
    /** The seven steps, in order. */
    steps: z.array(stepSchema).superRefine(sameIds(STEP_IDS, 'steps')),
    /** Step 1's candidate questions, at least six, some essential and some not. */
    clarify: z
      .array(clarifyQuestionSchema)
      .min(6)
      .refine((qs) => qs.some((q) => q.essential) && qs.some((q) => !q.essential), { message: 'some clarifying questions must be essential and some not' })
      .refine((qs) => new Set(qs.map((q) => q.id)).size === qs.length, { message: 'clarifying question ids repeat' }),
    /** Step 2's figures, one per estimate id, in order. */
    estimates: z.array(estimateTextSchema).superRefine(sameIds(ESTIMATE_IDS, 'estimates')),
    /** Step 3's components, one per component id, in order. */
    components: z.array(componentTextSchema).superRefine(sameIds(COMPONENT_IDS, 'components')),
    /** Step 4's interactions, one per mechanism id, in order. */
    mechanisms: z.array(mechanismTextSchema).superRefine(sameIds(MECHANISM_IDS, 'mechanisms')),
    /** Step 6's bottlenecks, one per bottleneck id, in order. */
    bottlenecks: z.array(bottleneckSchema).superRefine(sameIds(BOTTLENECK_IDS, 'bottlenecks')),
    /** The model ranking of the bottlenecks, most pressing first, and why. */
    ranking: z.object({
      order: z.array(z.enum(BOTTLENECK_IDS)).refine((o) => o.length === BOTTLENECK_IDS.length && new Set(o).size === o.length, { message: 'the ranking must list every bottleneck once' }),
      why: prose,
    }),
    /** The self-review rubric: what a strong answer covers, grouped by step. */
    rubric: z
      .array(z.object({ step: z.enum(STEP_IDS), items: z.array(rubricItemSchema).min(1).max(6) }))
      .min(4)
      .refine((groups) => new Set(groups.flatMap((g) => g.items.map((i) => i.id))).size === groups.flatMap((g) => g.items).length, {
        message: 'rubric item ids repeat',
      }),
  })
  .strict();

export type DesignExercise = z.infer<typeof designExerciseSchema>;
export type Requirement = z.infer<typeof requirementSchema>;
export type DesignStep = z.infer<typeof stepSchema>;
export type ClarifyQuestion = z.infer<typeof clarifyQuestionSchema>;
export type EstimateText = z.infer<typeof estimateTextSchema>;
export type ComponentText = z.infer<typeof componentTextSchema>;
export type MechanismText = z.infer<typeof mechanismTextSchema>;
export type Bottleneck = z.infer<typeof bottleneckSchema>;
