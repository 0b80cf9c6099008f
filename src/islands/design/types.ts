/**
 * Props the step views share: the exercise's words, the reader's work, and `act` to change it
 * (`debounce` for typing, saved after a pause and on blur). Types only.
 */
import type { DesignWork } from '../../design/work.ts';
import type { DesignExercise } from '../../schemas/design-exercise.ts';
import type { WorkAction } from './work-state.ts';

export type Act = (action: WorkAction, options?: { debounce?: boolean }) => void;

export interface StepProps {
  exercise: DesignExercise;
  work: DesignWork;
  act: Act;
  /** Saves typing at once (a text field lost focus). */
  flush: () => void;
}
