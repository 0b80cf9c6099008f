/** Messages between the design lab and its worker. Plain data only. */
import type { LabRun } from '../../design/lab.ts';
import type { RunOutcome } from '../../design/scorecard.ts';

export type ToLabWorker = { type: 'start'; plan: LabRun[] } | { type: 'cancel' };

export type FromLabWorker =
  | { type: 'progress'; done: number; total: number; runId: string }
  | { type: 'run'; outcome: RunOutcome }
  | { type: 'done' }
  | { type: 'error'; message: string };

/** Transitions explored between yields, so a cancel is heard within a few milliseconds. */
export const LAB_SLICE = 4_000;
