/**
 * Consistency checkers for register histories: one pure module shared by the replicated-register
 * protocol's invariants, the quiz grading and `npm run check-history`. See README.md for the
 * definitions and sources.
 */
export type { CasOp, History, Model, Operation, Outcome, ParseResult, Process, ReadOp, Value, WriteOp } from './history.ts';
export { isValue, parseHistory, parseHistoryText, showValue, toJepsen } from './history.ts';
export type { Verdict } from './verdict.ts';
export type { Linearization, SearchOptions } from './linearizable.ts';
export { checkLinearizable, linearize } from './linearizable.ts';
export type { SequentialOptions } from './sequential.ts';
export { checkSequential } from './sequential.ts';
export type { SessionGuarantee, SessionOptions } from './sessions.ts';
export { checkMonotonicReads, checkMonotonicWrites, checkReadYourWrites, checkSession, checkWritesFollowReads } from './sessions.ts';
export { checkNoLostWrites } from './lost-writes.ts';
export { named, namedWithOutcome, opName } from './describe.ts';

import type { History } from './history.ts';
import type { Verdict } from './verdict.ts';
import { checkLinearizable } from './linearizable.ts';
import { checkSequential } from './sequential.ts';
import { checkSession } from './sessions.ts';
import type { SessionOptions } from './sessions.ts';

/** The models `classify` judges, strongest first. */
export const MODELS = ['linearizable', 'sequential', 'read-your-writes', 'monotonic-reads', 'monotonic-writes', 'writes-follow-reads'] as const;
export type ModelName = (typeof MODELS)[number];

/**
 * Every model's verdict on one history ("which models does this history satisfy?"). The session
 * guarantees need distinct written values and throw a RangeError otherwise.
 */
export function classify(history: History, options: SessionOptions = {}): Record<ModelName, Verdict> {
  return {
    linearizable: checkLinearizable(history),
    sequential: checkSequential(history),
    'read-your-writes': checkSession('read-your-writes', history, options),
    'monotonic-reads': checkSession('monotonic-reads', history, options),
    'monotonic-writes': checkSession('monotonic-writes', history, options),
    'writes-follow-reads': checkSession('writes-follow-reads', history, options),
  };
}
