/**
 * The kernel's public API: the only import point for the player, the CLI and the protocols.
 *
 * Generic over protocols: nothing here knows about two-phase commit or any other protocol.
 */
export type * from './types.ts';
export type { Run, DecodeResult, InvariantResult, Timeline, ExploreOptions, ExploreProgress, ExploreResult, Violation, Explorer } from './api-types.ts';
export { startWorld, choices, step, stepWithTrace, applyChoices, IllegalChoiceError, isFaultChoice, prefixOf } from './step.ts';
export { checkInvariants, quiescent, promisedInvariants } from './check.ts';
export { historySteps } from './history.ts';
export type { StepOperation } from './history.ts';
export { viewNodes, stateDiagram } from './view.ts';
export { describeChoice, narrate } from './describe.ts';
export { choiceToToken, tokenToChoice } from './tokens.ts';
export { encodeRun, decodeRun, runToJSON, runFromJSON, runWorld } from './run.ts';
export { toSequenceDiagram } from './sequence.ts';
export { timelineCreate, timelinePush, timelineSeek, timelineBack, timelineForward, timelineWorldAt } from './timeline.ts';
export { randomRun } from './random.ts';
export { explore, createExplorer, worldKey } from './explore.ts';
export { createWorld } from './world.ts';
export type { NodeSpec } from './world.ts';
export { canonicalJson } from './canonical.ts';
export { runCosts, runCostsFromStart } from './costs.ts';
export { goalMet, goalsMet } from './goals.ts';
export type { RunCosts } from './costs.ts';
export { nextRandom } from './rng.ts';
