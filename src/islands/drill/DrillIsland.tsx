/**
 * The "explain it in a minute" drill: a prompt, a countdown the reader starts, pauses and resets,
 * then the checklist of what a strong answer covers, ticked by the reader, and the lesson's
 * follow-up questions one at a time with each answer revealed on request.
 *
 * The countdown's logic is pure (`timer.ts`); this island only reads the clock and renders. The
 * clock text is a `role="timer"` element, which screen readers do not announce on every change;
 * a separate polite live region says only what matters (started, paused, halfway, time is up).
 * The self-grade is not saved: it is for the moment, and the course's progress record (which
 * export, import and reset cover) has no place for it. Nothing here reads or writes storage.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { Drill } from '../../schemas/lesson.ts';
import { Inline } from '../quiz/Inline.tsx';
import { createTimer, crossing, formatClock, pause, phase, reset, secondsLeft, spokenDuration, start, type TimerState } from './timer.ts';
import './drill.css';

export interface DrillIslandProps {
  drill: Drill;
  /** Level of the drill's own heading (3 inside a lesson's `##` section). */
  headingLevel?: 2 | 3 | 4;
}

/** How often the visible clock is refreshed while running; the timer itself is exact regardless. */
const TICK_MS = 250;

export default function DrillIsland({ drill, headingLevel = 3 }: DrillIslandProps) {
  const id = useId();
  const [timer, setTimer] = useState<TimerState>(() => createTimer(drill.seconds));
  // The instant the view was last drawn at. Starts at 0 so server and first client render agree.
  const [now, setNow] = useState(0);
  const [announcement, setAnnouncement] = useState('');
  const [grading, setGrading] = useState(false);
  const [covered, setCovered] = useState<ReadonlySet<number>>(new Set());
  const [followUp, setFollowUp] = useState(0);
  const [revealed, setRevealed] = useState<ReadonlySet<number>>(new Set());
  const checklistRef = useRef<HTMLFieldSetElement>(null);
  const primaryRef = useRef<HTMLButtonElement>(null);
  const answerRef = useRef<HTMLDivElement>(null);
  const questionRef = useRef<HTMLParagraphElement>(null);
  const lastSeconds = useRef(drill.seconds);

  const state = phase(timer, now);
  const left = secondsLeft(timer, now);

  // While running, redraw a few times a second and announce the halfway mark and the end.
  useEffect(() => {
    if (timer.runningSince === null) return;
    const tick = () => {
      const t = Date.now();
      setNow(t);
      const after = secondsLeft(timer, t);
      const said = crossing(drill.seconds, lastSeconds.current, after);
      lastSeconds.current = after;
      if (said) setAnnouncement(said);
      if (after <= 0) setGrading(true);
    };
    tick();
    const handle = window.setInterval(tick, TICK_MS);
    return () => window.clearInterval(handle);
  }, [timer, drill.seconds]);

  const onStart = () => {
    const t = Date.now();
    const resumed = state === 'paused';
    // Once time is up the same button starts a fresh minute, so focus never sits on a dead control.
    const from = state === 'done' ? reset(timer) : timer;
    setTimer(start(from, t));
    setNow(t);
    lastSeconds.current = secondsLeft(from, t);
    setAnnouncement(resumed ? `Resumed, ${spokenDuration(left)} left.` : `Started: ${spokenDuration(drill.seconds)}. Explain it out loud.`);
  };
  const onPause = () => {
    const t = Date.now();
    setTimer((s) => pause(s, t));
    setNow(t);
    setAnnouncement(`Paused with ${spokenDuration(secondsLeft(timer, t))} left.`);
  };
  const onReset = () => {
    setTimer((s) => reset(s));
    setNow(Date.now());
    lastSeconds.current = drill.seconds;
    setAnnouncement(`Reset to ${spokenDuration(drill.seconds)}.`);
    // Reset is disabled once nothing is left to reset: hand focus to Start rather than lose it.
    requestAnimationFrame(() => primaryRef.current?.focus());
  };
  const onGrade = () => {
    setGrading(true);
    requestAnimationFrame(() => checklistRef.current?.focus());
  };
  const toggle = (i: number, on: boolean) =>
    setCovered((before) => {
      const next = new Set(before);
      if (on) next.add(i);
      else next.delete(i);
      return next;
    });
  const reveal = () => {
    setRevealed((before) => new Set(before).add(followUp));
    requestAnimationFrame(() => answerRef.current?.focus());
  };
  const go = (to: number) => {
    setFollowUp(to);
    requestAnimationFrame(() => questionRef.current?.focus());
  };

  const Title = `h${headingLevel}` as 'h3';
  const Sub = `h${Math.min(headingLevel + 1, 6)}` as 'h4';
  const progress = drill.seconds > 0 ? 1 - left / drill.seconds : 1;
  const current = drill.followUps[followUp];
  const shown = revealed.has(followUp);

  return (
    <section className="cl-drill" data-testid="drill" data-timer={state} aria-labelledby={`${id}-title`}>
      <Title className="cl-drill__title" id={`${id}-title`}>
        Drill: explain it in a minute
      </Title>
      <p className="cl-drill__prompt">
        <Inline text={drill.prompt} />
      </p>
      <p className="cl-drill__how">Start the timer and answer out loud, as you would to an interviewer. Then check what you covered.</p>

      <div className="cl-drill__timer" role="group" aria-label="Timer">
        <p className="cl-drill__clock" role="timer" aria-label={`Time left: ${spokenDuration(left)}`} data-testid="drill-clock">
          <span aria-hidden="true">{formatClock(left)}</span>
        </p>
        <div className="cl-drill__bar" aria-hidden="true">
          <span style={{ inlineSize: `${Math.round(progress * 100)}%` }} />
        </div>
        <div className="cl-drill__controls">
          {/* One button that changes its job, so focus stays on it as the timer starts, pauses and ends. */}
          <button
            type="button"
            className="cl-button cl-button--primary"
            ref={primaryRef}
            onClick={state === 'running' ? onPause : onStart}
            data-testid="drill-primary"
            data-action={state === 'running' ? 'pause' : 'start'}
          >
            {state === 'running' ? 'Pause' : state === 'paused' ? 'Resume' : state === 'done' ? 'Start again' : 'Start'}
          </button>
          <button type="button" className="cl-button" onClick={onReset} disabled={state === 'ready'} data-testid="drill-reset">
            Reset
          </button>
          <span className="cl-drill__state">{state === 'running' ? 'Running' : state === 'paused' ? 'Paused' : state === 'done' ? 'Time is up' : 'Ready'}</span>
        </div>
      </div>
      <p className="sr-only" aria-live="polite" data-testid="drill-live">
        {announcement}
      </p>

      {grading ? (
        <fieldset className="cl-drill__checklist" tabIndex={-1} ref={checklistRef} data-testid="drill-checklist">
          <legend>Which of these did your answer cover?</legend>
          <ul>
            {drill.checklist.map((point, i) => (
              <li key={i}>
                <label>
                  <input type="checkbox" checked={covered.has(i)} onChange={(e) => toggle(i, e.currentTarget.checked)} />
                  <span>
                    <Inline text={point} />
                  </span>
                </label>
              </li>
            ))}
          </ul>
          <p className="cl-drill__score" data-testid="drill-score">
            You covered {covered.size} of {drill.checklist.length}.
            {covered.size === drill.checklist.length ? ' That is a complete answer.' : ' Read the unticked points, then try again from the start.'}
          </p>
        </fieldset>
      ) : (
        <p>
          <button type="button" className="cl-button" onClick={onGrade} data-testid="drill-grade">
            Done: check what I covered
          </button>
        </p>
      )}

      <Sub className="cl-drill__subtitle">Follow-up questions</Sub>
      <div className="cl-drill__followup" data-testid="drill-followup">
        <p className="cl-drill__count">
          Follow-up {followUp + 1} of {drill.followUps.length}
        </p>
        <p className="cl-drill__question" tabIndex={-1} ref={questionRef}>
          <Inline text={current.question} />
        </p>
        {shown ? (
          <div className="cl-drill__answer" tabIndex={-1} ref={answerRef} data-testid="drill-answer">
            <p>
              <strong>A strong answer:</strong> <Inline text={current.answer} />
            </p>
          </div>
        ) : (
          <p className="cl-drill__think">Answer it out loud first.</p>
        )}
        <div className="cl-drill__controls">
          {!shown && (
            <button type="button" className="cl-button" onClick={reveal} data-testid="drill-reveal">
              Show the answer
            </button>
          )}
          <button type="button" className="cl-button" onClick={() => go(followUp - 1)} disabled={followUp === 0}>
            Previous
          </button>
          <button type="button" className="cl-button" onClick={() => go(followUp + 1)} disabled={followUp === drill.followUps.length - 1} data-testid="drill-next">
            Next follow-up
          </button>
        </div>
      </div>
    </section>
  );
}
