/**
 * The phases of one quiz round as a statechart (XState v5), used by the quiz island through
 * `@xstate/react`:
 *
 * - `choosing`: practice mode only, the filters before a set is drawn.
 * - `resumed`: an unfinished round was found in saved progress; the reader continues it or starts over.
 * - `answering`: a question is showing and not yet checked.
 * - `checked`: its feedback is showing; the answer is locked and has been saved.
 * - `done`: the result; the attempt has been saved and the unfinished round forgotten.
 *
 * Every change to the round itself is a pure function of `session.ts`, applied with `assign`;
 * the machine decides which events do anything in which phase. Saving is not done here: the
 * machine emits `progress.round` (an answer was checked), `progress.finished` (the round ended)
 * and `progress.discard` (the reader started over), and the island writes them to the store.
 * No DOM, no storage, no clock, no randomness: seeds arrive in events.
 */
import { assign, emit, setup } from 'xstate';
import type { Question } from '../../schemas/quiz.ts';
import type { RoundSnapshot, UnfinishedRound } from '../../progress/record.ts';
import type { Response } from './grade.ts';
import {
  advance,
  canCheck,
  check,
  currentId,
  isFinished,
  isLast,
  resumeSession,
  respond,
  settleSimulated,
  startSession,
  takeHint,
  toSnapshot,
  type Session,
} from './session.ts';

export interface RoundInput {
  /** Every question the island can ask, by id. */
  questions: Record<string, Question>;
  /** A round to show at once (a lesson quiz's whole bank), or null to start by choosing (practice). */
  ids: string[] | null;
  /** The first round's seed. Server and first client render must agree, so it is fixed, not random. */
  seed: string;
}

export interface RoundContext {
  questions: Record<string, Question>;
  /** The round, or null while a practice set is being chosen. */
  session: Session | null;
}

export type RoundEvent =
  /** A new round: the first after hydration, a retry, a practice set. */
  | { type: 'round.start'; ids: string[]; seed: string }
  /** A saved unfinished round was found: offer to continue it. */
  | { type: 'round.restore'; round: Pick<UnfinishedRound, 'seed' | 'ids' | 'answers'> }
  /** Continue the offered round where it stopped. */
  | { type: 'round.continue' }
  /** Start over instead: forget the saved round; `ids` empty goes back to choosing a practice set. */
  | { type: 'round.discard'; ids: string[]; seed: string }
  | { type: 'answer.respond'; response: Response }
  | { type: 'hint.show' }
  | { type: 'answer.check' }
  /** A simulation-backed question reports its verdict (and, for predict, the option picked, as a bank index). */
  | { type: 'answer.simulated'; correct: boolean; response: string; choice?: number }
  | { type: 'question.next' }
  /** Practice mode: back to the filters for a new set. */
  | { type: 'practice.choose' };

export type RoundEmitted =
  | { type: 'progress.round'; round: RoundSnapshot }
  | { type: 'progress.finished'; session: Session }
  | { type: 'progress.discard' };

export type RoundPhase = 'choosing' | 'resumed' | 'answering' | 'checked' | 'done';

const current = (c: RoundContext): Question | undefined => {
  const id = c.session ? currentId(c.session) : null;
  return id === null ? undefined : c.questions[id];
};

export const roundMachine = setup({
  types: {
    context: {} as RoundContext,
    events: {} as RoundEvent,
    input: {} as RoundInput,
    emitted: {} as RoundEmitted,
  },
  actions: {
    start: assign(({ context, event }) => {
      if (event.type !== 'round.start' && event.type !== 'round.discard') return {};
      return { session: startSession(event.ids, context.questions, event.seed) };
    }),
    restore: assign(({ context, event }) => (event.type === 'round.restore' ? { session: resumeSession(event.round, context.questions) } : {})),
    clear: assign({ session: null }),
    respond: assign(({ context, event }) => {
      const id = context.session && currentId(context.session);
      return event.type === 'answer.respond' && context.session && id ? { session: respond(context.session, id, event.response) } : {};
    }),
    hint: assign(({ context }) => {
      const id = context.session && currentId(context.session);
      return context.session && id ? { session: takeHint(context.session, id) } : {};
    }),
    grade: assign(({ context }) => {
      const q = current(context);
      return context.session && q ? { session: check(context.session, q) } : {};
    }),
    settle: assign(({ context, event }) => {
      const q = current(context);
      if (event.type !== 'answer.simulated' || !context.session || !q) return {};
      const { correct, response, choice } = event;
      return { session: settleSimulated(context.session, q, choice === undefined ? { correct, response } : { correct, response, choice }) };
    }),
    advance: assign(({ context }) => (context.session ? { session: advance(context.session) } : {})),
    saveRound: emit(({ context }): RoundEmitted => ({ type: 'progress.round', round: toSnapshot(context.session!) })),
    saveFinished: emit(({ context }): RoundEmitted => ({ type: 'progress.finished', session: context.session! })),
    discardSaved: emit({ type: 'progress.discard' } as RoundEmitted),
  },
  guards: {
    noRound: ({ context }) => context.session === null,
    roundFinished: ({ context }) => context.session !== null && isFinished(context.session),
    hasQuestions: ({ context, event }) =>
      (event.type === 'round.start' || event.type === 'round.discard') && event.ids.some((id) => context.questions[id] !== undefined),
    restorable: ({ context, event }) => event.type === 'round.restore' && resumeSession(event.round, context.questions) !== null,
    canCheck: ({ context }) => context.session !== null && canCheck(context.session),
    isSimulation: ({ context }) => {
      const q = current(context);
      return q?.kind === 'predict' || q?.kind === 'break-it';
    },
    isLast: ({ context }) => context.session !== null && isLast(context.session),
  },
}).createMachine({
  id: 'quizRound',
  context: ({ input }) => ({
    questions: input.questions,
    session: input.ids ? startSession(input.ids, input.questions, input.seed) : null,
  }),
  initial: 'route',
  // A new round or a restored one may arrive in any phase (after hydration, Retry, a new set).
  on: {
    'round.start': { guard: 'hasQuestions', target: '.answering', actions: 'start' },
    'round.restore': { guard: 'restorable', target: '.resumed', actions: 'restore' },
  },
  states: {
    // Transient: the phase the initial context is in.
    route: {
      always: [{ guard: 'noRound', target: 'choosing' }, { guard: 'roundFinished', target: 'done' }, { target: 'answering' }],
    },
    choosing: {},
    resumed: {
      on: {
        'round.continue': [
          // Every answer was in before the reload: only the result was left to see.
          { guard: 'roundFinished', target: 'done', actions: 'saveFinished' },
          { target: 'answering' },
        ],
        'round.discard': [
          { guard: 'hasQuestions', target: 'answering', actions: ['discardSaved', 'start'] },
          { target: 'choosing', actions: ['discardSaved', 'clear'] },
        ],
      },
    },
    answering: {
      on: {
        'answer.respond': { actions: 'respond' },
        'hint.show': { actions: 'hint' },
        'answer.check': [
          { guard: 'canCheck', target: 'checked', actions: ['grade', 'saveRound'] },
          // Nothing chosen yet: `check` only asks for an answer.
          { actions: 'grade' },
        ],
        'answer.simulated': { guard: 'isSimulation', target: 'checked', actions: ['settle', 'saveRound'] },
      },
    },
    checked: {
      on: {
        'question.next': [{ guard: 'isLast', target: 'done', actions: 'saveFinished' }, { target: 'answering', actions: 'advance' }],
      },
    },
    done: {
      on: {
        'practice.choose': { target: 'choosing', actions: 'clear' },
      },
    },
  },
});
