/**
 * The drill's countdown as pure data and pure steps: start, pause, resume, reset, what is left,
 * and which moments deserve a screen-reader announcement. Every function takes the current
 * instant (milliseconds) from the caller, so tests pass fixed instants and the island alone reads
 * the clock. No React, no DOM, no timers here.
 */

export interface TimerState {
  /** Length of the countdown. */
  durationMs: number;
  /** Time counted before the current run began (the sum of earlier runs before each pause). */
  elapsedMs: number;
  /** When the current run began, or null while not running. */
  runningSince: number | null;
}

export type TimerPhase = 'ready' | 'running' | 'paused' | 'done';

export function createTimer(seconds: number): TimerState {
  return { durationMs: Math.max(0, Math.round(seconds * 1000)), elapsedMs: 0, runningSince: null };
}

/** Time counted so far at `now`, never more than the duration (nor less than zero if the clock steps back). */
export function elapsedMs(s: TimerState, now: number): number {
  const running = s.runningSince === null ? 0 : Math.max(0, now - s.runningSince);
  return Math.min(s.durationMs, s.elapsedMs + running);
}

export function remainingMs(s: TimerState, now: number): number {
  return s.durationMs - elapsedMs(s, now);
}

export function phase(s: TimerState, now: number): TimerPhase {
  if (remainingMs(s, now) <= 0) return 'done';
  if (s.runningSince !== null) return 'running';
  return s.elapsedMs > 0 ? 'paused' : 'ready';
}

/** Starts or resumes at `now`; a running or finished timer is left as it is. */
export function start(s: TimerState, now: number): TimerState {
  const p = phase(s, now);
  return p === 'ready' || p === 'paused' ? { ...s, runningSince: now } : s;
}

/** Pauses at `now`, keeping the time counted; anything but a running timer is left as it is. */
export function pause(s: TimerState, now: number): TimerState {
  if (s.runningSince === null) return s;
  return { ...s, elapsedMs: elapsedMs(s, now), runningSince: null };
}

/** Back to the full duration, stopped. */
export function reset(s: TimerState): TimerState {
  return { ...s, elapsedMs: 0, runningSince: null };
}

/** Whole seconds left, rounded up, as the clock shows them (59.2 s left shows 1:00 → 0:59 only once a second has gone). */
export function secondsLeft(s: TimerState, now: number): number {
  return Math.ceil(remainingMs(s, now) / 1000);
}

/** `m:ss` for a number of seconds. */
export function formatClock(seconds: number): string {
  const whole = Math.max(0, Math.ceil(seconds));
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}

/** Seconds, said the way a person would ("1 minute", "45 seconds", "1 minute 30 seconds"). */
export function spokenDuration(seconds: number): string {
  const whole = Math.max(0, Math.ceil(seconds));
  const m = Math.floor(whole / 60);
  const sec = whole % 60;
  const parts = [m > 0 ? `${m} minute${m === 1 ? '' : 's'}` : '', sec > 0 || m === 0 ? `${sec} second${sec === 1 ? '' : 's'}` : ''];
  return parts.filter(Boolean).join(' ');
}

/**
 * What to announce when the seconds left go from `before` to `after` while running: the halfway
 * mark (for countdowns of 40 seconds or more) and the end, nothing else. Screen-reader users hear
 * two sentences in a minute, not sixty.
 */
export function crossing(durationSeconds: number, before: number, after: number): string | null {
  if (after >= before) return null;
  if (after <= 0) return 'Time is up. Now check your answer against the list.';
  const half = Math.floor(durationSeconds / 2);
  if (durationSeconds >= 40 && before > half && after <= half) return `${spokenDuration(half)} left.`;
  return null;
}
