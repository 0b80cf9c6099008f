/**
 * What a run has cost so far, read off its steps: messages nodes sent, log records forced and
 * written lazily. The player shows these as live meters, and with a protocol's `outcome` as the
 * closing line of a finished run. Pure; knows no protocol.
 */
import { prefixOf, stepWithTrace } from './step.ts';
import type { Choice, Config, Protocol, Scenario, StepTrace } from './types.ts';

export type RunCosts = {
  /** Messages nodes sent, delivered or not; a network duplicate is no send, nor is a resend merged into a queued copy. */
  messages: number;
  /** Log records forced to disk. */
  forcedWrites: number;
  /** Log records written lazily (in memory until the node's next forced write). */
  lazyWrites: number;
};

/** Costs of the given steps (each choice with the trace of what it did), in order. */
export function runCosts(steps: { choice: Choice; trace: StepTrace }[]): RunCosts {
  const out: RunCosts = { messages: 0, forcedWrites: 0, lazyWrites: 0 };
  for (const { choice, trace } of steps) {
    for (const e of trace) {
      if (e.kind === 'send' && choice.kind !== 'duplicate') out.messages++;
      else if (e.kind === 'lost' && e.atSend) out.messages++;
      else if (e.kind === 'store' && !e.set) {
        if (e.lazy) out.lazyWrites++;
        else out.forcedWrites++;
      }
    }
  }
  return out;
}

/**
 * Costs of a whole run from the scenario's initial world: its prefix (which the reader did not
 * play but which did cost messages and writes) and then `choices`. Illegal choices end the count.
 */
export function runCostsFromStart(protocol: Protocol, scenario: Scenario, config: Config, choices: Choice[]): RunCosts {
  let w = protocol.init(config, scenario.budget, scenario.data);
  if (scenario.timing) w = { ...w, timing: scenario.timing };
  const steps: { choice: Choice; trace: StepTrace }[] = [];
  for (const choice of [...prefixOf(scenario, config), ...choices]) {
    try {
      const r = stepWithTrace(protocol, config, w, choice);
      steps.push({ choice, trace: r.trace });
      w = r.world;
    } catch {
      break;
    }
  }
  return runCosts(steps);
}
