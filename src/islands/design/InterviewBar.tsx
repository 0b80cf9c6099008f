/**
 * Interview mode's bar: the toggle, and while the clock exists the current phase, its time left,
 * the total left, Pause/Resume and End, plus a polite live region for the island's announcements
 * (phase changes, one minute left, time up). Renders the state it is given; the island ticks.
 */
import { INTERVIEW_PHASES, type InterviewState } from '../../design/interview.ts';
import { formatClock } from '../../timing/countdown.ts';
import type { InterviewClock } from '../../design/work.ts';

export function InterviewBar({
  clock,
  state,
  said,
  onToggle,
  onPause,
  onResume,
  onEnd,
}: {
  clock: InterviewClock | undefined;
  state: InterviewState | null;
  said: string;
  onToggle: (on: boolean) => void;
  onPause: () => void;
  onResume: () => void;
  onEnd: () => void;
}) {
  const phase = state ? INTERVIEW_PHASES[state.phaseIndex] : null;
  return (
    <div className="cl-design__interview" data-testid="design-interview" data-on={Boolean(clock)}>
      <label className="cl-design__check cl-design__toggle">
        <input type="checkbox" checked={Boolean(clock)} onChange={(e) => onToggle(e.currentTarget.checked)} data-testid="design-interview-toggle" />
        <span>Interview mode (45 minutes)</span>
      </label>
      {clock && state && phase && (
        <div className="cl-design__clock">
          {state.over ? (
            <p>
              <strong>
                <span aria-hidden="true">⏰ </span>Time is up.
              </strong>{' '}
              Review your design against the rubric below.
            </p>
          ) : (
            <p>
              <strong>
                Phase {state.phaseIndex + 1} of {INTERVIEW_PHASES.length}: {phase.title}
              </strong>{' '}
              <span className="cl-design__time" data-testid="design-phase-left">
                {formatClock(state.phaseRemainingMs)} left in this phase
              </span>
              {' · '}
              <span className="cl-design__time" data-testid="design-total-left">
                {formatClock(state.remainingMs)} left in all
              </span>
              {clock.runningSince === null && <strong> (paused)</strong>}
            </p>
          )}
          <div className="cl-design__actions">
            {!state.over &&
              (clock.runningSince === null ? (
                <button type="button" className="cl-design__btn" onClick={onResume}>
                  Resume
                </button>
              ) : (
                <button type="button" className="cl-design__btn" onClick={onPause}>
                  Pause
                </button>
              ))}
            <button type="button" className="cl-design__btn" onClick={onEnd} data-testid="design-interview-end">
              End the interview
            </button>
          </div>
        </div>
      )}
      <p className="cl-design__sr" aria-live="polite" data-testid="design-interview-live">
        {said}
      </p>
    </div>
  );
}
