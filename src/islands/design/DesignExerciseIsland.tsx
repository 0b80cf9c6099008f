/**
 * The guided design exercise island (<DesignExercise>): seven steps, the reader's work saved in the
 * progress record on every change (typing after a pause and on blur or leaving the page), a shared
 * design offered (never loaded silently) from a `#design=` link, interview mode's ticking clock,
 * and the design lab run in a Web Worker. It owns state and timers and wires the step views; the
 * exercise's logic lives in src/design/ (pure) and this folder's pure helpers.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { STEP_IDS, type StepId } from '../../design/ids.ts';
import { interviewState, pauseInterview, resumeInterview, startInterview, type InterviewState } from '../../design/interview.ts';
import { decodeDesign, type SharedDesign } from '../../design/share.ts';
import { emptyWork, mechanismsComplete, type DesignWork } from '../../design/work.ts';
import { designWork, withDesignWork } from '../../progress/record.ts';
import { getBrowserStore } from '../../progress/store.ts';
import type { DesignExercise } from '../../schemas/design-exercise.ts';
import { ArchitectureStep } from './ArchitectureStep.tsx';
import { ClarifyStep } from './ClarifyStep.tsx';
import { EstimateStep } from './EstimateStep.tsx';
import { InterviewBar } from './InterviewBar.tsx';
import { interviewAnnouncement } from './interview-view.ts';
import { ActionButton } from '../player/ActionButton.tsx';
import { idleLab, labStale, reduceLab, scoreSummary, type LabEvent, type LabState } from './lab-state.ts';
import { LabStep } from './LabStep.tsx';
import { MechanismsStep } from './MechanismsStep.tsx';
import { ScalingStep } from './ScalingStep.tsx';
import { StepFrame } from './StepFrame.tsx';
import type { Act } from './types.ts';
import { WrapUpStep } from './WrapUpStep.tsx';
import { nextStep, previousStep, reduceWork, stepDone, stepIndex } from './work-state.ts';
import './design.css';

type LabRuntime = typeof import('./lab-runtime.ts');
type ShareOffer = { kind: 'offer'; work: SharedDesign; warnings: string[] } | { kind: 'error'; message: string } | { kind: 'loaded'; warnings: string[] };

/** The server's render and the first client render: nothing answered (saved work loads after hydration). */
const BEFORE_LOAD = '1970-01-01T00:00:00.000Z';
const TYPING_PAUSE_MS = 500;

