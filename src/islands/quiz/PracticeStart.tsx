/**
 * The practice set's starting form: choose the source (a mixed set, or the questions due for
 * review), filter by lesson and difficulty, see how many questions match (and how many of those
 * were missed before, or are due), then start. Counts come from `practice.ts`; it draws nothing.
 */
import { useId } from 'react';
import type { Difficulty, Question } from '../../schemas/quiz.ts';
import { matchesFilters, planReview, type PracticeFilters, type PracticeSource } from './practice.ts';
import './practice.css';
import { DIFFICULTY_LABEL } from './QuestionCard.tsx';

interface Props {
  questions: Question[];
  lessons: { id: string; title: string }[];
  missed: ReadonlySet<string>;
  filters: PracticeFilters;
  size: number;
  source: PracticeSource;
  /** Due keys (most overdue first), questions with a review card, and lessons new questions may come from. */
  review: { due: readonly string[]; answered: ReadonlySet<string>; lessons: ReadonlySet<string> };
  onSource: (s: PracticeSource) => void;
  onFilters: (f: PracticeFilters) => void;
  onStart: () => void;
}

/** What a review session with these filters would hold, in words. */
function reviewSentence(due: number, fresh: number, anyLesson: boolean): string {
  const q = (n: number) => `${n} ${n === 1 ? 'question' : 'questions'}`;
  if (due === 0 && fresh === 0) {
    return anyLesson
      ? 'Nothing is due for review with these filters, and there are no new questions left from the lessons you have finished.'
      : 'Nothing is due for review yet. Answer some quiz questions, or finish a lesson, and they will come back here when they are due.';
  }
  const dueText = due === 0 ? 'Nothing is due for review with these filters' : `${q(due)} due for review, most overdue first`;
  const freshText = fresh === 0 ? '' : `${due === 0 ? ', so the set has' : ', then'} ${q(fresh)} you have not answered yet from lessons you have finished (or opened)`;
  return `${dueText}${freshText}.`;
}

export function PracticeStart(p: Props) {
  const id = useId();
  const matching = p.questions.filter((q) => matchesFilters(q, p.filters));
  const missed = matching.filter((q) => p.missed.has(q.id)).length;
  const dueAll = p.review.due.length;
  // Counting only: the seed does not change how many questions a plan holds.
  const plan = planReview(p.questions, p.review.due, p.review.answered, p.review.lessons, p.filters, p.size, 'count');
  const count = p.source === 'due' ? plan.due.length + plan.fresh.length : Math.min(p.size, matching.length);
  return (
    <form
      className="cl-quiz__practice"
      data-testid="practice-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (count > 0) p.onStart();
      }}
    >
      <fieldset className="cl-quiz__source">
        <legend>Draw from</legend>
        <label>
          <input type="radio" name={`${id}-source`} value="mixed" checked={p.source === 'mixed'} onChange={() => p.onSource('mixed')} data-testid="practice-source-mixed" />
          <span>A mixed set, missed questions first</span>
        </label>
        <label>
          <input type="radio" name={`${id}-source`} value="due" checked={p.source === 'due'} onChange={() => p.onSource('due')} data-testid="practice-source-due" />
          <span>
            Due reviews{' '}
            <span className="cl-quiz__due" data-testid="practice-due-count" data-due={dueAll}>
              ({dueAll === 0 ? 'none due' : `${dueAll} due`})
            </span>
          </span>
        </label>
      </fieldset>
      <div className="cl-quiz__filters">
        <span className="cl-quiz__filter">
          <label htmlFor={`${id}-lesson`}>Lesson</label>
          <select id={`${id}-lesson`} data-testid="practice-lesson" value={p.filters.lesson ?? ''} onChange={(e) => p.onFilters({ ...p.filters, lesson: e.currentTarget.value || null })}>
            <option value="">Every lesson</option>
            {p.lessons.map((l) => (
              <option key={l.id} value={l.id}>
                {l.title}
              </option>
            ))}
          </select>
        </span>
        <span className="cl-quiz__filter">
          <label htmlFor={`${id}-difficulty`}>Difficulty</label>
          <select
            id={`${id}-difficulty`}
            data-testid="practice-difficulty"
            value={p.filters.difficulty ?? ''}
            onChange={(e) => p.onFilters({ ...p.filters, difficulty: (e.currentTarget.value || null) as Difficulty | null })}
          >
            <option value="">Any difficulty</option>
            {(Object.keys(DIFFICULTY_LABEL) as Difficulty[]).map((d) => (
              <option key={d} value={d}>
                {DIFFICULTY_LABEL[d]}
              </option>
            ))}
          </select>
        </span>
      </div>
      <p aria-live="polite" data-testid="practice-count">
        {p.source === 'due'
          ? reviewSentence(plan.due.length, plan.fresh.length, p.review.lessons.size > 0)
          : matching.length === 0
            ? 'No questions match these filters. Widen them to practise.'
            : `${matching.length} ${matching.length === 1 ? 'question matches' : 'questions match'}${missed > 0 ? `, ${missed} of them missed last time` : ''}. A set has up to ${p.size}, missed ones first.`}
      </p>
      <button type="submit" className="cl-button cl-button--primary cl-quiz__button" data-testid="practice-start" aria-disabled={count === 0}>
        {p.source === 'due' ? 'Start review: ' : 'Start '}
        {count > 0 ? `${count} ${count === 1 ? 'question' : 'questions'}` : p.source === 'due' ? 'nothing to review' : 'practice'}
      </button>
    </form>
  );
}
