/**
 * What the reader sees after Check: the verdict, then why, for every option (right or wrong, and
 * whether they chose it), or the right order, or the simulation's lesson. Marks are words plus an
 * icon, never colour alone. Reads grades and marks from `grade.ts`; decides nothing itself.
 */
import type { Ref } from 'react';
import type { Question } from '../../schemas/quiz.ts';
import { optionMarks, type Graded, type OptionVerdict, type Response } from './grade.ts';
import { Inline } from './Inline.tsx';

interface Props {
  question: Question;
  /** The round's display order of the options (bank indices), so explanations follow what the reader saw. */
  order: readonly number[];
  response: Response | undefined;
  graded: Graded;
  headingLevel: number;
  ref?: Ref<HTMLDivElement>;
}

/**
 * What each option's explanation is headed with. A wrong option rightly left unticked is a right
 * decision ("Right to leave out"), never an error; only wrong picks and missed right answers get ✗.
 */
const MARK_WORDS: Record<OptionVerdict, string> = {
  'chosen-right': '✓ Right answer, you chose it',
  'chosen-wrong': '✗ Wrong answer, you chose it',
  missed: '✗ Right answer, you missed it',
  'left-out': '✓ Right to leave out: it does not apply',
  answer: '✓ The right answer',
  other: 'Not the answer',
};

function OptionExplanations({ question, order, response }: { question: Question; order: readonly number[]; response: Response | undefined }) {
  if (question.kind !== 'single' && question.kind !== 'multiple' && question.kind !== 'predict' && question.kind !== 'history') return null;
  return (
    <ul className="cl-quiz__explanations">
      {optionMarks(question, response, order).map((m) => (
        <li key={m.index} data-mark={m.tone} data-verdict={m.verdict}>
          <p className="cl-quiz__mark">{MARK_WORDS[m.verdict]}</p>
          <p>
            <strong>
              <Inline text={question.options[m.index].text} />
            </strong>{' '}
            <Inline text={question.options[m.index].explanation} />
          </p>
        </li>
      ))}
    </ul>
  );
}

export function Feedback({ question, order, response, graded, headingLevel, ref }: Props) {
  const Heading = `h${Math.min(headingLevel, 6)}` as 'h4';
  return (
    <div className="cl-quiz__feedback" data-testid="quiz-feedback" data-correct={graded.correct} tabIndex={-1} ref={ref}>
      <Heading className="cl-quiz__verdict" data-testid="quiz-verdict">
        {graded.correct ? '✓ Correct' : '✗ Not quite'}
      </Heading>
      <OptionExplanations question={question} order={order} response={response} />
      {question.kind === 'ordering' && (
        <>
          <p>The right order:</p>
          <ol>
            {question.items.map((item, i) => (
              <li key={i}>
                <Inline text={item} />
              </li>
            ))}
          </ol>
          <p>
            <Inline text={question.explanation} />
          </p>
        </>
      )}
      {question.kind === 'break-it' && (
        <p>
          <Inline text={question.explanation} />
        </p>
      )}
    </div>
  );
}
