/**
 * The timed mixed exam on the practice page: the reader picks how many questions and how long,
 * answers with no hints and no feedback while a visible countdown runs (pausable: the questions
 * hide while it is stopped), then hands in, or the clock does, and sees the score and every
 * question with its explanations. The attempt is saved as a practice attempt marked `exam`, and
 * every answer reviews its question's card.
 *
 * An exam in progress is saved in the progress record after every answer change, question move,
 * pause and resume (not on clock ticks: the saved clock already knows when it started running).
 * After hydration the island offers to continue a saved exam or discard it; one whose time ran
 * out while the reader was away is handed in and graded at once, and the result says so.
 *
 * Only this island reads the clock (`Date.now()`, on actions and on a one-second tick while the
 * exam runs or its offer shows a running clock); the exam itself is pure steps in `exam.ts`. It renders the quiz's own answer
 * controls and feedback, so an exam question looks like a quiz question.
 */
import { useEffect, useId, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Question, QuizBank } from '../../schemas/quiz.ts';
import { PRACTICE_BANK_ID } from '../../progress/constants.ts';
import { unfinishedExam, withAttempt, withExam, withoutExam, type ProgressRecord } from '../../progress/record.ts';
import { withReviews } from '../../progress/review.ts';
import { getBrowserStore } from '../../progress/store.ts';
import { ChoiceOptions, OrderingList } from './Answers.tsx';
import { HistoryView } from './HistoryView.tsx';
import {
  EXAM_MINUTES,
  EXAM_SIZES,
  answerExam,
  answeredIds,
  drawExam,
  examAttempt,
  examSnapshot,
  examOrder,
  examOutcomes,
  examReviews,
  examable,
  goTo,
  gradeExam,
  restoreExam,
  resumeInfo,
  resumeSpoken,
  startExam,
  type Exam,
  type ExamResult,
} from './exam.ts';
import { ExamResumeOffer } from './ExamResumeOffer.tsx';
import { formatClock, isPaused, isTimeUp, pauseClock, remainingMs, resumeClock, spokenClock } from '../../timing/countdown.ts';
import { Feedback } from './Feedback.tsx';
import { Inline } from './Inline.tsx';
import { freshSeed } from './shuffle.ts';
import './quiz.css';
import './practice.css';

interface Props {
  /** Every bank merged, ids `bankId/questionId` (the practice page's merged bank). */
  bank: QuizBank;
  headingLevel?: 2 | 3;
}

type View =
  | { kind: 'setup' }
  /** A saved exam found after hydration, waiting for the reader to continue or discard it. */
  | { kind: 'offer'; exam: Exam }
  | { kind: 'running'; exam: Exam }
  /** `away`: the time ran out while the page was closed (or before the reader continued), so the island handed it in. */
  | { kind: 'done'; exam: Exam; result: ExamResult; saveNotice: string | null; away: boolean };

/** What the result says when the clock ran out with nobody at the exam. */
const AWAY_MESSAGE = 'The time for your exam ran out while you were away, so it was handed in with the answers you had given and graded.';

function Setup({ available, onStart }: { available: number; onStart: (count: number, minutes: number) => void }) {
  const id = useId();
  const [count, setCount] = useState<number>(EXAM_SIZES[0]);
  const [minutes, setMinutes] = useState<number>(10);
  const asked = Math.min(count, available);
  return (
    <form
      className="cl-quiz__practice cl-exam__setup"
      data-testid="exam-setup"
      onSubmit={(e) => {
        e.preventDefault();
        if (asked > 0) onStart(asked, minutes);
      }}
    >
      <div className="cl-quiz__filters">
        <fieldset className="cl-quiz__source">
          <legend>Questions</legend>
          {EXAM_SIZES.map((n) => (
            <label key={n}>
              <input type="radio" name={`${id}-count`} value={n} checked={count === n} onChange={() => setCount(n)} data-testid={`exam-size-${n}`} />
              <span>{n}</span>
            </label>
          ))}
        </fieldset>
        <span className="cl-quiz__filter">
          <label htmlFor={`${id}-minutes`}>Time limit</label>
          <select id={`${id}-minutes`} data-testid="exam-minutes" value={minutes} onChange={(e) => setMinutes(Number(e.currentTarget.value))}>
            {EXAM_MINUTES.map((m) => (
              <option key={m} value={m}>
                {m} minutes
              </option>
            ))}
          </select>
        </span>
      </div>
      <p>
        {asked} {asked === 1 ? 'question' : 'questions'} from every lesson in {minutes} minutes. There are no hints, and you see
        nothing about your answers until you hand in; you can go back and change any answer until then. Pausing stops the clock
        and hides the questions. Simulation questions are left out of exams.
      </p>
      <p data-testid="exam-away-rule">
        Your exam is saved in this browser as you go, so after a reload or on a later visit you can continue it. As in a real exam,
        the clock keeps running while the page is closed unless you pause first. If the time runs out while you are away, the exam is
        handed in with the answers you had given and graded when you come back.
      </p>
      <button type="submit" className="cl-button cl-button--primary cl-quiz__button" data-testid="exam-start" aria-disabled={asked === 0}>
        Start the exam
      </button>
    </form>
  );
}

