/**
 * What interview mode says aloud: a sentence when the phase changes, when one minute is left and
 * when time is up, and nothing on ordinary ticks. Pure, over two readings of the clock
 * (src/design/interview.ts computes them); the island owns the timer and the live region.
 */
import { INTERVIEW_PHASES, type InterviewState } from '../../design/interview.ts';

const MINUTE = 60_000;

/** The sentence to announce going from `before` to `after`, or null when nothing worth saying happened. */
export function interviewAnnouncement(before: InterviewState | null, after: InterviewState): string | null {
  if (after.over) return before && before.over ? null : 'Time is up. Review your design against the rubric.';
  if (!before) return null;
  if (after.phaseIndex !== before.phaseIndex) {
    const phase = INTERVIEW_PHASES[after.phaseIndex];
    return `Next phase: ${phase.title}, ${phase.minutes} minutes.`;
  }
  if (before.remainingMs > MINUTE && after.remainingMs <= MINUTE) return 'One minute left.';
  return null;
}
