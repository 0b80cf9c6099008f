import { describe, expect, it } from 'vitest';
import { emptyRecord, withFinished, withVisit } from '../progress/record.ts';
import { finishedLessons } from './sidebar-marks.ts';

describe('finishedLessons', () => {
  it('lists only lessons marked finished, not merely visited or unmarked again', () => {
    const at = '2026-01-01T00:00:00.000Z';
    let r = withFinished(emptyRecord(), 'foundations/cap', true, at);
    r = withVisit(r, 'transactions/two-phase-commit', at);
    r = withFinished(withFinished(r, 'practice/quizzes', true, at), 'practice/quizzes', false, at);
    expect([...finishedLessons(r, ['foundations/cap', 'transactions/two-phase-commit', 'practice/quizzes'])]).toEqual(['foundations/cap']);
  });
});
