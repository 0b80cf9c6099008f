/**
 * The slice of the simulation kernel the player uses, as an interface.
 *
 * The player's pure modules (session, sequence chart) take a `PlayerKernel` argument instead of
 * importing the kernel, so they can be tested with a real kernel or a tiny fake, and so the one
 * place that binds to `sandboxes/kernel/index.ts` is `kernel.ts`.
 */
import type { Choice, Config, NodeView, Protocol, Scenario, StateDiagram, StepTrace, World } from '../../../sandboxes/kernel/types.ts';
import type {
  DecodeResult,
  ExploreProgress,
  ExploreResult,
  InvariantResult,
  Run,
  Timeline,
} from '../../../sandboxes/kernel/api-types.ts';

export type { Choice, Config, NodeView, Protocol, Scenario, StateDiagram, StepTrace, World };
export type { DecodeResult, ExploreProgress, ExploreResult, InvariantResult, Run, Timeline };

export interface PlayerKernel {
  startWorld(protocol: Protocol, scenario: Scenario, config?: Config): World;
  choices(protocol: Protocol, config: Config, world: World): Choice[];
  step(protocol: Protocol, config: Config, world: World, choice: Choice): World;
  stepWithTrace(protocol: Protocol, config: Config, world: World, choice: Choice): { world: World; trace: StepTrace };
  /** `path`: the choices since the scenario's start (liveness promises about failure-free runs need it). */
  checkInvariants(protocol: Protocol, config: Config, world: World, path?: Choice[]): InvariantResult[];
  viewNodes(protocol: Protocol, world: World): NodeView[];
  describeChoice(world: World, choice: Choice, protocol?: Protocol): string;
  narrate(protocol: Protocol, before: World, choice: Choice, after: World, config?: Config): string;
  timelineCreate(world: World): Timeline;
  timelinePush(tl: Timeline, choice: Choice): Timeline;
  timelineSeek(tl: Timeline, index: number): Timeline;
}
