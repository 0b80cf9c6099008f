/**
 * Shown when saved progress holds an unfinished round of this quiz: how far it got, a button to
 * continue at the first unanswered question ("Continue: question 5 of 24"), and one to start
 * over. Renders what the round machine restored; decides nothing.
 */

interface Props {
  /** Answers already checked and saved. */
  answered: number;
  /** The question the round continues at (1-based). */
  position: number;
  count: number;
  /** Every answer is in; only the result was left to see. */
  finished: boolean;
  onContinue: () => void;
  onStartOver: () => void;
}

export function ResumeOffer(p: Props) {
  return (
    <div className="cl-quiz__resume" data-testid="quiz-resume">
      <p>
        You have an unfinished round of this quiz: {p.answered} of {p.count} {p.count === 1 ? 'question' : 'questions'} answered, saved in
        this browser.
      </p>
      <div className="cl-quiz__actions">
        <button type="button" className="cl-button cl-button--primary cl-quiz__button" data-testid="quiz-continue" onClick={p.onContinue}>
          {p.finished ? 'Continue: see your result' : `Continue: question ${p.position} of ${p.count}`}
        </button>
        <button type="button" className="cl-button cl-quiz__button" data-testid="quiz-start-over" onClick={p.onStartOver}>
          Start over
        </button>
      </div>
    </div>
  );
}
