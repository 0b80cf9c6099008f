/**
 * The timed mixed exam as pure data and pure steps: drawing N questions across every lesson, the
 * reader's answers (changeable until hand-in; no hints, no feedback), a pausable countdown
 * (src/timing/countdown.ts), and
 * grading everything at the end into a score, a saved attempt and card reviews.
 *
 * No React, no DOM, no storage, and no clock: every instant (milliseconds since the epoch, or ISO
 * text for saved records) is passed in, so the countdown is tested with exact times. The exam
 * island reads the clock and ticks; this module only computes.
 *
 * An exam in progress is saved in the progress record (`withExam`) as a snapshot of its data, and
 * restored from it against the current question bank, so a reload or a later visit continues it.
 */
import type { Question } from '../../schemas/quiz.ts';
import type { ExamResponse, ExamSnapshot, QuestionOutcome, QuizAttempt, UnfinishedExam } from '../../progress/record.ts';
import type { Review } from '../../progress/review.ts';
import { grade, isAnswered, type Graded, type Response } from './grade.ts';
import { blankResponse, displayOrder } from './session.ts';
import { seededShuffle } from './shuffle.ts';
import { formatClock, isPaused, isTimeUp, remainingMs, restoreCountdown, saveCountdown, spokenClock, startClock, usedMs, type Countdown } from '../../timing/countdown.ts';

/** Set sizes and time limits the reader can pick. */
export const EXAM_SIZES = [10, 20] as const;
export const EXAM_MINUTES = [5, 10, 15, 20, 30] as const;

/**
 * Kinds an exam can ask. Simulation-backed questions (predict, break-it) grade themselves as the
 * run is played, which would give feedback before the end, so they stay in practice. A history
 * question ("which models does this history satisfy?") is answered like a multiple-choice one.
 */
export function examable(q: Question): boolean {
  return q.kind === 'single' || q.kind === 'multiple' || q.kind === 'history' || q.kind === 'ordering';
}

/** Up to `count` examable questions, shuffled by `seed`, taking lessons in turn so the mix is wide. */
export function drawExam(questions: readonly Question[], count: number, seed: string): string[] {
  const pool = seededShuffle(questions.filter(examable), seed);
  const byLesson = new Map<string, Question[]>();
  for (const q of pool) {
    const lesson = q.lessons[0] ?? '';
    byLesson.set(lesson, [...(byLesson.get(lesson) ?? []), q]);
  }
  const lanes = [...byLesson.values()];
  const out: string[] = [];
  for (let i = 0; out.length < count && lanes.some((l) => i < l.length); i++) {
    for (const lane of lanes) if (i < lane.length && out.length < count) out.push(lane[i].id);
  }
  return out;
}

export interface Exam {
  ids: string[];
  /** Shuffle seed for option order and ordering starts. */
  seed: string;
  /** The question showing. */
  index: number;
  /** Responses by question id, in bank indices; changeable until hand-in. */
  responses: Record<string, Response>;
  clock: Countdown;
}

/** A new exam over `ids` (unknown ones left out) with `minutes` on the clock from `now`. */
export function startExam(ids: readonly string[], questions: Record<string, Question>, seed: string, minutes: number, now: number): Exam {
  const asked = ids.filter((id) => questions[id] !== undefined);
  const responses: Record<string, Response> = {};
  for (const id of asked) {
    const blank = blankResponse(questions[id], seed);
    if (blank) responses[id] = blank;
  }
  return { ids: asked, seed, index: 0, responses, clock: startClock(minutes * 60_000, now) };
}

/** Records an answer (only while the clock runs: a paused exam hides its questions). */
export function answerExam(e: Exam, id: string, response: Response): Exam {
  if (!e.ids.includes(id) || isPaused(e.clock)) return e;
  return { ...e, responses: { ...e.responses, [id]: response } };
}

export function goTo(e: Exam, index: number): Exam {
  return index >= 0 && index < e.ids.length && index !== e.index ? { ...e, index } : e;
}

/** Questions with something chosen. An ordering counts as soon as it is shown, as in the quiz. */
export function answeredIds(e: Exam): string[] {
  return e.ids.filter((id) => isAnswered(e.responses[id]));
}

export function examOrder(e: Exam, q: Question): number[] {
  return displayOrder(e, q);
}

export interface ExamResult {
  ids: string[];
  graded: Record<string, Graded>;
  /** Ids left without an answer: graded wrong. */
  unanswered: string[];
  score: number;
  total: number;
  /** How long the reader took, paused time excluded. */
  usedMs: number;
  /** Whether the clock ran out before the reader handed in. */
  timedOut: boolean;
}

/** Grades every question at hand-in (or when time runs out) at `now`. */
export function gradeExam(e: Exam, questions: Record<string, Question>, now: number): ExamResult {
  const graded: Record<string, Graded> = {};
  const unanswered: string[] = [];
  for (const id of e.ids) {
    const r = e.responses[id];
    if (r && isAnswered(r)) graded[id] = grade(questions[id], r);
    else {
      graded[id] = { correct: false, response: '' };
      unanswered.push(id);
    }
  }
  return {
    ids: [...e.ids],
    graded,
    unanswered,
    score: e.ids.filter((id) => graded[id].correct).length,
    total: e.ids.length,
    usedMs: usedMs(e.clock, now),
    timedOut: isTimeUp(e.clock, now),
  };
}

