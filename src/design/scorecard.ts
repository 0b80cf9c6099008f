/**
 * The design lab's scorecard: for each requirement, the evidence that it is met or missed. A
 * simulation's verdict comes from the explorer's outcome for a run of the plan (lab.ts); figures
 * come from formulas.ts with their assumptions; a few structural points are rules over the
 * reader's choices, each with its reason. Nothing here is a stored verdict: change a choice and
 * the plan, the outcomes and the rows change with it (scorecard.test.ts does exactly that).
 */
import { protocols } from '../../sandboxes/index.ts';
import type { Violation } from '../../sandboxes/kernel/api-types.ts';
import type { Choice } from '../../sandboxes/kernel/types.ts';
import { REQUIREMENT_IDS, type ComponentId, type MechanismChoices, type RequirementId } from './ids.ts';
import { labPlan, type LabRun } from './lab.ts';
import {
  acceptPath,
  availabilityOf,
  AVAILABILITY_ASSUMPTIONS,
  downtimeHours,
  LATENCY_ASSUMPTIONS,
  pct,
  perCallQuantile,
  statusLatencyMs,
  statusPath,
  type Dependency,
} from './formulas.ts';
import { estimateById } from './estimates.ts';

/** What the scorecard needs from one exploration. */
export type RunOutcome = { runId: string; worlds: number; complete: boolean; ms: number; violations: Violation[] };

export type SimulationEvidence = {
  kind: 'simulation';
  runId: string;
  title: string;
  protocol: string;
  scenario: string;
  size: number;
  flags: Record<string, boolean>;
  invariant: string;
  invariantTitle: string;
  claim: string;
  /** Null until the run has been explored. */
  holds: boolean | null;
  /** What broke (the invariant's sentence), or null. */
  message: string | null;
  /** The shortest run that breaks it, after the scenario's prefix; empty when it holds. */
  choices: Choice[];
  /** Whether the whole reachable space was searched (a "holds" from a partial search is weaker). */
  complete: boolean;
  worlds: number;
};
export type FormulaEvidence = { kind: 'formula'; title: string; assumptions: string[]; working: string[]; result: string; holds: boolean | null };
export type RuleEvidence = { kind: 'rule'; title: string; holds: boolean; reason: string };
export type Evidence = SimulationEvidence | FormulaEvidence | RuleEvidence;

export type ScoreRow = { requirement: RequirementId; status: 'met' | 'missed' | 'pending'; evidence: Evidence[] };

const TARGET = 0.999;
const READ_BUDGET_MS = 300;

function invariantTitle(protocol: string, name: string): string {
  return protocols[protocol]?.invariants.find((i) => i.name === name)?.title ?? name;
}

function simulationEvidence(plan: LabRun[], outcomes: Record<string, RunOutcome | undefined>, requirement: RequirementId): SimulationEvidence[] {
  return plan.flatMap((run) =>
    run.checks
      .filter((c) => c.requirement === requirement)
      .map((c) => {
        const outcome = outcomes[run.id];
        const broken = outcome?.violations.find((v) => v.invariant === c.invariant);
        return {
          kind: 'simulation' as const,
          runId: run.id,
          title: run.title,
          protocol: run.protocol,
          scenario: run.scenario,
          size: run.size,
          flags: run.flags,
          invariant: c.invariant,
          invariantTitle: invariantTitle(run.protocol, c.invariant),
          claim: c.claim,
          holds: outcome ? !broken : null,
          message: broken?.message ?? null,
          choices: broken?.choices ?? [],
          complete: outcome?.complete ?? false,
          worlds: outcome?.worlds ?? 0,
        };
      }),
  );
}

const chain = (path: Dependency[]) => `${path.map((d) => `${d.name} ${pct(d.availability)}`).join(' × ')} = ${pct(availabilityOf(path))}`;

function availabilityEvidence(m: MechanismChoices): FormulaEvidence {
  const accept = acceptPath(m);
  const { path: status } = statusPath(m);
  const a = availabilityOf(accept);
  const s = availabilityOf(status);
  const verdict = (x: number) => (x >= TARGET ? 'meets 99.9%' : `misses 99.9% (about ${downtimeHours(x).toFixed(1)} h down a year; the budget is 8.8 h)`);
  return {
    kind: 'formula',
    title: 'Availability of the synchronous paths',
    assumptions: AVAILABILITY_ASSUMPTIONS,
    working: [`Placing an order: ${chain(accept)}.`, `Reading its status: ${chain(status)}.`],
    result: `Placing an order ${pct(a)}, ${verdict(a)}; reading its status ${pct(s)}, ${verdict(s)}.`,
    holds: a >= TARGET && s >= TARGET,
  };
}