function Results({
  exam,
  result,
  questions,
  headingLevel,
  saveNotice,
  away,
  onAgain,
}: {
  exam: Exam;
  result: ExamResult;
  questions: Record<string, Question>;
  headingLevel: number;
  saveNotice: string | null;
  away: boolean;
  onAgain: () => void;
}) {
  const H = `h${headingLevel}` as 'h3';
  const Q = `h${Math.min(headingLevel + 1, 6)}` as 'h4';
  const heading = useRef<HTMLHeadingElement>(null);
  // Focus follows the reader's hand-in; an exam handed in by the clock while they were away is
  // announced in the live region instead, so the page does not jump as it loads.
  useEffect(() => {
    if (!away) heading.current?.focus();
  }, []);
  return (
    <div className="cl-quiz__results" data-testid="exam-results">
      <H tabIndex={-1} ref={heading}>
        Your exam result
      </H>
      {away && (
        <p className="cl-quiz__saved" data-testid="exam-away">
          {AWAY_MESSAGE}
        </p>
      )}
      <p className="cl-quiz__score" data-testid="exam-score">
        {result.score} of {result.total} right{result.unanswered.length > 0 && `, ${result.unanswered.length} left unanswered`}.{' '}
        {result.timedOut ? 'The time ran out.' : `You took ${spokenClock(result.usedMs)}.`}
      </p>
      <p className="cl-quiz__saved" data-testid="exam-saved">
        {saveNotice ?? 'Saved in this browser with your practice results. Every question now has its next review scheduled: missed ones come back soon.'}
      </p>
      <ol className="cl-exam__review">
        {result.ids.map((id, i) => {
          const q = questions[id];
          const graded = result.graded[id];
          const unanswered = result.unanswered.includes(id);
          return (
            <li key={id} className="cl-exam__item" data-testid="exam-review-item" data-correct={graded.correct}>
              <Q className="cl-exam__item-title">
                Question {i + 1}: {graded.correct ? '✓ right' : unanswered ? '✗ not answered' : '✗ wrong'}
              </Q>
              <p className="cl-exam__prompt">
                <Inline text={q.prompt} />
              </p>
              {q.kind === 'history' && <HistoryView id={`review-${q.id}`} history={q.history} />}
              <Feedback question={q} order={examOrder(exam, q)} response={unanswered ? undefined : exam.responses[id]} graded={graded} headingLevel={headingLevel + 2} />
            </li>
          );
        })}
      </ol>
      <div className="cl-quiz__actions">
        <button type="button" className="cl-button cl-button--primary cl-quiz__button" data-testid="exam-again" onClick={onAgain}>
          Take another exam
        </button>
      </div>
    </div>
  );
}

