/**
 * Predict questions, checked by the kernel: replay the question's run, describe the next choice,
 * take it, and test each option's claim ("p1 is in `prepared`") against the resulting node state.
 * Pure; the quiz view only renders what this returns.
 */
import type { SimulationRun } from '../../schemas/quiz.ts';
import { kernel, protocols, tokenToChoice } from './kernel.ts';
import type { Choice, NodeView } from './model.ts';
import { configFor, replayFrames, type Frame } from './session.ts';

/** True when a node's state satisfies a claim: the same state id, a sub-state of it, or `down`. */
export function claimHolds(node: NodeView | undefined, state: string): boolean {
  if (!node) return false;
  if (!node.up || node.state === null) return state === 'down' || state === 'crashed';
  return node.state === state || node.state.startsWith(state + '.') || node.state.endsWith('.' + state);
}

export type PreparedPredict =
  | { ok: false; error: string }
  | {
      ok: true;
      frames: Frame[];
      nodeIds: string[];
      /** Node views before and after the next choice. */
      nodes: NodeView[];
      after: NodeView[];
      next: Choice;
      nextLabel: string;
      /** The kernel's narration of the next step. */
      narration: string;
    };

/** Replays `run` and takes `next`. Never throws: a bad token or illegal step becomes `{ ok: false }`. */
export function preparePredict(run: SimulationRun, next: string): PreparedPredict {
  try {
    const protocol = protocols[run.protocol];
    if (!protocol) return { ok: false, error: `unknown protocol "${run.protocol}"` };
    const scenario = protocol.scenarios.find((s) => s.id === run.scenario);
    if (!scenario) return { ok: false, error: `unknown scenario "${run.scenario}"` };
    const config = configFor(protocol, scenario, run.flags);
    const root = kernel.startWorld(protocol, scenario, config);
    const steps = run.choices.map(tokenToChoice);
    const { frames, error } = replayFrames(kernel, protocol, config, { root, steps, cursor: steps.length, branches: [] });
    if (error) return { ok: false, error };
    const last = frames[frames.length - 1].world;
    const nextChoice = tokenToChoice(next);
    const nextLabel = kernel.describeChoice(last, nextChoice);
    const afterWorld = kernel.step(protocol, config, last, nextChoice);
    return {
      ok: true,
      frames,
      nodeIds: Object.keys(root.nodes),
      nodes: kernel.viewNodes(protocol, last),
      after: kernel.viewNodes(protocol, afterWorld),
      next: nextChoice,
      nextLabel,
      narration: kernel.narrate(protocol, last, nextChoice, afterWorld, config),
    };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}

/** For each option's claim, whether it holds after the next step. */
export function checkClaims(prepared: Extract<PreparedPredict, { ok: true }>, claims: { node: string; state: string }[]): boolean[] {
  return claims.map((c) => claimHolds(prepared.after.find((n) => n.id === c.node), c.state));
}
