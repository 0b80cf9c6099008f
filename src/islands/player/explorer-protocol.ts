/** Messages between the player and its explorer worker. Plain data only. */
import type { Config, ExploreProgress, ExploreResult } from './model.ts';
import type { FaultBudget } from '../../../sandboxes/kernel/types.ts';

export type ExploreRequest = {
  type: 'start';
  protocolId: string;
  scenarioId: string;
  config: Config;
  budget?: FaultBudget;
  /** Most faults of all kinds together (break-it questions); absent means the budget alone. */
  maxFaults?: number;
  maxWorlds: number;
  timeLimitMs: number;
  /** Transitions per slice between progress reports and cancel checks. */
  slice: number;
};

export type ToWorker = ExploreRequest | { type: 'cancel' };

export type FromWorker =
  | { type: 'progress'; progress: ExploreProgress }
  | { type: 'done'; result: ExploreResult }
  | { type: 'error'; message: string };

export const EXPLORE_DEFAULTS = { maxWorlds: 300_000, timeLimitMs: 30_000, slice: 4_000 };
