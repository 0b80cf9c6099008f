/**
 * A small, schema-valid design exercise for this folder's unit tests, so they do not depend on the
 * content file's wording. Test-only: nothing outside *.test.ts imports it.
 */
import { BOTTLENECK_IDS, COMPONENT_IDS, ESTIMATE_IDS, MECHANISMS, MECHANISM_IDS, REQUIREMENT_IDS, STEP_IDS } from '../../design/ids.ts';
import { designExerciseSchema, type DesignExercise } from '../../schemas/design-exercise.ts';

const words = (what: string) => `The words for ${what}, long enough.`;

export const fixtureExercise: DesignExercise = designExerciseSchema.parse({
  id: 'order-payment',
  title: 'Order and payment',
  lesson: 'design/order-payment-consistency',
  brief: 'Design how an order service and a payment service stay consistent.\n\n- Buyers place orders\n- Payments are charged',
  outOfScope: [words('out of scope')],
  requirements: REQUIREMENT_IDS.map((id) => ({ id, title: `Requirement ${id}`, text: words(id), means: words(`${id} means`) })),
  steps: STEP_IDS.map((id) => ({ id, title: `Step ${id}`, goal: words(`${id} goal`), prompt: words(`${id} prompt`), hints: [words('hint one'), words('hint two')], model: `The model answer for ${id}, with enough words.\n\n- one\n- two` })),
  clarify: ['scale', 'payment-provider', 'regions', 'ui-colour', 'refunds', 'mobile-app'].map((id, i) => ({ id, question: words(`question ${id}`), essential: i % 2 === 0, answer: words('answer'), why: words('why') })),
  estimates: ESTIMATE_IDS.map((id) => ({ id, question: words(id), hint: words('hint'), takeaway: words('takeaway') })),
  components: COMPONENT_IDS.map((id) => ({ id, label: id.replace(/-/g, ' '), role: words(`role of ${id}`), recommended: !['shared-db', 'tx-coordinator'].includes(id), why: words('why') })),
  mechanisms: MECHANISM_IDS.map((id) => ({
    id,
    question: words(`question ${id}`),
    options: MECHANISMS[id].map((o) => ({ id: o, label: `Option ${o}`, summary: words('summary'), cost: words('cost') })),
    recommended: MECHANISMS[id][MECHANISMS[id].length - 1],
    why: words('why'),
  })),
  bottlenecks: BOTTLENECK_IDS.map((id) => ({ id, title: `Bottleneck ${id}`, symptom: words('symptom'), fixes: [{ fix: words('fix'), cost: words('cost') }] })),
  ranking: { order: [...BOTTLENECK_IDS].reverse(), why: words('ranking why') },
  rubric: (['clarify', 'estimate', 'mechanisms', 'wrap-up'] as const).map((step) => ({ step, items: [{ id: `${step}-item`, text: words(`rubric ${step}`) }] })),
});