export default function DesignExerciseIsland({ exercise }: { exercise: DesignExercise }) {
  const [work, setWork] = useState<DesignWork>(() => emptyWork(BEFORE_LOAD));
  const workRef = useRef(work);
  const [ready, setReady] = useState(false);
  const [saveNotice, setSaveNotice] = useState<string | null>(null);
  const [loadNotice, setLoadNotice] = useState<string | null>(null);
  const [share, setShare] = useState<ShareOffer | null>(null);
  const typing = useRef<number | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const focusOnStep = useRef(false);

  // ---- saving -------------------------------------------------------------------------------
  const save = useCallback(() => {
    if (typing.current !== null) {
      window.clearTimeout(typing.current);
      typing.current = null;
    }
    const store = getBrowserStore();
    const failed = store.update((r) => withDesignWork(r, exercise.id, workRef.current));
    setSaveNotice(store.persistent ? null : (failed ?? store.notice));
  }, [exercise.id]);

  const flush = useCallback(() => {
    if (typing.current !== null) save();
  }, [save]);

  const act: Act = useCallback(
    (action, options) => {
      const next = reduceWork(workRef.current, action, new Date().toISOString());
      if (action.type === 'go' && action.step !== workRef.current.step) focusOnStep.current = true;
      workRef.current = next;
      setWork(next);
      if (options?.debounce) {
        if (typing.current !== null) window.clearTimeout(typing.current);
        typing.current = window.setTimeout(save, TYPING_PAUSE_MS);
      } else {
        save();
      }
    },
    [save],
  );

  const flushRef = useRef(flush);
  flushRef.current = flush;

  // ---- loading: saved work, then a shared link -----------------------------------------------
  useEffect(() => {
    const store = getBrowserStore();
    const saved = designWork(store.record, exercise.id);
    if (saved) {
      workRef.current = saved;
      setWork(saved);
    }
    if (store.notice && store.notice.includes('designs ›')) setLoadNotice(store.notice);
    else if (!store.persistent) setSaveNotice(store.notice);
    const m = /^#design=(.*)$/.exec(window.location.hash);
    if (m) {
      let text = m[1];
      try {
        text = decodeURIComponent(text);
      } catch {
        // Keep the raw text; decodeDesign names what is wrong with it.
      }
      const decoded = decodeDesign(text);
      setShare(decoded.ok ? { kind: 'offer', work: decoded.work, warnings: decoded.warnings } : { kind: 'error', message: decoded.error });
    }
    setReady(true);
    const onHide = () => flushRef.current();
    window.addEventListener('pagehide', onHide);
    return () => {
      window.removeEventListener('pagehide', onHide);
      onHide();
    };
  }, [exercise.id]);

  const clearHash = () => {
    if (window.location.hash.startsWith('#design=')) history.replaceState(history.state, '', window.location.pathname + window.location.search);
  };
  /** Close the share notice (keep mine, or dismiss an unreadable link) and drop the link from the address bar. */
  const dismissShare = () => {
    setShare(null);
    clearHash();
  };

  // ---- step focus ------------------------------------------------------------------------------
  useEffect(() => {
    if (!focusOnStep.current) return;
    focusOnStep.current = false;
    heading.current?.focus();
    heading.current?.scrollIntoView({ block: 'start', behavior: window.matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth' });
  }, [work.step]);
  const go = (step: StepId) => act({ type: 'go', step });

  // ---- interview clock -----------------------------------------------------------------------
  const clock = work.interview;
  const [now, setNow] = useState(() => Date.now());
  const [said, setSaid] = useState('');
  const lastState = useRef<InterviewState | null>(null);
  useEffect(() => {
    if (!clock?.runningSince) return;
    setNow(Date.now());
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, [clock?.runningSince]);
  const iState = clock && ready ? interviewState(clock, now) : null;
  useEffect(() => {
    if (!clock || !iState) {
      lastState.current = null;
      return;
    }
    const message = interviewAnnouncement(lastState.current, iState);
    lastState.current = iState;
    if (message) setSaid(message);
    if (iState.over && clock.runningSince !== null) {
      // Time ran out (here, or while the page was closed): stop the clock once and go to the review.
      act({ type: 'interview', clock: pauseInterview(clock, Date.now()) });
      go('wrap-up');
    }
  });
  const toggleInterview = (on: boolean) => {
    if (on) {
      act({ type: 'interview', clock: startInterview(Date.now()) });
      setSaid('Interview mode on: 45 minutes, starting with requirements and estimates.');
    } else endInterview();
  };
  const endInterview = () => {
    act({ type: 'interview', clock: null });
    setSaid('Interview ended. Review your design against the rubric.');
    go('wrap-up');
  };

  // ---- the lab ---------------------------------------------------------------------------------
  const [lab, setLab] = useState<LabState>(idleLab);
  const [runtime, setRuntime] = useState<LabRuntime | null>(null);
  const [labSaid, setLabSaid] = useState('');
  const cancelLab = useRef<(() => void) | null>(null);
  const labEvent = (e: LabEvent) => setLab((s) => reduceLab(s, e));
  useEffect(() => () => cancelLab.current?.(), []);
  useEffect(() => {
    // Load the lab's code (the plan, the scorecard and every protocol) only once the lab is open.
    if (work.step === 'lab' && !runtime) void import('./lab-runtime.ts').then(setRuntime);
  }, [work.step, runtime]);
  const runLab = async () => {
    const m = workRef.current.mechanisms;
    if (!mechanismsComplete(m)) return;
    cancelLab.current?.();
    const rt = runtime ?? (await import('./lab-runtime.ts'));
    if (!runtime) setRuntime(rt);
    const plan = rt.labPlan(m);
    labEvent({ type: 'start', mechanisms: m, total: plan.length });
    setLabSaid(`Running your design: ${plan.length} simulations.`);
    cancelLab.current = rt.startLab(plan, {
      onProgress: (done, total, current) => labEvent({ type: 'progress', done, total, title: current.title }),
      onRun: (outcome) => labEvent({ type: 'run', outcome }),
      onDone: () => {
        cancelLab.current = null;
        labEvent({ type: 'done' });
        setLabSaid('done');
      },
      onError: (message) => {
        cancelLab.current = null;
        labEvent({ type: 'error', message });
        setLabSaid(`The lab stopped: ${message}`);
      },
    });
  };
  const stopLab = () => {
    cancelLab.current?.();
    cancelLab.current = null;
    labEvent({ type: 'cancel' });
    setLabSaid('Lab stopped.');
  };
  const rows = useMemo(() => (runtime && lab.ran && lab.phase !== 'idle' ? runtime.scorecard(lab.ran, work.components, lab.outcomes) : null), [runtime, lab, work.components]);
  const stale = labStale(lab, work.mechanisms);
  const labSentence = labSaid === 'done' && rows ? `Lab finished: ${scoreSummary(rows)}.` : labSaid;

  // ---- view ----------------------------------------------------------------------------------
  const step = work.step;
  const n = stepIndex(step);
  const props = { exercise, work, act, flush };
  const prev = previousStep(step);
  const next = nextStep(step);
  const labFresh = lab.phase === 'done' && !stale;

  return (
    <div className="cl-design" data-testid="design" data-ready={ready} data-step={step}>
      {loadNotice && (
        <p className="cl-design__notice" role="status">
          <span aria-hidden="true">⚠ </span>
          {loadNotice}
        </p>
      )}
      {saveNotice && (
        <p className="cl-design__notice" role="status">
          <span aria-hidden="true">⚠ </span>
          {saveNotice}
        </p>
      )}
      {share?.kind === 'offer' && (
        <div className="cl-design__notice cl-design__notice--share" role="region" aria-label="Shared design" data-testid="design-share-offer">
          <p>
            <strong>You opened a shared design:</strong> {share.work.components.length} components, {Object.keys(share.work.mechanisms).length} of 5 mechanisms chosen
            {share.work.ranking.length ? ', and a ranking' : ''}. Loading it replaces your components, mechanisms and ranking; your notes, figures and other answers stay.
          </p>
          {share.warnings.length > 0 && (
            <ul>
              {share.warnings.map((w, i) => (
                <li key={i}>{w}</li>
              ))}
            </ul>
          )}
          <div className="cl-design__actions">
            <button
              type="button"
              className="cl-design__btn cl-design__btn--primary"
              onClick={() => {
                act({ type: 'shared', work: share.work });
                setShare({ kind: 'loaded', warnings: share.warnings });
                clearHash();
              }}
              data-testid="design-share-load"
            >
              Load it (replaces your answers)
            </button>
            <button
              type="button"
              className="cl-design__btn"
              onClick={dismissShare}
              data-testid="design-share-keep"
            >
              Keep mine
            </button>
          </div>
        </div>
      )}
      {share?.kind === 'error' && (
        <div className="cl-design__notice" role="alert" data-testid="design-share-error">
          <p>
            <span aria-hidden="true">⚠ </span>The shared design link could not be read: {share.message} Your own answers are unchanged.
          </p>
          <button
            type="button"
            className="cl-design__btn"
            onClick={dismissShare}
          >
            Dismiss
          </button>
        </div>
      )}
      {share?.kind === 'loaded' && (
        <p className="cl-design__notice" role="status">
          <span aria-hidden="true">✓ </span>The shared design is loaded: its components, mechanisms and ranking are now yours to change.
        </p>
      )}

      <InterviewBar
        clock={clock}
        state={iState}
        said={said}
        onToggle={toggleInterview}
        onPause={() => clock && act({ type: 'interview', clock: pauseInterview(clock, Date.now()) })}
        onResume={() => clock && act({ type: 'interview', clock: resumeInterview(clock, Date.now()) })}
        onEnd={endInterview}
      />

      <nav className="cl-design__nav" aria-label="Exercise steps">
        <ol className="cl-design__steps">
          {STEP_IDS.map((id, i) => {
            const done = stepDone(exercise, work, id, labFresh && id === 'lab');
            const title = exercise.steps.find((s) => s.id === id)?.title ?? id;
            return (
              <li key={id}>
                <button type="button" className="cl-design__stepbtn" aria-current={id === step ? 'step' : undefined} onClick={() => go(id)} data-testid="design-step" data-step-id={id}>
                  <span className="cl-design__stepnum">{i + 1}.</span> {title}
                  {done && (
                    <span className="cl-design__done">
                      {' '}
                      <span aria-hidden="true">✓</span> done
                    </span>
                  )}
                </button>
              </li>
            );
          })}
        </ol>
      </nav>

      <StepFrame key={step} step={step} number={n + 1} headingRef={heading} {...props}>
        {step === 'clarify' && <ClarifyStep {...props} />}
        {step === 'estimate' && <EstimateStep {...props} />}
        {step === 'architecture' && <ArchitectureStep {...props} />}
        {step === 'mechanisms' && <MechanismsStep {...props} stale={stale} />}
        {step === 'lab' && <LabStep {...props} lab={lab} rows={rows} stale={stale} onRun={() => void runLab()} onCancel={stopLab} />}
        {step === 'scaling' && <ScalingStep {...props} />}
        {step === 'wrap-up' && <WrapUpStep {...props} rows={rows} />}
      </StepFrame>

      <p className="cl-design__sr" aria-live="polite" data-testid="design-lab-live">
        {labSentence}
      </p>

      <div className="cl-design__pager">
        <ActionButton className="cl-design__btn" off={!prev} why="This is the first step." srClass="cl-design__sr" onAct={() => prev && go(prev)} data-testid="design-prev">
          <span aria-hidden="true">← </span>Previous{prev ? <span className="cl-design__sr">: {exercise.steps.find((s) => s.id === prev)?.title}</span> : null}
        </ActionButton>
        <ActionButton className="cl-design__btn cl-design__btn--primary" off={!next} why="This is the last step." srClass="cl-design__sr" onAct={() => next && go(next)} data-testid="design-next">
          Next{next ? <span className="cl-design__sr">: {exercise.steps.find((s) => s.id === next)?.title}</span> : null}
          <span aria-hidden="true"> →</span>
        </ActionButton>
      </div>
    </div>
  );
}
