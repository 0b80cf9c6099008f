/**
 * The reader's work on the design exercise: every answer they give, as plain JSON, saved in the
 * progress record under `designs[<exercise id>]` (schema: `designWorkSchema` in
 * src/schemas/progress.ts). Pure helpers to create and update it; no storage, no UI.
 */
import type { SavedCountdown } from '../timing/countdown.ts';
import { MECHANISM_IDS, type BottleneckId, type ComponentId, type EstimateId, type MechanismChoices, type MechanismId, type StepId } from './ids.ts';

/** The interview mode's 45-minute clock (interview.ts), as the record saves a countdown. */
export type InterviewClock = SavedCountdown;

export type DesignWork = {
  /** When the work was last saved (ISO instant). */
  saved: string;
  /** The step the reader is on. */
  step: StepId;
  /** Clarifying questions the reader chose to ask, by id, in the order asked. */
  asked: string[];
  /** Figures entered in the calculator, by estimate id, as typed (a half-typed number survives). */
  figures: Partial<Record<EstimateId, string>>;
  /** Components placed in the architecture, in the order added. */
  components: ComponentId[];
  /** One option per interaction; an absent key is not chosen yet. */
  mechanisms: Partial<MechanismChoices>;
  /** Bottlenecks in the reader's order of importance, most pressing first. */
  ranking: BottleneckId[];
  /** Free-text notes per step (at most MAX_NOTE_LENGTH characters each). */
  notes: Partial<Record<StepId, string>>;
  /** Steps whose model answer the reader has revealed. */
  revealed: StepId[];
  /** Rubric items the reader ticked in the self-review, by id. */
  rubric: string[];
  /** The interview clock, while interview mode is on; absent otherwise. */
  interview?: InterviewClock;
};

/** Longest note kept per step: a page of writing, small enough that storage never fills up. */
export const MAX_NOTE_LENGTH = 4000;

/** A fresh start: nothing answered, on the first step. */
export function emptyWork(at: string): DesignWork {
  return { saved: at, step: 'clarify', asked: [], figures: {}, components: [], mechanisms: {}, ranking: [], notes: {}, revealed: [], rubric: [] };
}

/** The interactions of step 4 still without a choice, in display order. */
export function missingMechanisms(m: Partial<MechanismChoices>): MechanismId[] {
  return MECHANISM_IDS.filter((id) => m[id] === undefined);
}

/** Whether every interaction has a chosen option (the lab can run). */
export function mechanismsComplete(m: Partial<MechanismChoices>): m is MechanismChoices {
  return missingMechanisms(m).length === 0;
}
