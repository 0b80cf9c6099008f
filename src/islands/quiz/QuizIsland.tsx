/**
 * The quiz island: one question at a time from a bank, feedback for every option, a result with
 * a breakdown and retries. Each checked answer is saved at once with the round (its order, its
 * shuffle seed, its answers), so a reload or a later visit offers to continue where the reader
 * stopped. Each checked answer also reviews its question's card (spaced review, `review.ts`). In
 * practice mode it receives every bank merged (ids `bankId/questionId`) and first asks what to
 * draw from: a mixed set, or the questions due for review (preselected by `?source=due`).
 *
 * This component wires state to views: the round's phases are the statechart in
 * `round-machine.ts` (through `@xstate/react`), its steps are pure functions in `session.ts`,
 * grading is `grade.ts`, set drawing `practice.ts`, persistence the progress store. Saved progress
 * is read only after hydration, so server HTML and the first client render always agree; a new
 * round then gets a fresh seed, so every round shows its options in a new order.
 */
import { useActorRef, useSelector } from '@xstate/react';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Question, QuizBank } from '../../schemas/quiz.ts';
import { lastAttempt, quizBank, unfinishedRound, withAttempt, withoutRound, type AttemptMode, type QuizAttempt } from '../../progress/record.ts';
import { dueKeys } from '../../progress/due.ts';
import { withReviewedRound } from '../../progress/review.ts';
import { getBrowserStore } from '../../progress/store.ts';
import { drawPractice, drawReview, reviewLessons, type PracticeFilters, type PracticeSource } from './practice.ts';
import { PracticeStart } from './PracticeStart.tsx';
import { QuestionCard } from './QuestionCard.tsx';
import { Results, type LessonLink } from './Results.tsx';
import { ResumeOffer } from './ResumeOffer.tsx';
import { roundMachine, type RoundEvent, type RoundPhase } from './round-machine.ts';
import { answeredCount, currentId, displayOrder, outcomes, summarize, toAttempt } from './session.ts';
import { freshSeed } from './shuffle.ts';
import './quiz.css';

export interface QuizIslandProps {
  /** The bank's id (its file name), or the practice id in practice mode: attempts and unfinished rounds are saved under it. */
  bankId: string;
  bank: QuizBank;
  /** `practice`: start with filters and draw a mixed set; question ids are `bankId/questionId`. */
  mode?: 'lesson' | 'practice';
  /** Lessons that questions may link to and be filtered by, in course order (practice mode). */
  lessons?: ({ id: string } & LessonLink)[];
  /** Level of the quiz's own heading, so the page's outline has no gaps (3 inside a lesson section). */
  headingLevel?: 2 | 3 | 4;
  /** Questions per practice set. */
  practiceSize?: number;
}

const dateFormat = () => new Intl.DateTimeFormat(undefined, { dateStyle: 'long' });

function LastAttempt({ attempt }: { attempt: QuizAttempt | null }) {
  if (!attempt) return null;
  return (
    <p className="cl-quiz__last" data-testid="quiz-last-attempt">
      Last attempt: {attempt.score} of {attempt.total} right, on {dateFormat().format(new Date(attempt.at))}.
    </p>
  );
}

