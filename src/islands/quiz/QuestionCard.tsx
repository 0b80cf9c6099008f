/**
 * One question: counter and difficulty, the prompt as the fieldset's legend, the answer controls,
 * the hint on request, Check, then feedback and Next. Simulation-backed kinds render through
 * SimQuestion, loaded lazily so banks without them never download simulation code.
 * Focus: after Check it moves to the feedback; the parent moves it to the next question's heading.
 */
import { lazy, Suspense, useEffect, useRef, type Ref } from 'react';
import type { Question } from '../../schemas/quiz.ts';
import { ChoiceOptions, OrderingList } from './Answers.tsx';
import { Feedback } from './Feedback.tsx';
import { HistoryView } from './HistoryView.tsx';
import type { Graded, Response } from './grade.ts';
import { Inline } from './Inline.tsx';

const SimQuestion = lazy(() => import('./sim/SimQuestion.tsx'));

export const DIFFICULTY_LABEL = { easy: 'Easy', medium: 'Medium', hard: 'Hard' } as const;

interface Props {
  question: Question;
  /** The round's display order of the options, as bank indices (empty for kinds without options). */
  order: number[];
  position: number;
  count: number;
  response: Response | undefined;
  graded: Graded | undefined;
  hinted: boolean;
  needsAnswer: boolean;
  headingLevel: number;
  headingRef: Ref<HTMLHeadingElement>;
  onRespond: (r: Response) => void;
  onHint: () => void;
  onCheck: () => void;
  onSimulated: (result: { correct: boolean; response: string; choice?: number }) => void;
  onNext: () => void;
  announce: (message: string) => void;
}

function AnswerArea(p: Props) {
  const q = p.question;
  const checked = p.graded !== undefined;
  if (q.kind === 'history') {
    return (
      <>
        <HistoryView id={q.id} history={q.history} />
        <ChoiceOptions question={q} order={p.order} response={p.response} checked={checked} onChange={p.onRespond} />
      </>
    );
  }
  if (q.kind === 'single' || q.kind === 'multiple') return <ChoiceOptions question={q} order={p.order} response={p.response} checked={checked} onChange={p.onRespond} />;
  if (q.kind === 'ordering') {
    const order = p.response?.kind === 'ordering' ? p.response.order : q.items.map((_, i) => i);
    return <OrderingList question={q} order={order} checked={checked} onChange={p.onRespond} announce={p.announce} />;
  }
  // Simulation questions stay mounted after grading: the replayed run is part of the explanation.
  return (
    <Suspense fallback={<p className="cl-quiz__loading">Loading the simulation…</p>}>
      <SimQuestion question={q} order={p.order} onAnswered={p.onSimulated} />
    </Suspense>
  );
}

export function QuestionCard(p: Props) {
  const q = p.question;
  const Heading = `h${Math.min(p.headingLevel, 6)}` as 'h4';
  const feedback = useRef<HTMLDivElement>(null);
  const hint = useRef<HTMLParagraphElement>(null);
  // The hint button disappears once used, so focus goes to the hint itself rather than the page body.
  const showHint = () => {
    p.onHint();
    requestAnimationFrame(() => hint.current?.focus());
  };
  const checked = p.graded !== undefined;
  const isSim = q.kind === 'predict' || q.kind === 'break-it';
  const hintId = `cl-quiz-hint-${q.id}`;
  useEffect(() => {
    if (checked) feedback.current?.focus();
  }, [checked]);
  const instruction = q.kind === 'multiple' ? 'Choose every answer that applies.' : q.kind === 'history' ? 'Choose every model this history satisfies.' : q.kind === 'ordering' ? 'Put the items in order with the move buttons, first at the top.' : null;
  return (
    <div className="cl-quiz__question" data-kind={q.kind} data-question-id={q.id}>
      <div className="cl-quiz__meta">
        <Heading className="cl-quiz__counter" tabIndex={-1} ref={p.headingRef} data-testid="quiz-progress">
          Question {p.position} of {p.count}
        </Heading>
        <span className="cl-quiz__difficulty" data-difficulty={q.difficulty} data-testid="quiz-difficulty">
          Difficulty: {DIFFICULTY_LABEL[q.difficulty]}
        </span>
      </div>
      <fieldset className="cl-quiz__fieldset" aria-describedby={p.hinted ? hintId : undefined}>
        <legend className="cl-quiz__prompt">
          <Inline text={q.prompt} />
        </legend>
        {instruction && <p className="cl-quiz__instruction">{instruction}</p>}
        <AnswerArea {...p} />
      </fieldset>
      {p.hinted && (
        <p className="cl-quiz__hint" id={hintId} data-testid="quiz-hint-text" tabIndex={-1} ref={hint}>
          <strong>Hint:</strong> <Inline text={q.hint} />
        </p>
      )}
      {p.needsAnswer && (
        <p className="cl-quiz__needs" role="alert">
          Choose an answer first, then press Check.
        </p>
      )}
      {checked && p.graded && <Feedback ref={feedback} question={q} order={p.order} response={p.response} graded={p.graded} headingLevel={p.headingLevel + 1} />}
      <div className="cl-quiz__actions">
        {!checked && !p.hinted && (
          <button type="button" className="cl-button cl-quiz__button" data-testid="quiz-hint" onClick={showHint}>
            Show a hint
          </button>
        )}
        {!checked && !isSim && (
          <button type="button" className="cl-button cl-button--primary cl-quiz__button" data-testid="quiz-check" onClick={p.onCheck}>
            Check
          </button>
        )}
        {checked && (
          <button type="button" className="cl-button cl-button--primary cl-quiz__button" data-testid="quiz-next" onClick={p.onNext}>
            {p.position < p.count ? 'Next question' : 'See your result'}
          </button>
        )}
      </div>
    </div>
  );
}
