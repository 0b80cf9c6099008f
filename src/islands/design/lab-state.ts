/**
 * The lab's run as the island tracks it: which design it ran (so a changed choice marks the result
 * stale), progress, each run's outcome as it arrives, and how it ended. A pure reducer over the
 * lab client's events, plus the scorecard's summary and the words for a row's status. No worker,
 * no timers, no DOM: the island starts the lab and feeds this the events.
 */
import type { MechanismChoices } from '../../design/ids.ts';
import type { RunOutcome, ScoreRow } from '../../design/scorecard.ts';
import { mechanismsKey } from './work-state.ts';

export type LabState = {
  phase: 'idle' | 'running' | 'done' | 'error';
  /** The choices the lab ran (or is running), or null before the first run. */
  ran: MechanismChoices | null;
  /** Runs finished so far and the plan's length. */
  done: number;
  total: number;
  /** The run being explored now. */
  current: string | null;
  outcomes: Record<string, RunOutcome>;
  error: string | null;
};

export type LabEvent =
  | { type: 'start'; mechanisms: MechanismChoices; total: number }
  | { type: 'progress'; done: number; total: number; title: string }
  | { type: 'run'; outcome: RunOutcome }
  | { type: 'done' }
  | { type: 'error'; message: string }
  | { type: 'cancel' };

export const idleLab: LabState = { phase: 'idle', ran: null, done: 0, total: 0, current: null, outcomes: {}, error: null };

export function reduceLab(state: LabState, event: LabEvent): LabState {
  switch (event.type) {
    case 'start':
      return { phase: 'running', ran: { ...event.mechanisms }, done: 0, total: event.total, current: null, outcomes: {}, error: null };
    case 'progress':
      return state.phase === 'running' ? { ...state, done: event.done, total: event.total, current: event.title } : state;
    case 'run':
      return state.phase === 'running' ? { ...state, outcomes: { ...state.outcomes, [event.outcome.runId]: event.outcome }, done: Object.keys({ ...state.outcomes, [event.outcome.runId]: 1 }).length } : state;
    case 'done':
      return state.phase === 'running' ? { ...state, phase: 'done', done: state.total, current: null } : state;
    case 'error':
      return { ...state, phase: 'error', current: null, error: event.message };
    case 'cancel':
      return state.phase === 'running' ? { ...state, phase: 'idle', current: null } : state;
  }
}

/** Whether the lab's result is for choices other than the reader's current ones. */
export function labStale(state: LabState, current: Partial<MechanismChoices>): boolean {
  return state.ran !== null && mechanismsKey(state.ran) !== mechanismsKey(current);
}

/** Icon and word for a row's status: never colour alone. */
export const STATUS_WORDS: Record<ScoreRow['status'], { icon: string; word: string }> = {
  met: { icon: '✓', word: 'Met' },
  missed: { icon: '✗', word: 'Missed' },
  pending: { icon: '…', word: 'Pending' },
};

/** "7 met, 2 missed, 1 pending" for the scorecard's heading and the end-of-run announcement. */
export function scoreSummary(rows: ScoreRow[]): string {
  const count = (s: ScoreRow['status']) => rows.filter((r) => r.status === s).length;
  const parts = [`${count('met')} met`, `${count('missed')} missed`];
  if (count('pending')) parts.push(`${count('pending')} pending`);
  return `${parts.join(', ')} of ${rows.length} requirements`;
}
