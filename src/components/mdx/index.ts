/**
 * The MDX vocabulary: the one closed set of components a lesson may use. Lessons import from here
 * and nowhere else (a content test enforces it), so the course has one look and one place to change it.
 * Documented in CONTRIBUTING.md. Components here render data; they compute nothing of the course.
 */
export { default as Objectives } from './Objectives.astro';
export { default as Callout } from './Callout.astro';
export { default as Recap } from './Recap.astro';
export { default as FurtherReading } from './FurtherReading.astro';
export { default as Diagram } from './Diagram.astro';
export { default as Quiz } from './Quiz.astro';
export { default as Simulation } from './Simulation.astro';
export { default as FinishLesson } from './FinishLesson.astro';
export { default as Checkpoint } from './Checkpoint.astro';
export { default as Drill } from './Drill.astro';
export { default as DesignExercise } from './DesignExercise.astro';
