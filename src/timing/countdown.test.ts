// The countdown the exam and the interview clock share, with injected instants.
import { describe, expect, it } from 'vitest';
import { formatClock, isPaused, isTimeUp, pauseClock, remainingMs, restoreCountdown, resumeClock, saveCountdown, spokenClock, startClock } from './countdown.ts';

const T0 = Date.parse('2026-11-03T10:00:00.000Z');
const MIN = 60_000;

describe('the countdown (injected instants)', () => {
  it('counts down, pauses without losing time, resumes, and runs out', () => {
    let c = startClock(10 * MIN, T0);
    expect(remainingMs(c, T0 + 3 * MIN)).toBe(7 * MIN);
    c = pauseClock(c, T0 + 3 * MIN);
    expect(isPaused(c)).toBe(true);
    // An hour away while paused costs nothing.
    expect(remainingMs(c, T0 + 63 * MIN)).toBe(7 * MIN);
    expect(pauseClock(c, T0 + 70 * MIN)).toBe(c);
    c = resumeClock(c, T0 + 63 * MIN);
    expect(remainingMs(c, T0 + 65 * MIN)).toBe(5 * MIN);
    expect(isTimeUp(c, T0 + 69 * MIN)).toBe(false);
    expect(isTimeUp(c, T0 + 70 * MIN)).toBe(true);
    expect(remainingMs(c, T0 + 99 * MIN)).toBe(0);
  });

  it('shows the time left as a clock and in words', () => {
    expect(formatClock(9 * MIN + 5_000)).toBe('9:05');
    expect(formatClock(10 * MIN)).toBe('10:00');
    expect(formatClock(59_001)).toBe('1:00');
    expect(formatClock(0)).toBe('0:00');
    expect(formatClock(75 * MIN)).toBe('1:15:00');
    expect(spokenClock(9 * MIN + 5_000)).toBe('9 minutes 5 seconds');
    expect(spokenClock(MIN)).toBe('1 minute');
    expect(spokenClock(1_000)).toBe('1 second');
  });
});

describe('the saved form', () => {
  it('keeps the instant as ISO text and whole milliseconds, and comes back as it was', () => {
    const c = startClock(10 * MIN, T0);
    expect(saveCountdown(c)).toEqual({ limitMs: 10 * MIN, usedMs: 0, runningSince: '2026-11-03T10:00:00.000Z' });
    expect(restoreCountdown(saveCountdown(c))).toEqual(c);
    expect(saveCountdown({ limitMs: 1000.4, usedMs: 1000.9, runningSince: null })).toEqual({ limitMs: 1000, usedMs: 1000, runningSince: null });
  });
});
