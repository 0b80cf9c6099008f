/**
 * A pausable countdown, shared by the timed exam and the design exercise's interview mode: time
 * used is banked on pause, and while it runs, `runningSince` says since when, so time that passes
 * with the page closed counts against the limit as it would in a real exam. Pure: every instant
 * is passed in. In memory an instant is milliseconds since the epoch; the progress record keeps it
 * as ISO text (`SavedCountdown`, schema `savedClockSchema`), converted by `saveCountdown` and
 * `restoreCountdown`. Also the clock's words: `9:05` on screen, "9 minutes 5 seconds" when spoken.
 */

export interface Countdown {
  limitMs: number;
  usedMs: number;
  /** When the clock last started, or null while paused. */
  runningSince: number | null;
}

/** A countdown as the progress record keeps it: the instant as ISO text, whole milliseconds. */
export interface SavedCountdown {
  limitMs: number;
  usedMs: number;
  runningSince: string | null;
}

export function startClock(limitMs: number, now: number): Countdown {
  return { limitMs, usedMs: 0, runningSince: now };
}

/** Time used so far; a clock that claims to have started in the future has used none since. */
export function usedMs(c: Countdown, now: number): number {
  return Math.min(c.limitMs, c.usedMs + (c.runningSince === null ? 0 : Math.max(0, now - c.runningSince)));
}

export function remainingMs(c: Countdown, now: number): number {
  return c.limitMs - usedMs(c, now);
}

export function isPaused(c: Countdown): boolean {
  return c.runningSince === null;
}

export function pauseClock(c: Countdown, now: number): Countdown {
  return c.runningSince === null ? c : { ...c, usedMs: usedMs(c, now), runningSince: null };
}

export function resumeClock(c: Countdown, now: number): Countdown {
  return c.runningSince === null ? { ...c, runningSince: now } : c;
}

export function isTimeUp(c: Countdown, now: number): boolean {
  return remainingMs(c, now) <= 0;
}

export function saveCountdown(c: Countdown): SavedCountdown {
  const limitMs = Math.round(c.limitMs);
  return { limitMs, usedMs: Math.min(limitMs, Math.round(c.usedMs)), runningSince: c.runningSince === null ? null : new Date(c.runningSince).toISOString() };
}

export function restoreCountdown(s: SavedCountdown): Countdown {
  return { limitMs: s.limitMs, usedMs: s.usedMs, runningSince: s.runningSince === null ? null : Date.parse(s.runningSince) };
}

/** `9:05`, `0:59`, `1:00:00`: what the countdown shows. Rounds up, so `0:00` means time is up. */
export function formatClock(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** The same, in words, for screen readers: "9 minutes 5 seconds", "1 minute", "40 seconds". */
export function spokenClock(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const m = Math.floor(total / 60);
  const s = total % 60;
  const part = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  if (m === 0) return part(s, 'second');
  return s === 0 ? part(m, 'minute') : `${part(m, 'minute')} ${part(s, 'second')}`;
}
