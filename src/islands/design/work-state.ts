/**
 * The design island's model of the reader's work: one reducer for every change the reader makes
 * (answers, step moves, ranking moves, loading a shared design), and the derived facts the views
 * show (done marks, counts, what is missing before the lab can run). Pure: no storage, no clock
 * (the caller passes the instant), no DOM, no React. The island saves what this returns.
 */
import { BOTTLENECK_IDS, MECHANISM_IDS, STEP_IDS, type BottleneckId, type ComponentId, type EstimateId, type MechanismChoices, type MechanismId, type StepId } from '../../design/ids.ts';
import { ESTIMATES, checkFigure } from '../../design/estimates.ts';
import { MAX_NOTE_LENGTH, mechanismsComplete, type DesignWork, type InterviewClock } from '../../design/work.ts';
import type { DesignExercise } from '../../schemas/design-exercise.ts';

/** Longest figure kept as typed (the progress record holds it to this). */
export const MAX_FIGURE_LENGTH = 40;

export type WorkAction =
  | { type: 'go'; step: StepId }
  | { type: 'ask'; id: string }
  | { type: 'figure'; id: EstimateId; text: string }
  | { type: 'component'; id: ComponentId; on: boolean }
  | { type: 'mechanism'; id: MechanismId; option: string }
  | { type: 'rank'; id: BottleneckId; by: -1 | 1 }
  | { type: 'note'; step: StepId; text: string }
  | { type: 'reveal'; step: StepId }
  | { type: 'rubric'; id: string; on: boolean }
  | { type: 'interview'; clock: InterviewClock | null }
  | { type: 'shared'; work: Pick<Partial<DesignWork>, 'components' | 'mechanisms' | 'ranking'> };

const without = <T>(list: readonly T[], x: T): T[] => list.filter((y) => y !== x);
const adding = <T>(list: readonly T[], x: T): T[] => (list.includes(x) ? [...list] : [...list, x]);

/** The reader's ranking with every bottleneck in it: theirs first, then the rest in the file's order. */
export function fullRanking(ranking: readonly BottleneckId[]): BottleneckId[] {
  const known = ranking.filter((id, i) => BOTTLENECK_IDS.includes(id) && ranking.indexOf(id) === i);
  return [...known, ...BOTTLENECK_IDS.filter((id) => !known.includes(id))];
}

/** Moves one bottleneck up (-1) or down (+1); at either end nothing moves. */
export function moveRanked(ranking: readonly BottleneckId[], id: BottleneckId, by: -1 | 1): BottleneckId[] {
  const list = fullRanking(ranking);
  const at = list.indexOf(id);
  const to = at + by;
  if (at < 0 || to < 0 || to >= list.length) return list;
  [list[at], list[to]] = [list[to], list[at]];
  return list;
}

/** The next work after `action`, saved at `at`. Never mutates `work`. */
export function reduceWork(work: DesignWork, action: WorkAction, at: string): DesignWork {
  const next = ((): DesignWork => {
    switch (action.type) {
      case 'go':
        return { ...work, step: action.step };
      case 'ask':
        return { ...work, asked: adding(work.asked, action.id) };
      case 'figure':
        return { ...work, figures: { ...work.figures, [action.id]: action.text.slice(0, MAX_FIGURE_LENGTH) } };
      case 'component':
        return { ...work, components: action.on ? adding(work.components, action.id) : without(work.components, action.id) };
      case 'mechanism':
        return { ...work, mechanisms: { ...work.mechanisms, [action.id]: action.option } as Partial<MechanismChoices> };
      case 'rank':
        return { ...work, ranking: moveRanked(work.ranking, action.id, action.by) };
      case 'note':
        return { ...work, notes: { ...work.notes, [action.step]: action.text.slice(0, MAX_NOTE_LENGTH) } };
      case 'reveal':
        return { ...work, revealed: adding(work.revealed, action.step) };
      case 'rubric':
        return { ...work, rubric: action.on ? adding(work.rubric, action.id) : without(work.rubric, action.id) };
      case 'interview': {
        if (action.clock) return { ...work, interview: action.clock };
        const { interview: _gone, ...rest } = work;
        return rest;
      }
      case 'shared':
        // A shared design replaces exactly what a share link carries; notes, figures and the rest stay.
        return {
          ...work,
          components: [...(action.work.components ?? [])],
          mechanisms: { ...(action.work.mechanisms ?? {}) },
          ranking: [...(action.work.ranking ?? [])],
        };
    }
  })();
  return { ...next, saved: at };
}

export const stepIndex = (step: StepId): number => STEP_IDS.indexOf(step);
export const previousStep = (step: StepId): StepId | null => STEP_IDS[stepIndex(step) - 1] ?? null;
export const nextStep = (step: StepId): StepId | null => STEP_IDS[stepIndex(step) + 1] ?? null;

/** How many of the essential clarifying questions the reader has asked. */
export function essentialAsked(exercise: DesignExercise, asked: readonly string[]): { asked: number; total: number } {
  const essential = exercise.clarify.filter((q) => q.essential);
  return { asked: essential.filter((q) => asked.includes(q.id)).length, total: essential.length };
}

/** How many figures of step 2 are right. */
export function figuresRight(figures: DesignWork['figures']): { right: number; total: number } {
  return { right: ESTIMATES.filter((e) => checkFigure(e, figures[e.id]).state === 'right').length, total: ESTIMATES.length };
}

/** A key for a set of mechanism choices: the lab's result is stale once the choices no longer match it. */
export function mechanismsKey(m: Partial<MechanismChoices>): string {
  return MECHANISM_IDS.map((id) => m[id] ?? '-').join('|');
}

/** Whether a step counts as done, for the step list's marks. `labFresh`: the lab ran on the current choices. */
export function stepDone(exercise: DesignExercise, work: DesignWork, step: StepId, labFresh: boolean): boolean {
  switch (step) {
    case 'clarify': {
      const { asked, total } = essentialAsked(exercise, work.asked);
      return total > 0 && asked === total;
    }
    case 'estimate': {
      const { right, total } = figuresRight(work.figures);
      return right === total;
    }
    case 'architecture':
      return work.components.length > 0;
    case 'mechanisms':
      return mechanismsComplete(work.mechanisms);
    case 'lab':
      return labFresh;
    case 'scaling':
      return work.ranking.length === BOTTLENECK_IDS.length;
    case 'wrap-up':
      return work.rubric.length > 0;
  }
}

/** Label of a mechanism option from the exercise's words (the id when the file lacks it). */
export function optionLabel(exercise: DesignExercise, id: MechanismId, option: string | undefined): string {
  const text = exercise.mechanisms.find((m) => m.id === id);
  return text?.options.find((o) => o.id === option)?.label ?? option ?? 'not chosen';
}