/** The exam as a saved practice attempt (ids are `bankId/questionId`), marked as an exam. */
export function examAttempt(r: ExamResult, at: string): QuizAttempt {
  const answers: QuizAttempt['answers'] = {};
  for (const id of r.ids) answers[id] = { correct: r.graded[id].correct, response: r.graded[id].response, hinted: false };
  return { at, score: r.score, total: r.total, answers, mode: 'exam' };
}

function split(id: string): { bank: string; question: string } {
  const slash = id.indexOf('/');
  return { bank: id.slice(0, slash), question: id.slice(slash + 1) };
}

/** Where each question lives, for the missed list. */
export function examOutcomes(r: ExamResult): QuestionOutcome[] {
  return r.ids.filter((id) => id.indexOf('/') > 0).map((id) => ({ ...split(id), correct: r.graded[id].correct }));
}

/** One card review per question: an unanswered question was not recalled, so it counts as wrong. No hints exist in an exam. */
export function examReviews(r: ExamResult): Review[] {
  return r.ids.filter((id) => id.indexOf('/') > 0).map((id) => ({ key: id, correct: r.graded[id].correct, hinted: false }));
}

/** A response as the record stores it: only the kinds an exam asks, with fresh arrays. */
function savedResponse(r: Response): ExamResponse | null {
  if (r.kind === 'single') return { kind: 'single', choice: r.choice };
  if (r.kind === 'multiple') return { kind: 'multiple', choices: [...new Set(r.choices)] };
  if (r.kind === 'ordering') return { kind: 'ordering', order: [...r.order] };
  return null;
}

/**
 * The exam as the record saves it. The clock's instant becomes ISO text, like every instant in the
 * record; milliseconds are whole, since the record keeps whole milliseconds.
 */
export function examSnapshot(e: Exam): ExamSnapshot {
  const responses: ExamSnapshot['responses'] = {};
  for (const id of e.ids) {
    const r = e.responses[id] && savedResponse(e.responses[id]);
    if (r) responses[id] = r;
  }
  return { ids: [...e.ids], seed: e.seed, index: e.index, responses, clock: saveCountdown(e.clock) };
}

const isPermutation = (order: readonly number[], n: number) => order.length === n && [...order].sort((a, b) => a - b).every((v, i) => v === i);

/** Whether a saved answer still fits its question (the bank may have changed since it was saved). */
function fits(q: Question, r: ExamResponse): boolean {
  if (q.kind === 'single') return r.kind === 'single' && (r.choice === null || r.choice < q.options.length);
  if (q.kind === 'multiple' || q.kind === 'history') return r.kind === 'multiple' && r.choices.every((c) => c < q.options.length);
  if (q.kind === 'ordering') return r.kind === 'ordering' && isPermutation(r.order, q.items.length);
  return false;
}

/**
 * A saved exam, ready to continue against today's bank, or null when none of its questions is
 * still asked in exams. Questions removed from the site since are left out; an answer that no
 * longer fits its question starts blank again; the question showing stays the same one where it
 * can. The clock comes back exactly as saved: a running clock has kept running meanwhile.
 */
export function restoreExam(saved: UnfinishedExam, questions: Record<string, Question>): Exam | null {
  const ids = saved.ids.filter((id) => questions[id] !== undefined && examable(questions[id]));
  if (ids.length === 0) return null;
  const responses: Record<string, Response> = {};
  for (const id of ids) {
    const r = saved.responses[id];
    const kept = r && fits(questions[id], r) ? r : blankResponse(questions[id], saved.seed);
    if (kept) responses[id] = kept;
  }
  const showing = ids.indexOf(saved.ids[saved.index]);
  const index = showing >= 0 ? showing : Math.min(saved.index, ids.length - 1);
  return { ids, seed: saved.seed, index, responses, clock: restoreCountdown(saved.clock) };
}

/** What the offer to continue an exam shows. */
export interface ExamResumeInfo {
  /** The question the exam continues at, 1-based. */
  position: number;
  count: number;
  answered: number;
  remainingMs: number;
  paused: boolean;
}

export function resumeInfo(e: Exam, now: number): ExamResumeInfo {
  return { position: e.index + 1, count: e.ids.length, answered: answeredIds(e).length, remainingMs: remainingMs(e.clock, now), paused: isPaused(e.clock) };
}

/** The continue button: "Continue your exam: question 4 of 10, 7:12 left". */
export function resumeLabel(i: ExamResumeInfo): string {
  return `Continue your ${i.paused ? 'paused ' : ''}exam: question ${i.position} of ${i.count}, ${formatClock(i.remainingMs)} left`;
}

/** The offer in words, said once by screen readers when it appears (times spelled out, not ticking). */
export function resumeSpoken(i: ExamResumeInfo): string {
  const clock = i.paused ? 'The clock is paused.' : 'The clock is running.';
  return `You have a timed exam in progress: question ${i.position} of ${i.count}, ${i.answered} answered, ${spokenClock(i.remainingMs)} left. ${clock} Continue it or discard it.`;
}
