/**
 * What the reader sees after Check: the verdict, then why, for every option (right or wrong, and
 * whether they chose it), or the right order, or the simulation's lesson. Marks are words plus an
 * icon, never colour alone. Reads grades and marks from `grade.ts`; decides nothing itself.
 */
import type { Ref } from 'react';
import type { Question } from '../../schemas/quiz.ts';
import { optionMarks, type Graded, type OptionMark, type Response } from './grade.ts';
import { Inline } from './Inline.tsx';

interface Props {
  question: Question;
  response: Response | undefined;
  graded: Graded;
  headingLevel: number;
  ref?: Ref<HTMLDivElement>;
}

function markWords(m: OptionMark, knowsChoice: boolean): string {
  const what = m.right ? '✓ Right answer' : '✗ Wrong answer';
  if (!knowsChoice) return what;
  return `${what}, ${m.chosen ? 'you chose it' : m.right ? 'you did not choose it' : 'you left it'}`;
}

function OptionExplanations({ question, response }: { question: Question; response: Response | undefined }) {
  if (question.kind !== 'single' && question.kind !== 'multiple' && question.kind !== 'predict') return null;
  const knowsChoice = response?.kind === 'single' || response?.kind === 'multiple';
  return (
    <ul className="cl-quiz__explanations">
      {optionMarks(question, response).map((m) => (
        <li key={m.index} data-mark={m.right ? 'right' : 'wrong'}>
          <p className="cl-quiz__mark">{markWords(m, knowsChoice)}</p>
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

export function Feedback({ question, response, graded, headingLevel, ref }: Props) {
  const Heading = `h${Math.min(headingLevel, 6)}` as 'h4';
  return (
    <div className="cl-quiz__feedback" data-testid="quiz-feedback" data-correct={graded.correct} tabIndex={-1} ref={ref}>
      <Heading className="cl-quiz__verdict" data-testid="quiz-verdict">
        {graded.correct ? '✓ Correct' : '✗ Not quite'}
      </Heading>
      <OptionExplanations question={question} response={response} />
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
