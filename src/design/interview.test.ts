import { describe, expect, it } from 'vitest';
import { STEP_IDS } from './ids.ts';
import { INTERVIEW_MS, INTERVIEW_PHASES, interviewState, pauseInterview, phaseOfStep, resumeInterview, startInterview } from './interview.ts';

const T0 = Date.parse('2026-12-04T10:00:00.000Z');
const ms = (min: number) => T0 + min * 60_000;

describe('the interview clock', () => {
  it('splits 45 minutes 10/20/10/5 and covers every step once', () => {
    expect(INTERVIEW_PHASES.map((p) => p.minutes)).toEqual([10, 20, 10, 5]);
    expect(INTERVIEW_MS).toBe(45 * 60_000);
    expect(INTERVIEW_PHASES.flatMap((p) => p.steps)).toEqual([...STEP_IDS]);
    for (const s of STEP_IDS) expect(phaseOfStep(s)).toBeGreaterThanOrEqual(0);
  });
  it('moves through the phases as time is used', () => {
    const c = startInterview(ms(0));
    expect(interviewState(c, ms(0))).toMatchObject({ phaseIndex: 0, phaseRemainingMs: 10 * 60_000, over: false });
    expect(interviewState(c, ms(10))).toMatchObject({ phaseIndex: 1, phaseRemainingMs: 20 * 60_000 });
    expect(interviewState(c, ms(39.5))).toMatchObject({ phaseIndex: 2, phaseRemainingMs: 30_000 });
    expect(interviewState(c, ms(44))).toMatchObject({ phaseIndex: 3, remainingMs: 60_000 });
    expect(interviewState(c, ms(90))).toMatchObject({ phaseIndex: 3, remainingMs: 0, over: true, usedMs: INTERVIEW_MS });
  });
  it('stops counting while paused, and counts time away while running', () => {
    const paused = pauseInterview(startInterview(ms(0)), ms(5));
    expect(interviewState(paused, ms(60)).usedMs).toBe(5 * 60_000);
    const resumed = resumeInterview(paused, ms(60));
    expect(interviewState(resumed, ms(62)).usedMs).toBe(7 * 60_000);
    expect(pauseInterview(paused, ms(70))).toBe(paused);
    expect(resumeInterview(resumed, ms(70))).toBe(resumed);
  });
  it('counts nothing for a start in the future (a changed system clock)', () => {
    expect(interviewState(startInterview(ms(10)), ms(0)).usedMs).toBe(0);
  });
  it('keeps the proportions on a shorter clock', () => {
    const c = startInterview(ms(0), 9 * 60_000);
    expect(interviewState(c, ms(2.1)).phaseIndex).toBe(1);
  });
});
