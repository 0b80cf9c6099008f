/**
 * The quiz island: one question at a time from a bank, feedback for every option, a result with
 * a breakdown and retries, saved to the reader's progress. In practice mode it receives every bank
 * merged (ids `bankId/questionId`) and first asks which lesson and difficulty to draw from.
 *
 * This component wires state to views: transitions live in `session.ts`, grading in `grade.ts`,
 * set drawing in `practice.ts`, persistence in the progress store. Saved progress is read only
 * after hydration, so server HTML and the first client render always agree.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Question, QuizBank } from '../../schemas/quiz.ts';
import { lastAttempt, withAttempt, type QuizAttempt } from '../../progress/record.ts';
import { getBrowserStore } from '../../progress/store.ts';
import { drawPractice, type PracticeFilters } from './practice.ts';
import { PracticeStart } from './PracticeStart.tsx';
import { QuestionCard } from './QuestionCard.tsx';
import { Results, type LessonLink } from './Results.tsx';
import { currentId, outcomes, reduce, startSession, summarize, toAttempt, type Action, type Session } from './session.ts';
import './quiz.css';

export interface QuizIslandProps {
  /** The bank's id (its file name), or the practice id in practice mode: attempts are saved under it. */
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
  const lessonLinks = useMemo(() => Object.fromEntries(lessons.map((l) => [l.id, l])), [lessons]);
  const [session, setSession] = useState<Session | null>(() => (practice ? null : startSession(bank.questions.map((q) => q.id), questions)));
  const [round, setRound] = useState(0);
  const [last, setLast] = useState<QuizAttempt | null>(null);
  const [missed, setMissed] = useState<ReadonlySet<string>>(new Set());
  const [filters, setFilters] = useState<PracticeFilters>({ lesson: null, difficulty: null });
  const [saveNotice, setSaveNotice] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);
  const title = useRef<HTMLHeadingElement>(null);
  const moveFocus = useRef(false);

  const refreshFromStore = () => {
    const record = getBrowserStore().record;
    setLast(lastAttempt(record, bankId));
    setMissed(new Set(Object.keys(record.missed)));
  };
  useEffect(refreshFromStore, [bankId]);

  // Focus follows the reader's action (Next, Retry, Start), never the first render of the page.
  useEffect(() => {
    if (!moveFocus.current) return;
    moveFocus.current = false;
    heading.current?.focus();
  }, [session?.index, session?.phase, round]);

  const act = (action: Action) => setSession((s) => (s ? reduce(s, action) : s));

  const begin = (ids: string[]) => {
    moveFocus.current = true;
    setRound((r) => r + 1);
    setSaveNotice(null);
    setAnnouncement('');
    setSession(startSession(ids, questions));
  };

  const save = (done: Session) => {
    const store = getBrowserStore();
    const failed = store.update((r, at) => withAttempt(r, bankId, toAttempt(done, at), outcomes(done, bankId, practice)));
    setSaveNotice(store.persistent ? null : (failed ?? store.notice));
    refreshFromStore();
  };

  const next = () => {
    if (!session) return;
    const after = reduce(session, { type: 'next' });
    moveFocus.current = true;
    setAnnouncement('');
    setSession(after);
    if (after.phase === 'done') save(after);
  };

  /** Check and simulation verdicts: update the round and say the verdict in the live region. */
  const settle = (action: Extract<Action, { type: 'check' | 'simulated' }>) => {
    if (!session) return;
    const { question } = action;
    const after = reduce(session, action);
    setSession(after);
    const graded = after.graded[question.id];
    if (after.phase === 'checked' && graded) setAnnouncement(graded.correct ? 'Correct.' : 'Not quite. The explanations follow.');
  };

  const newSet = () => {
    setSession(null);
    requestAnimationFrame(() => title.current?.focus());
  };

  const startPractice = () => {
    const seed = `practice-${getBrowserStore().record.quizzes[bankId]?.attempts.length ?? 0}`;
    begin(drawPractice(bank.questions, missed, filters, practiceSize, seed));
  };

  const Title = `h${headingLevel}` as 'h3';
  const id = session ? currentId(session) : null;
  const question = id ? questions[id] : null;

  return (
    <section className="cl-quiz" data-testid="quiz" data-bank={bankId} data-mode={mode} aria-labelledby={`cl-quiz-title-${bankId}`}>
      <Title className="cl-quiz__title" id={`cl-quiz-title-${bankId}`} tabIndex={-1} ref={title}>
        {bank.title}
      </Title>
      <LastAttempt attempt={last} />
      {!session && (
        <PracticeStart questions={bank.questions} lessons={lessons} missed={missed} filters={filters} size={practiceSize} onFilters={setFilters} onStart={startPractice} />
      )}
      {session && question && (
        <QuestionCard
          key={`${round}:${question.id}`}
          question={question}
          position={session.index + 1}
          count={session.ids.length}
          response={session.responses[question.id]}
          graded={session.phase === 'checked' ? session.graded[question.id] : undefined}
          hinted={session.hinted[question.id] === true}
          needsAnswer={session.needsAnswer}
          headingLevel={headingLevel + 1}
          headingRef={heading}
          onRespond={(response) => act({ type: 'respond', id: question.id, response })}
          onHint={() => act({ type: 'hint', id: question.id })}
          onCheck={() => settle({ type: 'check', question })}
          onSimulated={(r) => settle({ type: 'simulated', question, ...r })}
          onNext={next}
          announce={setAnnouncement}
        />
      )}
      {session?.phase === 'done' && (
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
