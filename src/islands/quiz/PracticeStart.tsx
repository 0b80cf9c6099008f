/**
 * The practice set's starting form: filter by lesson and difficulty, see how many questions match
 * (and how many of those were missed before), then start. Counts come from `practice.ts`.
 */
import { useId } from 'react';
import type { Difficulty, Question } from '../../schemas/quiz.ts';
import { matchesFilters, type PracticeFilters } from './practice.ts';
import { DIFFICULTY_LABEL } from './QuestionCard.tsx';

interface Props {
  questions: Question[];
  lessons: { id: string; title: string }[];
  missed: ReadonlySet<string>;
  filters: PracticeFilters;
  size: number;
  onFilters: (f: PracticeFilters) => void;
  onStart: () => void;
}

export function PracticeStart(p: Props) {
  const id = useId();
  const matching = p.questions.filter((q) => matchesFilters(q, p.filters));
  const missed = matching.filter((q) => p.missed.has(q.id)).length;
  const count = Math.min(p.size, matching.length);
  return (
    <form
      className="cl-quiz__practice"
      data-testid="practice-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (count > 0) p.onStart();
      }}
    >
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
        {matching.length === 0
          ? 'No questions match these filters. Widen them to practise.'
          : `${matching.length} ${matching.length === 1 ? 'question matches' : 'questions match'}${missed > 0 ? `, ${missed} of them missed last time` : ''}. A set has up to ${p.size}, missed ones first.`}
      </p>
      <button type="submit" className="cl-button cl-button--primary cl-quiz__button" data-testid="practice-start" aria-disabled={count === 0}>
        Start {count > 0 ? `${count} ${count === 1 ? 'question' : 'questions'}` : 'practice'}
      </button>
    </form>
  );
}
