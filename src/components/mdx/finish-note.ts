/**
 * "Finished" is the reader's call, but the page says when the quiz says otherwise: the sentence
 * shown beside the finish toggle when the lesson's quiz has no attempt yet or its last score is
 * low. Pure: the lesson script passes the latest attempt and whether the lesson is marked
 * finished, and shows the result; the toggle itself is never blocked or changed.
 */

/** Below this share of right answers, a last attempt counts as low. */
export const LOW_SCORE = 0.7;

export interface LastScore {
  score: number;
  total: number;
}

/** The note for the finish toggle, or null when the quiz agrees (or there is nothing to say). */
export function finishNote(last: LastScore | null, finished: boolean): string | null {
  if (!last) {
    return finished
      ? 'You have not taken this lesson’s quiz yet, so nothing has checked what stuck. The quiz above takes a few minutes.'
      : 'You have not taken this lesson’s quiz yet. Marking the lesson finished is up to you; the quiz above shows what stuck.';
  }
  if (last.total <= 0 || last.score / last.total >= LOW_SCORE) return null;
  const percent = Math.round((100 * last.score) / last.total);
  const score = `${last.score} of ${last.total} (${percent}%)`;
  return finished
    ? `Your last quiz score was ${score}. The questions you missed are worth another look.`
    : `Your last quiz score was ${score}. Marking the lesson finished is up to you; the questions you missed are worth another look.`;
}

/** The newest of several banks' last attempts (a lesson normally has one bank). */
export function newestAttempt<T extends LastScore & { at: string }>(attempts: readonly (T | null)[]): T | null {
  let newest: T | null = null;
  for (const a of attempts) if (a && (!newest || Date.parse(a.at) > Date.parse(newest.at))) newest = a;
  return newest;
}
