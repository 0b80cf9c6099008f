// STUB: replaced by the quiz helper.
import type { QuizBank } from '../../schemas/quiz.ts';
export default function QuizIsland(props: { bankId: string; bank: QuizBank }) {
  return <div>{props.bank.title}</div>;
}
