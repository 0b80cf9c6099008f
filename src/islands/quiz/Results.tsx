/**
 * The end of a round: score, a breakdown by difficulty, the questions missed (with their lessons
 * in practice mode), whether the result was saved, and Retry buttons. Renders a `Summary` from
 * `session.ts`; computes nothing.
 */
import type { Ref } from 'react';
import type { Question } from '../../schemas/quiz.ts';
import { DIFFICULTY_LABEL } from './QuestionCard.tsx';
import { Inline } from './Inline.tsx';
import type { Summary } from './session.ts';

/** A lesson as a link target, computed at build time from the curriculum. */
export interface LessonLink {
  title: string;
  href: string;
}

interface Props {
  summary: Summary;
  questions: Record<string, Question>;
  headingLevel: number;
  headingRef: Ref<HTMLHeadingElement>;
  /** Lessons by docs id, to link missed questions to what teaches them (practice mode); empty otherwise. */
  lessonLinks: Record<string, LessonLink>;
  /** Null when saved; otherwise the store's sentence saying why not. */
  saveNotice: string | null;
  onRetryAll: () => void;
  onRetryMissed: () => void;
  /** Practice mode only: back to the filters for a new set. */
  onNewSet?: () => void;
}

export function Results(p: Props) {
  const { summary } = p;
  const Heading = `h${Math.min(p.headingLevel, 6)}` as 'h4';
  return (
    <div className="cl-quiz__results" data-testid="quiz-results">
      <Heading tabIndex={-1} ref={p.headingRef}>
        Your result
      </Heading>
      <p className="cl-quiz__score" data-testid="quiz-score">
        You answered {summary.score} of {summary.total} {summary.total === 1 ? 'question' : 'questions'} right
        {summary.hintsUsed > 0 && `, using ${summary.hintsUsed} ${summary.hintsUsed === 1 ? 'hint' : 'hints'}`}.
      </p>
      <table className="cl-quiz__breakdown">
        <caption>By difficulty</caption>
        <thead>
          <tr>
            <th scope="col">Difficulty</th>
            <th scope="col">Right</th>
            <th scope="col">Asked</th>
          </tr>
        </thead>
        <tbody>
          {summary.byDifficulty.map((d) => (
            <tr key={d.difficulty}>
              <th scope="row">{DIFFICULTY_LABEL[d.difficulty]}</th>
              <td>{d.right}</td>
              <td>{d.total}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {summary.missed.length > 0 && (
        <>
          <p>To go over again:</p>
          <ul className="cl-quiz__missed" data-testid="quiz-missed">
            {summary.missed.map((id) => (
              <li key={id}>
                <Inline text={p.questions[id].prompt} />
                {p.questions[id].lessons
                  .filter((l) => p.lessonLinks[l])
                  .map((l) => (
                    <span key={l}>
                      {' '}
                      (see <a href={p.lessonLinks[l].href}>{p.lessonLinks[l].title}</a>)
                    </span>
                  ))}
              </li>
            ))}
          </ul>
        </>
      )}
      <p className="cl-quiz__saved" data-testid="quiz-saved">
        {p.saveNotice ?? 'Saved in this browser. Each question now has a review date: missed ones come back in about ten minutes, ones you knew in a few days.'}
      </p>
      <div className="cl-quiz__actions">
        {summary.missed.length > 0 && (
          <button type="button" className="cl-button cl-button--primary cl-quiz__button" data-testid="quiz-retry-missed" onClick={p.onRetryMissed}>
            Retry the {summary.missed.length} missed
          </button>
        )}
        <button type="button" className="cl-button cl-quiz__button" data-testid="quiz-retry-all" onClick={p.onRetryAll}>
          Retry all {summary.total}
        </button>
        {p.onNewSet && (
          <button type="button" className="cl-button cl-quiz__button" data-testid="practice-new-set" onClick={p.onNewSet}>
            Choose a new set
          </button>
        )}
      </div>
    </div>
  );
}