export default function QuizIsland({ bankId, bank, mode = 'lesson', lessons = [], headingLevel = 3, practiceSize = 10 }: QuizIslandProps) {
  const practice = mode === 'practice';
  const questions = useMemo<Record<string, Question>>(() => Object.fromEntries(bank.questions.map((q) => [q.id, q])), [bank]);
  const allIds = useMemo(() => bank.questions.map((q) => q.id), [bank]);
  const lessonLinks = useMemo(() => Object.fromEntries(lessons.map((l) => [l.id, l])), [lessons]);
  // The first round's seed is the bank id: the server and the first client render must agree.
  const actor = useActorRef(roundMachine, { input: { questions, ids: practice ? null : allIds, seed: bankId } });
  const phase = useSelector(actor, (s) => s.value as RoundPhase);
  const session = useSelector(actor, (s) => s.context.session);
  const [ready, setReady] = useState(false);
  const [last, setLast] = useState<QuizAttempt | null>(null);
  const [missed, setMissed] = useState<ReadonlySet<string>>(new Set());
  const [filters, setFilters] = useState<PracticeFilters>({ lesson: null, difficulty: null });
  const [source, setSource] = useState<PracticeSource>('mixed');
  // Review state read after hydration: due keys (most overdue first) and every question with a card.
  const [review, setReview] = useState<{ due: string[]; answered: ReadonlySet<string>; lessons: ReadonlySet<string> }>({ due: [], answered: new Set(), lessons: new Set() });
  // How the round in progress was drawn, for the saved attempt; a ref, since the save handlers outlive renders.
  const attemptMode = useRef<AttemptMode>(practice ? 'practice' : 'lesson');
  const [saveNotice, setSaveNotice] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);
  const title = useRef<HTMLHeadingElement>(null);
  const moveFocus = useRef(false);

  const refreshFromStore = () => {
    const record = getBrowserStore().record;
    setLast(lastAttempt(record, bankId));
    setMissed(new Set(Object.keys(record.missed)));
    // The clock is read here, in the island, never in the pure modules.
    if (practice) setReview({ due: dueKeys(record, new Date(), new Set(allIds)), answered: new Set(Object.keys(record.cards)), lessons: reviewLessons(record.lessons) });
  };

  /** Applies a change to saved progress; says so in the quiz when this browser cannot keep it. */
  const persist = (change: Parameters<ReturnType<typeof getBrowserStore>['update']>[0]) => {
    const store = getBrowserStore();
    const failed = store.update(change);
    setSaveNotice(store.persistent ? null : (failed ?? store.notice));
  };

  // Saving follows the machine: each checked answer, the finished round, a round given up.
  useEffect(() => {
    const subs = [
      actor.on('progress.round', ({ round }) => persist((r, at) => withReviewedRound(r, bankId, round, at))),
      actor.on('progress.finished', ({ session: done }) => {
        const mode = attemptMode.current;
        persist((r, at) => withoutRound(withAttempt(r, bankId, { ...toAttempt(done, at), mode }, outcomes(done, quizBank(bankId), practice)), bankId));
        refreshFromStore();
      }),
      actor.on('progress.discard', () => persist((r) => withoutRound(r, bankId))),
    ];
    return () => subs.forEach((s) => s.unsubscribe());
  }, [actor, bankId]);

  // After hydration: offer the saved unfinished round, or start a freshly shuffled one.
  useEffect(() => {
    const record = getBrowserStore().record;
    refreshFromStore();
    const saved = unfinishedRound(record, bankId);
    if (practice && new URLSearchParams(window.location.search).get('source') === 'due') setSource('due');
    if (saved) actor.send({ type: 'round.restore', round: saved });
    if (!actor.getSnapshot().matches('resumed') && !practice) actor.send({ type: 'round.start', ids: allIds, seed: freshSeed() });
    setReady(true);
  }, [actor, bankId]);

  // Focus follows the reader's action (Next, Retry, Start, Continue), never the first render of the page.
  useEffect(() => {
    if (!moveFocus.current) return;
    moveFocus.current = false;
    heading.current?.focus();
  }, [session?.index, session?.seed, phase]);

  const send = (event: RoundEvent, focus = false) => {
    if (focus) moveFocus.current = true;
    actor.send(event);
  };

  const begin = (ids: string[]) => {
    setAnnouncement('');
    send({ type: 'round.start', ids, seed: freshSeed() }, true);
  };

  const next = () => {
    setAnnouncement('');
    send({ type: 'question.next' }, true);
  };

  /** Check and simulation verdicts: update the round and say the verdict in the live region. */
  const settle = (event: Extract<RoundEvent, { type: 'answer.check' | 'answer.simulated' }>) => {
    actor.send(event);
    const snap = actor.getSnapshot();
    const id = snap.context.session && currentId(snap.context.session);
    const graded = id ? snap.context.session?.graded[id] : undefined;
    if (snap.matches('checked') && graded) setAnnouncement(graded.correct ? 'Correct.' : 'Not quite. The explanations follow.');
  };

  const newSet = () => {
    actor.send({ type: 'practice.choose' });
    requestAnimationFrame(() => title.current?.focus());
  };

  const startPractice = () => {
    const record = getBrowserStore().record;
    const seed = `practice-${record.quizzes[bankId]?.attempts.length ?? 0}-${freshSeed()}`;
    attemptMode.current = source === 'due' ? 'review' : 'practice';
    begin(
      source === 'due'
        ? drawReview(bank.questions, review.due, review.answered, review.lessons, filters, practiceSize, seed)
        : drawPractice(bank.questions, missed, filters, practiceSize, seed),
    );
  };

  const startOver = () => {
    setAnnouncement('');
    if (practice) {
      actor.send({ type: 'round.discard', ids: [], seed: freshSeed() });
      requestAnimationFrame(() => title.current?.focus());
    } else {
      send({ type: 'round.discard', ids: allIds, seed: freshSeed() }, true);
    }
  };

  const Title = `h${headingLevel}` as 'h3';
  const id = session ? currentId(session) : null;
  const question = id ? questions[id] : null;
  const showing = (phase === 'answering' || phase === 'checked') && session && question;

  return (
    <section
      className="cl-quiz"
      data-testid="quiz"
      data-bank={bankId}
      data-mode={mode}
      data-phase={phase}
      data-round-ready={ready ? 'true' : undefined}
      aria-labelledby={`cl-quiz-title-${bankId}`}
    >
      <Title className="cl-quiz__title" id={`cl-quiz-title-${bankId}`} tabIndex={-1} ref={title}>
        {bank.title}
      </Title>
      <LastAttempt attempt={last} />
      {phase === 'choosing' && (
        <PracticeStart
          questions={bank.questions}
          lessons={lessons}
          missed={missed}
          filters={filters}
          size={practiceSize}
          source={source}
          review={review}
          onSource={setSource}
          onFilters={setFilters}
          onStart={startPractice}
        />
      )}
      {phase === 'resumed' && session && (
        <ResumeOffer
          answered={answeredCount(session)}
          position={session.index + 1}
          count={session.ids.length}
          finished={answeredCount(session) === session.ids.length}
          onContinue={() => send({ type: 'round.continue' }, true)}
          onStartOver={startOver}
        />
      )}
      {showing && (
        <QuestionCard
          key={`${session.seed}:${question.id}`}
          question={question}
          order={displayOrder(session, question)}
          position={session.index + 1}
          count={session.ids.length}
          response={session.responses[question.id]}
          graded={phase === 'checked' ? session.graded[question.id] : undefined}
          hinted={session.hinted[question.id] === true}
          needsAnswer={session.needsAnswer}
          headingLevel={headingLevel + 1}
          headingRef={heading}
          onRespond={(response) => actor.send({ type: 'answer.respond', response })}
          onHint={() => actor.send({ type: 'hint.show' })}
          onCheck={() => settle({ type: 'answer.check' })}
          onSimulated={(r) => settle({ type: 'answer.simulated', ...r })}
          onNext={next}
          announce={setAnnouncement}
        />
      )}
      {showing && saveNotice && (
        <p className="cl-quiz__saved" role="status" data-testid="quiz-save-notice">
          {saveNotice}
        </p>
      )}
      {phase === 'done' && session && (
        <Results
          summary={summarize(session, questions)}
          questions={questions}
          headingLevel={headingLevel + 1}
          headingRef={heading}
          lessonLinks={lessonLinks}
          saveNotice={saveNotice}
          onRetryAll={() => begin(session.ids)}
          onRetryMissed={() => begin(summarize(session, questions).missed)}
          onNewSet={practice ? newSet : undefined}
        />
      )}
      <p className="sr-only" aria-live="polite" data-testid="quiz-live">
        {announcement}
      </p>
    </section>
  );
}