function latencyEvidence(m: MechanismChoices): FormulaEvidence {
  const { path, parallel, tokenWaitMs } = statusPath(m);
  const total = statusLatencyMs(m);
  const working = [`Hops: ${path.map((d) => `${d.name} ${d.p99Ms} ms`).join(', ')}${tokenWaitMs ? `, waiting for the view to reach the token up to ${tokenWaitMs} ms` : ''}.`];
  if (parallel > 1) {
    working.push(
      `The order row and the payment's state are fetched side by side and the slower branch counts. With ${parallel} calls, each must meet its deadline at its ${(perCallQuantile(parallel) * 100).toFixed(1)}th percentile for the read to meet the 99th.`,
    );
  }
  working.push(`Budget: ${total} ms against ${READ_BUDGET_MS} ms.`);
  return { kind: 'formula', title: 'p99 of the status read', assumptions: LATENCY_ASSUMPTIONS, working, result: `${total} ms, ${total <= READ_BUDGET_MS ? 'within' : 'over'} the 300 ms budget.`, holds: total <= READ_BUDGET_MS };
}

function rateEvidence(): FormulaEvidence {
  const rate = estimateById('update-rate');
  const partitions = estimateById('broker-partitions');
  return {
    kind: 'formula',
    title: 'The load, from step 2',
    assumptions: [...rate.inputs, ...partitions.inputs].map((i) => `${i.label}: ${i.value.toLocaleString('en-US')} ${i.unit}`),
    working: [...rate.working, ...partitions.working],
    result: 'Sizing, not a verdict: the simulations above judge correctness under concurrency.',
    holds: null,
  };
}

function ownershipRule(m: MechanismChoices, components: ComponentId[]): RuleEvidence {
  const problems: string[] = [];
  if (components.includes('shared-db')) problems.push('both services write one shared database, so a schema change in one is a change in the other');
  if (!components.includes('order-db') || !components.includes('payment-db')) problems.push('a service without its own database cannot be deployed or scaled on its own');
  if (m.agreement === '2pc') problems.push('two-phase commit makes both databases hold locks for each other and take part in one transaction manager’s protocol');
  return problems.length
    ? { kind: 'rule', title: 'Each service owns its data', holds: false, reason: `Not met: ${problems.join('; ')}.` }
    : { kind: 'rule', title: 'Each service owns its data', holds: true, reason: 'Each service has its own database and they share no transaction: they talk only through messages.' };
}

function acceptRule(m: MechanismChoices): RuleEvidence {
  return m.agreement === '2pc'
    ? { kind: 'rule', title: 'Accepting an order', holds: false, reason: 'The buyer waits until both databases have prepared and the coordinator has decided: one slow or absent participant holds up every order.' }
    : { kind: 'rule', title: 'Accepting an order', holds: true, reason: 'The order is accepted as PENDING once the order service’s own transaction commits; payment follows asynchronously.' };
}

/** Rules and formulas for one requirement; simulations are added by `scorecard`. */
function otherEvidence(requirement: RequirementId, m: MechanismChoices, components: ComponentId[]): Evidence[] {
  switch (requirement) {
    case 'FR5':
      return [acceptRule(m)];
    case 'NFR1':
      return [rateEvidence()];
    case 'NFR2':
      return [latencyEvidence(m)];
    case 'NFR3':
      return [availabilityEvidence(m)];
    case 'NFR4':
      return [ownershipRule(m, components)];
    default:
      return [];
  }
}

function statusOf(evidence: Evidence[]): ScoreRow['status'] {
  if (evidence.some((e) => e.holds === false)) return 'missed';
  if (evidence.some((e) => e.kind === 'simulation' && e.holds === null)) return 'pending';
  return 'met';
}

/** One row per requirement, in order, from the design's choices and the runs explored so far. */
export function scorecard(m: MechanismChoices, components: ComponentId[], outcomes: Record<string, RunOutcome | undefined>): ScoreRow[] {
  const plan = labPlan(m);
  return REQUIREMENT_IDS.map((requirement) => {
    const evidence = [...simulationEvidence(plan, outcomes, requirement), ...otherEvidence(requirement, m, components)];
    return { requirement, status: statusOf(evidence), evidence };
  });
}
