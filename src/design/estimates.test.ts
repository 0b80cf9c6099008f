import { describe, expect, it } from 'vitest';
import { ESTIMATE_IDS } from './ids.ts';
import { checkFigure, ESTIMATES, estimateById, parseFigure } from './estimates.ts';

describe('the figures of step 2', () => {
  it('has one estimate per id, in order', () => {
    expect(ESTIMATES.map((e) => e.id)).toEqual([...ESTIMATE_IDS]);
  });
  it('works the numbers the exercise states', () => {
    expect(estimateById('update-rate').answer).toBe(200_000);
    expect(estimateById('downtime-year').answer).toBeCloseTo(8.76, 5);
    expect(estimateById('downtime-month').answer).toBeCloseTo(43.2, 5);
    expect(estimateById('chain-availability').answer).toBeCloseTo(99.7003, 3);
    expect(estimateById('fanout-quantile').answer).toBeCloseTo(99.499, 2);
    expect(estimateById('broker-partitions').answer).toBe(20);
  });
  it('ends each working with the answer it checks against', () => {
    for (const e of ESTIMATES) expect(e.working.at(-1), e.id).toMatch(/[0-9]/);
  });
});

describe('reading a typed figure', () => {
  it.each([
    ['200000', 200_000],
    ['200,000 updates/s', 200_000],
    ['200k', 200_000],
    ['0.2M', 200_000],
    ['99.7%', 99.7],
    ['8.76 h', 8.76],
    ['.5', 0.5],
  ])('%s → %d', (text, value) => expect(parseFigure(text)).toBeCloseTo(value, 6));
  it.each(['', 'about two hundred', 'k', '-'])('"%s" has no number', (text) => expect(parseFigure(text)).toBeNull());
});

describe('checking a figure', () => {
  const rate = estimateById('update-rate');
  it('accepts answers within the tolerance and says which way the others are off', () => {
    expect(checkFigure(rate, '199,000').state).toBe('right');
    expect(checkFigure(rate, '500')).toEqual({ state: 'off', value: 500, direction: 'low' });
    expect(checkFigure(rate, '2M')).toMatchObject({ state: 'off', direction: 'high' });
    expect(checkFigure(rate, '  ')).toEqual({ state: 'empty' });
    expect(checkFigure(rate, 'lots')).toEqual({ state: 'unreadable' });
  });
  it('accepts 8.77 h (a 365.25-day year) as well as 8.76 h', () => {
    expect(checkFigure(estimateById('downtime-year'), '8.77').state).toBe('right');
  });
  it('wants the exact partition count', () => {
    expect(checkFigure(estimateById('broker-partitions'), '20').state).toBe('right');
    expect(checkFigure(estimateById('broker-partitions'), '10').state).toBe('off');
  });
});
