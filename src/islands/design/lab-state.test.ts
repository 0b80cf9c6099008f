import { describe, expect, it } from 'vitest';
import type { MechanismChoices } from '../../design/ids.ts';
import type { ScoreRow } from '../../design/scorecard.ts';
import { idleLab, labStale, reduceLab, scoreSummary } from './lab-state.ts';

const m: MechanismChoices = { agreement: 'orchestrated-saga', publishing: 'dual-write', consuming: 'idempotent', statusReads: 'read-model-token', concurrency: 'version-check' };
const outcome = (runId: string) => ({ runId, worlds: 10, complete: true, ms: 5, violations: [] });

describe('reduceLab', () => {
  it('runs, collects outcomes, finishes, and ignores late events', () => {
    let s = reduceLab(idleLab, { type: 'start', mechanisms: m, total: 3 });
    expect(s).toMatchObject({ phase: 'running', done: 0, total: 3 });
    s = reduceLab(s, { type: 'progress', done: 0, total: 3, title: 'first' });
    s = reduceLab(s, { type: 'run', outcome: outcome('a') });
    expect(s).toMatchObject({ done: 1, current: 'first' });
    s = reduceLab(s, { type: 'done' });
    expect(s).toMatchObject({ phase: 'done', done: 3, current: null });
    expect(reduceLab(s, { type: 'run', outcome: outcome('late') }).outcomes).not.toHaveProperty('late');
    expect(reduceLab(s, { type: 'error', message: 'boom' })).toMatchObject({ phase: 'error', error: 'boom' });
  });

  it('is stale once a choice changes, and a new start clears old outcomes', () => {
    let s = reduceLab(reduceLab(idleLab, { type: 'start', mechanisms: m, total: 1 }), { type: 'run', outcome: outcome('a') });
    expect(labStale(idleLab, m)).toBe(false);
    expect(labStale(s, m)).toBe(false);
    expect(labStale(s, { ...m, publishing: 'outbox-polling' })).toBe(true);
    s = reduceLab(s, { type: 'start', mechanisms: { ...m, publishing: 'outbox-polling' }, total: 1 });
    expect(s.outcomes).toEqual({});
  });

  it('summarises the scorecard in words', () => {
    const rows = [{ status: 'met' }, { status: 'missed' }, { status: 'met' }] as ScoreRow[];
    expect(scoreSummary(rows)).toBe('2 met, 1 missed of 3 requirements');
    expect(scoreSummary([...rows, { status: 'pending' } as ScoreRow])).toBe('2 met, 1 missed, 1 pending of 4 requirements');
  });
});
