// STUB by the lead: the player helper owns this file and replaces it with the predict / break-it UI.
import type { Question } from '../../../schemas/quiz.ts';
export interface SimQuestionProps {
  /** A question of kind `predict` or `break-it`. */
  question: Extract<Question, { kind: 'predict' | 'break-it' }>;
  /** Called once the reader has answered: whether it was right, and a short record for saved progress. */
  onAnswered: (result: { correct: boolean; response: string }) => void;
}
export default function SimQuestion(props: SimQuestionProps) {
  return <p>{props.question.prompt}</p>;
}