export default function ExamIsland({ bank, headingLevel = 2 }: Props) {
  const questions = useMemo<Record<string, Question>>(() => Object.fromEntries(bank.questions.map((q) => [q.id, q])), [bank]);
  const available = useMemo(() => bank.questions.filter(examable).length, [bank]);
  const [view, setView] = useState<View>({ kind: 'setup' });
  const [now, setNow] = useState(0);
  const [announcement, setAnnouncement] = useState('');
  const [saveNotice, setSaveNotice] = useState<string | null>(null);
  const [lostNotice, setLostNotice] = useState<string | null>(null);
  const warned = useRef(false);
  const questionHeading = useRef<HTMLHeadingElement>(null);
  const pauseButton = useRef<HTMLButtonElement>(null);
  const title = useRef<HTMLHeadingElement>(null);
  const moveFocus = useRef(false);
  const Title = `h${headingLevel}` as 'h2';
  const Sub = `h${headingLevel + 1}` as 'h3';

  /** Applies a change to saved progress; returns what to tell the reader when this browser cannot keep it. */
  const persist = (change: (r: ProgressRecord, at: string) => ProgressRecord): string | null => {
    const store = getBrowserStore();
    const failed = store.update(change);
    return store.persistent ? null : (failed ?? store.notice);
  };

  /** Saves the exam in progress, so a reload or a later visit can continue it. */
  const save = (exam: Exam) => setSaveNotice(persist((r, at) => withExam(r, examSnapshot(exam), at)));

  /** Grades at `at`, saves the attempt and reviews, and forgets the exam in progress, in one write. */
  const handIn = (exam: Exam, at: number, away = false) => {
    const result = gradeExam(exam, questions, at);
    const notice = persist((r, iso) =>
      withoutExam(withReviews(withAttempt(r, PRACTICE_BANK_ID, examAttempt(result, iso), examOutcomes(result)), examReviews(result), iso)),
    );
    setView({ kind: 'done', exam, result, saveNotice: notice, away });
    setAnnouncement(away ? `${AWAY_MESSAGE} Your result follows.` : result.timedOut ? 'Time is up. Your exam was handed in.' : '');
  };

  // After hydration (so server HTML and the first client render agree): a saved exam is offered
  // back, or handed in at once if its time ran out while the reader was away.
  useEffect(() => {
    const saved = unfinishedExam(getBrowserStore().record);
    if (!saved) return;
    const t = Date.now();
    const exam = restoreExam(saved, questions);
    if (!exam) {
      // Every question it asked has left the site: nothing to continue or to grade fairly.
      persist(withoutExam);
      setLostNotice('Your unfinished exam could not be continued: its questions are no longer on this site, so it was removed.');
      return;
    }
    setNow(t);
    if (isTimeUp(exam.clock, t)) {
      handIn(exam, t, true);
      return;
    }
    setView({ kind: 'offer', exam });
    setAnnouncement(resumeSpoken(resumeInfo(exam, t)));
  }, []);

  // The tick: only while the exam's clock runs, on the exam itself or on the offer to continue it.
  const running = (view.kind === 'running' || view.kind === 'offer') && !isPaused(view.exam.clock);
  useEffect(() => {
    if (!running) return;
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, [running]);

  // Time checks on every tick: one spoken warning at a minute left, and hand-in at zero.
  useEffect(() => {
    if ((view.kind !== 'running' && view.kind !== 'offer') || isPaused(view.exam.clock)) return;
    const left = remainingMs(view.exam.clock, now);
    if (isTimeUp(view.exam.clock, now)) handIn(view.exam, now, view.kind === 'offer');
    else if (view.kind === 'offer') return;
    else if (left <= 60_000 && !warned.current) {
      warned.current = true;
      setAnnouncement('One minute left.');
    }
  }, [now]);

  useEffect(() => {
    if (!moveFocus.current) return;
    moveFocus.current = false;
    // A paused exam hides its questions: the Resume button is then where the reader carries on.
    (questionHeading.current ?? pauseButton.current)?.focus();
  });

  const start = (count: number, minutes: number) => {
    const t = Date.now();
    const seed = `exam-${freshSeed()}`;
    warned.current = false;
    setNow(t);
    setAnnouncement('');
    setLostNotice(null);
    moveFocus.current = true;
    const exam = startExam(drawExam(bank.questions, count, seed), questions, seed, minutes, t);
    save(exam);
    setView({ kind: 'running', exam });
  };

  /** One step of the running exam; saved at once (answers, moves, pause and resume). */
  const update = (change: (e: Exam, t: number) => Exam, focus = false) => {
    if (view.kind !== 'running') return;
    const t = Date.now();
    setNow(t);
    if (focus) moveFocus.current = true;
    const exam = change(view.exam, t);
    if (exam !== view.exam) save(exam);
    setView({ kind: 'running', exam });
  };

  /** Back to the saved exam as it was left; a running clock has kept running meanwhile. */
  const continueExam = () => {
    if (view.kind !== 'offer') return;
    const t = Date.now();
    setNow(t);
    if (isTimeUp(view.exam.clock, t)) {
      // The Continue button goes with the offer: focus moves to the exam's title above the result.
      handIn(view.exam, t, true);
      requestAnimationFrame(() => title.current?.focus());
      return;
    }
    // The one-minute warning is said again if it applies, since the reader may not have heard it before leaving.
    warned.current = false;
    setAnnouncement('');
    moveFocus.current = true;
    setView({ kind: 'running', exam: view.exam });
  };

  const discard = () => {
    setSaveNotice(persist(withoutExam));
    setView({ kind: 'setup' });
    setAnnouncement('Your unfinished exam was discarded.');
    requestAnimationFrame(() => title.current?.focus());
  };

  const again = () => {
    setView({ kind: 'setup' });
    requestAnimationFrame(() => title.current?.focus());
  };

  let body: ReactNode;
  if (view.kind === 'setup') {
    body = (
      <>
        {lostNotice && (
          <p className="cl-quiz__saved" role="status" data-testid="exam-lost">
            {lostNotice}
          </p>
        )}
        <Setup available={available} onStart={start} />
      </>
    );
  } else if (view.kind === 'offer') body = <ExamResumeOffer info={resumeInfo(view.exam, now)} onContinue={continueExam} onDiscard={discard} />;
  else if (view.kind === 'done') {
    body = (
      <Results exam={view.exam} result={view.result} questions={questions} headingLevel={headingLevel + 1} saveNotice={view.saveNotice} away={view.away} onAgain={again} />
    );
  }
  else {
    const exam = view.exam;
    const id = exam.ids[exam.index];
    const q = questions[id];
    const paused = isPaused(exam.clock);
    const left = remainingMs(exam.clock, now);
    const answered = answeredIds(exam).length;
    const last = exam.index === exam.ids.length - 1;
    body = (
      <div className="cl-exam__running" data-testid="exam-running" data-paused={paused}>
        <div className="cl-exam__bar">
          <p className="cl-exam__clock" data-low={left <= 60_000} data-testid="exam-clock">
            <span className="cl-exam__clock-label">{paused ? 'Paused, time left' : 'Time left'}</span>{' '}
            <span role="timer" aria-label={`${spokenClock(left)} left`} className="cl-exam__clock-time">
              {formatClock(left)}
            </span>
          </p>
          <p className="cl-exam__answered" data-testid="exam-answered">
            Answered {answered} of {exam.ids.length}
          </p>
          <button
            type="button"
            className="cl-button cl-quiz__button"
            data-testid="exam-pause"
            ref={pauseButton}
            aria-pressed={paused}
            onClick={() => update((e, t) => ({ ...e, clock: paused ? resumeClock(e.clock, t) : pauseClock(e.clock, t) }), paused)}
          >
            {paused ? 'Resume' : 'Pause'}
          </button>
        </div>
        {paused ? (
          <p className="cl-exam__paused" data-testid="exam-paused">
            The clock is stopped and the questions are hidden. Press Resume to carry on.
          </p>
        ) : (
          <div className="cl-quiz__question" data-kind={q.kind} data-question-id={q.id}>
            <div className="cl-quiz__meta">
              <Sub className="cl-quiz__counter" tabIndex={-1} ref={questionHeading} data-testid="exam-progress">
                Question {exam.index + 1} of {exam.ids.length}
              </Sub>
            </div>
            <fieldset className="cl-quiz__fieldset">
              <legend className="cl-quiz__prompt">
                <Inline text={q.prompt} />
              </legend>
              {q.kind === 'multiple' && <p className="cl-quiz__instruction">Choose every answer that applies.</p>}
              {q.kind === 'history' && <p className="cl-quiz__instruction">Choose every model this history satisfies.</p>}
              {q.kind === 'ordering' && <p className="cl-quiz__instruction">Put the items in order with the move buttons, first at the top.</p>}
              {q.kind === 'history' && <HistoryView id={q.id} history={q.history} />}
              {(q.kind === 'single' || q.kind === 'multiple' || q.kind === 'history') && (
                <ChoiceOptions key={`${exam.seed}:${id}`} question={q} order={examOrder(exam, q)} response={exam.responses[id]} checked={false} onChange={(r) => update((e) => answerExam(e, id, r))} />
              )}
              {q.kind === 'ordering' && (
                <OrderingList
                  key={`${exam.seed}:${id}`}
                  question={q}
                  order={exam.responses[id]?.kind === 'ordering' ? exam.responses[id].order : q.items.map((_, i) => i)}
                  checked={false}
                  onChange={(r) => update((e) => answerExam(e, id, r))}
                  announce={setAnnouncement}
                />
              )}
            </fieldset>
            <div className="cl-quiz__actions">
              <button type="button" className="cl-button cl-quiz__button" data-testid="exam-previous" disabled={exam.index === 0} onClick={() => update((e) => goTo(e, e.index - 1), true)}>
                Previous
              </button>
              {!last && (
                <button type="button" className="cl-button cl-button--primary cl-quiz__button" data-testid="exam-next" onClick={() => update((e) => goTo(e, e.index + 1), true)}>
                  Next question
                </button>
              )}
              <button type="button" className={`cl-button cl-quiz__button${last ? ' cl-button--primary' : ''}`} data-testid="exam-hand-in" onClick={() => handIn(exam, Date.now())}>
                Hand in{answered < exam.ids.length ? ` (${exam.ids.length - answered} unanswered)` : ''}
              </button>
            </div>
          </div>
        )}
        {saveNotice && (
          <p className="cl-quiz__saved" role="status" data-testid="exam-save-notice">
            {saveNotice}
          </p>
        )}
      </div>
    );
  }

  return (
    <section className="cl-quiz cl-exam" data-testid="exam" data-phase={view.kind} aria-labelledby="cl-exam-title">
      <Title className="cl-quiz__title" id="cl-exam-title" tabIndex={-1} ref={title}>
        Timed exam
      </Title>
      {body}
      <p className="sr-only" aria-live="polite" data-testid="exam-live">
        {announcement}
      </p>
    </section>
  );
}
