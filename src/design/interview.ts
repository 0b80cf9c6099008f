/**
 * Interview mode's clock: 45 minutes split as an interview runs them (10 clarifying and
 * estimating, 20 designing, 10 on scaling and trade-offs, 5 summing up), as pure functions of
 * instants the caller passes in. Time away from the page counts unless the reader paused, as it
 * would in a real interview (the countdown is src/timing/countdown.ts, shared with the timed
 * exam). No timers here: the island ticks.
 */
import { pauseClock, restoreCountdown, resumeClock, saveCountdown, startClock, usedMs } from '../timing/countdown.ts';
import type { StepId } from './ids.ts';
import type { InterviewClock } from './work.ts';

export type InterviewPhase = { id: string; title: string; minutes: number; steps: StepId[] };

export const INTERVIEW_PHASES: InterviewPhase[] = [
  { id: 'requirements', title: 'Requirements and estimates', minutes: 10, steps: ['clarify', 'estimate'] },
  { id: 'design', title: 'Architecture and data flow', minutes: 20, steps: ['architecture', 'mechanisms', 'lab'] },
  { id: 'scaling', title: 'Scaling and trade-offs', minutes: 10, steps: ['scaling'] },
  { id: 'summary', title: 'Summary', minutes: 5, steps: ['wrap-up'] },
];

const MINUTE = 60_000;
export const INTERVIEW_MS = INTERVIEW_PHASES.reduce((a, p) => a + p.minutes * MINUTE, 0);

/** A running interview clock, started at `now`, in the form the reader's work saves. */
export function startInterview(now: number, limitMs = INTERVIEW_MS): InterviewClock {
  return saveCountdown(startClock(limitMs, now));
}

export function pauseInterview(clock: InterviewClock, now: number): InterviewClock {
  return clock.runningSince === null ? clock : saveCountdown(pauseClock(restoreCountdown(clock), now));
}

export function resumeInterview(clock: InterviewClock, now: number): InterviewClock {
  return clock.runningSince === null ? saveCountdown(resumeClock(restoreCountdown(clock), now)) : clock;
}

export type InterviewState = { usedMs: number; remainingMs: number; phaseIndex: number; phaseRemainingMs: number; over: boolean };

/**
 * Where the interview is: the phase the time used falls in (phases scale with the limit, so a
 * shorter practice clock keeps the 10/20/10/5 proportions) and what is left of it and of the whole.
 */
export function interviewState(clock: InterviewClock, nowMs: number): InterviewState {
  const used = usedMs(restoreCountdown(clock), nowMs);
  const scale = clock.limitMs / INTERVIEW_MS;
  let end = 0;
  for (let i = 0; i < INTERVIEW_PHASES.length; i += 1) {
    end += INTERVIEW_PHASES[i].minutes * MINUTE * scale;
    if (used < end || i === INTERVIEW_PHASES.length - 1) {
      return { usedMs: used, remainingMs: clock.limitMs - used, phaseIndex: i, phaseRemainingMs: Math.max(0, end - used), over: used >= clock.limitMs };
    }
  }
  throw new Error('unreachable');
}

/** The interview phase a step belongs to. */
export const phaseOfStep = (step: StepId): number => INTERVIEW_PHASES.findIndex((p) => p.steps.includes(step));
