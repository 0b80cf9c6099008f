/**
 * Narrows a quiz bank to the questions a `<Checkpoint>` or `<Quiz ids>` asks, in the order given,
 * for the quiz island. Only the chosen questions are handed to the island, so a page with four
 * checkpoints does not serialize its bank four times. A bad id is an authoring error: it throws,
 * naming the page, the bank and the id, so the build stops with a message an author can act on
 * (the content tests report the same problem earlier). Pure; never reads or writes progress.
 */
import type { QuizBank } from '../../schemas/quiz.ts';

export function subsetBank(bank: QuizBank, bankId: string, ids: readonly string[], page: string, title?: string): QuizBank {
  const byId = new Map(bank.questions.map((q) => [q.id, q]));
  const missing = ids.filter((id) => !byId.has(id));
  if (missing.length > 0) {
    throw new Error(`${page} asks for question${missing.length === 1 ? '' : 's'} ${missing.map((m) => `"${m}"`).join(', ')} of quiz bank "${bankId}", which content/quizzes/${bankId}.yaml does not have`);
  }
  if (ids.length === 0) throw new Error(`${page} embeds quiz bank "${bankId}" with an empty list of question ids`);
  if (new Set(ids).size !== ids.length) throw new Error(`${page} lists a question of quiz bank "${bankId}" twice`);
  return { ...bank, title: title ?? bank.title, questions: ids.map((id) => byId.get(id)!) };
}
