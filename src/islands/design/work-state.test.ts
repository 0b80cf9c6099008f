import { describe, expect, it } from 'vitest';
import { BOTTLENECK_IDS } from '../../design/ids.ts';
import { emptyWork } from '../../design/work.ts';
import { fixtureExercise } from './fixture.ts';
import { missingMechanisms } from '../../design/work.ts';
import { essentialAsked, fullRanking, mechanismsKey, moveRanked, nextStep, previousStep, reduceWork, stepDone } from './work-state.ts';

const T0 = '2026-11-03T10:00:00.000Z';
const T1 = '2026-11-03T10:01:00.000Z';
const start = emptyWork(T0);

describe('reduceWork', () => {
  it('records answers without repeats and stamps the save time', () => {
    let w = reduceWork(start, { type: 'ask', id: 'scale' }, T1);
    w = reduceWork(w, { type: 'ask', id: 'scale' }, T1);
    expect(w.asked).toEqual(['scale']);
    expect(w.saved).toBe(T1);
    expect(start.asked).toEqual([]);
    w = reduceWork(w, { type: 'component', id: 'broker', on: true }, T1);
    w = reduceWork(w, { type: 'component', id: 'gateway', on: true }, T1);
    w = reduceWork(w, { type: 'component', id: 'broker', on: false }, T1);
    expect(w.components).toEqual(['gateway']);
    w = reduceWork(w, { type: 'rubric', id: 'a', on: true }, T1);
    w = reduceWork(w, { type: 'reveal', step: 'lab' }, T1);
    w = reduceWork(w, { type: 'reveal', step: 'lab' }, T1);
    expect(w.revealed).toEqual(['lab']);
    expect(w.rubric).toEqual(['a']);
  });

  it('keeps figures as typed and caps notes', () => {
    let w = reduceWork(start, { type: 'figure', id: 'update-rate', text: '200,0' }, T1);
    expect(w.figures['update-rate']).toBe('200,0');
    w = reduceWork(w, { type: 'note', step: 'clarify', text: 'x'.repeat(5000) }, T1);
    expect(w.notes.clarify).toHaveLength(4000);
  });

  it('turns interview mode on and off', () => {
    const clock = { limitMs: 1000, usedMs: 0, runningSince: T0 };
    const on = reduceWork(start, { type: 'interview', clock }, T1);
    expect(on.interview).toEqual(clock);
    expect('interview' in reduceWork(on, { type: 'interview', clock: null }, T1)).toBe(false);
  });

  it('loads a shared design over the parts a link carries and keeps notes and figures', () => {
    let w = reduceWork(start, { type: 'note', step: 'clarify', text: 'mine' }, T1);
    w = reduceWork(w, { type: 'component', id: 'shared-db', on: true }, T1);
    w = reduceWork(w, { type: 'shared', work: { components: ['broker'], mechanisms: { agreement: '2pc' }, ranking: ['projection-lag'] } }, T1);
    expect(w).toMatchObject({ components: ['broker'], mechanisms: { agreement: '2pc' }, ranking: ['projection-lag'], notes: { clarify: 'mine' } });
  });
});

describe('ranking', () => {
  it('fills in unranked bottlenecks and moves one step at a time, stopping at the ends', () => {
    expect(fullRanking([])).toEqual([...BOTTLENECK_IDS]);
    expect(fullRanking(['projection-lag'])[0]).toBe('projection-lag');
    const first = BOTTLENECK_IDS[0];
    expect(moveRanked([], first, -1)).toEqual([...BOTTLENECK_IDS]);
    const down = moveRanked([], first, 1);
    expect(down.slice(0, 2)).toEqual([BOTTLENECK_IDS[1], first]);
    expect(moveRanked(down, first, -1)).toEqual([...BOTTLENECK_IDS]);
    const last = BOTTLENECK_IDS[BOTTLENECK_IDS.length - 1];
    expect(moveRanked([], last, 1)).toEqual([...BOTTLENECK_IDS]);
    expect(reduceWork(start, { type: 'rank', id: last, by: -1 }, T1).ranking).toHaveLength(BOTTLENECK_IDS.length);
  });
});

describe('derived facts', () => {
  it('steps forward and back within the seven', () => {
    expect(previousStep('clarify')).toBeNull();
    expect(nextStep('clarify')).toBe('estimate');
    expect(nextStep('wrap-up')).toBeNull();
  });

  it('counts essential questions and marks steps done', () => {
    expect(essentialAsked(fixtureExercise, ['scale', 'ui-colour'])).toEqual({ asked: 1, total: 3 });
    const asked = reduceWork(reduceWork(reduceWork(start, { type: 'ask', id: 'scale' }, T1), { type: 'ask', id: 'regions' }, T1), { type: 'ask', id: 'refunds' }, T1);
    expect(stepDone(fixtureExercise, start, 'clarify', false)).toBe(false);
    expect(stepDone(fixtureExercise, asked, 'clarify', false)).toBe(true);
    expect(stepDone(fixtureExercise, start, 'lab', true)).toBe(true);
    expect(stepDone(fixtureExercise, reduceWork(start, { type: 'rank', id: 'projection-lag', by: 1 }, T1), 'scaling', false)).toBe(true);
  });

  it('says which mechanisms are missing and keys the choices', () => {
    expect(missingMechanisms({ agreement: '2pc', consuming: 'plain' })).toEqual(['publishing', 'statusReads', 'concurrency']);
    expect(mechanismsKey({ agreement: '2pc' })).toBe('2pc|-|-|-|-');
    expect(mechanismsKey({ agreement: '2pc' })).not.toBe(mechanismsKey({ agreement: 'orchestrated-saga' }));
  });
});
