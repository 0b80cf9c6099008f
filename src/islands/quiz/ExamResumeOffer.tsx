/**
 * Shown when saved progress holds a timed exam the reader has not handed in: where it stands,
 * a button to continue it ("Continue your exam: question 4 of 10, 7:12 left") and one to discard
 * it. The exam island's polite live region says the offer once when it appears; this view does
 * not announce itself, since its time changes every second while the clock runs and a live
 * region around it would speak on every tick. Renders what the island restored; decides nothing.
 */
import { resumeLabel, type ExamResumeInfo } from './exam.ts';
import { formatClock, spokenClock } from '../../timing/countdown.ts';

interface Props {
  info: ExamResumeInfo;
  onContinue: () => void;
  onDiscard: () => void;
}

export function ExamResumeOffer({ info, onContinue, onDiscard }: Props) {
  return (
    <div className="cl-quiz__resume" data-testid="exam-resume" data-paused={info.paused}>
      <p>
        You have a timed exam you have not handed in: {info.answered} of {info.count} {info.count === 1 ? 'question' : 'questions'} answered, saved
        in this browser.{' '}
        {info.paused ? (
          <>The clock is paused, with {spokenClock(info.remainingMs)} left.</>
        ) : (
          <>
            The clock is still running:{' '}
            <span role="timer" aria-label={`${spokenClock(info.remainingMs)} left`} data-testid="exam-resume-clock">
              {formatClock(info.remainingMs)}
            </span>{' '}
            left.
          </>
        )}
      </p>
      <div className="cl-quiz__actions">
        <button type="button" className="cl-button cl-button--primary cl-quiz__button" data-testid="exam-continue" onClick={onContinue}>
          {resumeLabel(info)}
        </button>
        <button type="button" className="cl-button cl-quiz__button" data-testid="exam-discard" onClick={onDiscard}>
          Discard it
        </button>
      </div>
    </div>
  );
}
