/**
 * What every checker here returns: the property holds, or it does not, with a sentence a learner
 * reads and the ids of the offending operations (`History.ops` positions) for a UI to mark.
 */
export type Verdict = { holds: true } | { holds: false; explanation: string; ops: number[] };
