import { describe, expect, it } from 'vitest';
import { createTimer, crossing, elapsedMs, formatClock, pause, phase, remainingMs, reset, secondsLeft, spokenDuration, start } from './timer.ts';

const T0 = 1_000_000;

describe('drill timer', () => {
  it('starts ready at the full duration', () => {
    const t = createTimer(60);
    expect(phase(t, T0)).toBe('ready');
    expect(secondsLeft(t, T0)).toBe(60);
  });

  it('counts down while running, with the instants it is given', () => {
    const t = start(createTimer(60), T0);
    expect(phase(t, T0 + 10)).toBe('running');
    expect(secondsLeft(t, T0 + 999)).toBe(60);
    expect(secondsLeft(t, T0 + 1000)).toBe(59);
    expect(remainingMs(t, T0 + 42_500)).toBe(17_500);
  });

  it('pauses and resumes without losing or gaining time', () => {
    let t = start(createTimer(60), T0);
    t = pause(t, T0 + 20_000);
    expect(phase(t, T0 + 90_000)).toBe('paused');
    expect(secondsLeft(t, T0 + 90_000)).toBe(40);
    t = start(t, T0 + 100_000);
    expect(secondsLeft(t, T0 + 110_000)).toBe(30);
  });

  it('ends at zero and stays there; start does nothing once done', () => {
    const t = start(createTimer(60), T0);
    expect(phase(t, T0 + 60_000)).toBe('done');
    expect(remainingMs(t, T0 + 999_999)).toBe(0);
    expect(elapsedMs(t, T0 + 999_999)).toBe(60_000);
    expect(start(t, T0 + 70_000)).toBe(t);
  });

  it('resets to the full duration, stopped', () => {
    const t = reset(start(createTimer(60), T0));
    expect(phase(t, T0 + 30_000)).toBe('ready');
    expect(secondsLeft(t, T0 + 30_000)).toBe(60);
  });

  it('ignores a clock that steps back, and pause on a stopped timer', () => {
    const t = start(createTimer(60), T0);
    expect(secondsLeft(t, T0 - 5000)).toBe(60);
    const stopped = createTimer(60);
    expect(pause(stopped, T0)).toBe(stopped);
    expect(start(t, T0 + 1)).toBe(t);
  });
});

describe('clock text and announcements', () => {
  it('formats minutes and seconds', () => {
    expect(formatClock(60)).toBe('1:00');
    expect(formatClock(59)).toBe('0:59');
    expect(formatClock(5)).toBe('0:05');
    expect(formatClock(0)).toBe('0:00');
    expect(formatClock(-3)).toBe('0:00');
  });
  it('says durations in words', () => {
    expect(spokenDuration(60)).toBe('1 minute');
    expect(spokenDuration(30)).toBe('30 seconds');
    expect(spokenDuration(90)).toBe('1 minute 30 seconds');
    expect(spokenDuration(1)).toBe('1 second');
  });
  it('announces only the halfway mark and the end', () => {
    const said = [];
    for (let s = 60; s > 0; s--) said.push(crossing(60, s, s - 1));
    expect(said.filter(Boolean)).toEqual(['30 seconds left.', 'Time is up. Now check your answer against the list.']);
    expect(crossing(60, 31, 25)).toBe('30 seconds left.');
    expect(crossing(20, 11, 9)).toBeNull();
    expect(crossing(60, 30, 30)).toBeNull();
  });
});
