/**
 * Runs one lab run with the kernel's explorer: the scenario under the run's flags and budget,
 * with the observations it asks about searched for as safety invariants (so the explorer returns
 * the shortest run that shows them). Used whole in Node (tests) and in slices by the lab worker.
 * Pure apart from the caller's clock; knows nothing of the page.
 */
import { protocols } from '../../sandboxes/index.ts';
import { createExplorer, explore } from '../../sandboxes/kernel/index.ts';
import type { ExploreOptions, Explorer, ExploreResult } from '../../sandboxes/kernel/api-types.ts';
import type { Protocol, Scenario } from '../../sandboxes/kernel/types.ts';
import type { LabRun } from './lab.ts';
import type { RunOutcome } from './scorecard.ts';

/** A lab exploration stops here; every run in the plan is far smaller (a test checks they complete). */
export const LAB_LIMITS = { maxWorlds: 200_000 };

/** The protocol and scenario a run explores, with observations promoted to safety invariants. */
export function labTarget(run: LabRun): { protocol: Protocol; scenario: Scenario; options: ExploreOptions } {
  const base = protocols[run.protocol];
  if (!base) throw new Error(`unknown protocol ${run.protocol}`);
  const scenario = base.scenarios.find((s) => s.id === run.scenario);
  if (!scenario) throw new Error(`unknown scenario ${run.protocol}/${run.scenario}`);
  const observe = new Set(run.observe ?? []);
  const protocol: Protocol = observe.size
    ? { ...base, invariants: base.invariants.map((inv) => (observe.has(inv.name) ? { ...inv, kind: 'safety' as const } : inv)) }
    : base;
  const config = { ...scenario.config, size: run.size, flags: { ...scenario.config.flags, ...run.flags } };
  return { protocol, scenario, options: { config, budget: run.budget ?? scenario.budget, ...LAB_LIMITS } };
}

/** What the scorecard needs from an exploration. */
export function outcomeOf(run: LabRun, result: ExploreResult): RunOutcome {
  return { runId: run.id, worlds: result.worlds, complete: result.complete, ms: result.ms, violations: result.violations };
}

/** Explore one run to the end (Node and tests). */
export function runLabRun(run: LabRun, now?: () => number): RunOutcome {
  const { protocol, scenario, options } = labTarget(run);
  return outcomeOf(run, explore(protocol, scenario, { ...options, now }));
}

/** A sliced explorer for one run (the worker calls `run(budget)` until it returns a result). */
export function labExplorer(run: LabRun, now?: () => number): Explorer {
  const { protocol, scenario, options } = labTarget(run);
  return createExplorer(protocol, scenario, { ...options, now });
}
