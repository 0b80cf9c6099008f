/**
 * The player's own modes as a statechart (XState v5): what the reader is doing with the run
 * (stepping by hand, playing, replaying a loaded run or counterexample) and, in parallel, what
 * the explorer is doing (idle, running, done, failed). Impossible combinations cannot be expressed:
 * the run region is in exactly one mode, so "playing while replaying" has no state, and a play
 * tick, explorer progress or a result only does something in the state that expects it.
 *
 * The pure session reducer (session.ts) still computes every next `SessionState`; this machine
 * decides which events reach it and routes to the mode the new state is in. No DOM, no timers:
 * the island sends `play.tick` from its own interval while the machine is in a playing mode.
 */
import { assign, setup } from 'xstate';
import type { PlayerKernel } from './model.ts';
import { createReducer, type SessionEvent, type SessionState } from './session.ts';

export type PlayerInput = { kernel: PlayerKernel; initial: SessionState };

export const playerMachine = setup({
  types: {
    context: {} as SessionState & { kernel: PlayerKernel },
    events: {} as SessionEvent,
    input: {} as PlayerInput,
  },
  actions: {
    /** Every event the current state accepts goes through the pure reducer. */
    reduce: assign(({ context, event }) => {
      const { kernel, ...session } = context;
      return { ...createReducer(kernel)(session, event), kernel };
    }),
  },
  guards: {
    isPlaying: ({ context }) => context.playing && !context.stopAtEnd,
    isReplaying: ({ context }) => context.playing && context.stopAtEnd,
    isStopped: ({ context }) => !context.playing,
    explorerCleared: ({ context }) => context.explorer.status === 'idle',
  },
}).createMachine({
  id: 'player',
  type: 'parallel',
  context: ({ input }) => ({ ...input.initial, kernel: input.kernel }),
  // Events that do not change the mode reach the reducer from any state.
  on: {
    'step.forward': { actions: 'reduce' },
    'step.back': { actions: 'reduce' },
    'step.first': { actions: 'reduce' },
    'step.last': { actions: 'reduce' },
    'timeline.seek': { actions: 'reduce' },
    'choice.take': { actions: 'reduce' },
    'branch.restore': { actions: 'reduce' },
    'scenario.select': { actions: 'reduce' },
    'flag.set': { actions: 'reduce' },
    'size.set': { actions: 'reduce' },
    'param.set': { actions: 'reduce' },
    'config.undo': { actions: 'reduce' },
    'sim.reset': { actions: 'reduce' },
    'run.load': { actions: 'reduce' },
    'explore.replay': { actions: 'reduce' },
    'speed.set': { actions: 'reduce' },
    'speed.up': { actions: 'reduce' },
    'speed.down': { actions: 'reduce' },
    'node.select': { actions: 'reduce' },
    'notice.dismiss': { actions: 'reduce' },
    'play.toggle': { actions: 'reduce' },
    'play.stop': { actions: 'reduce' },
  },
  states: {
    run: {
      initial: 'route',
      states: {
        // Transient: go to the mode the session is in (after a load, a replay, a toggle…).
        route: {
          always: [{ guard: 'isReplaying', target: 'replaying' }, { guard: 'isPlaying', target: 'playing' }, { target: 'stepping' }],
        },
        stepping: {
          always: [{ guard: 'isReplaying', target: 'replaying' }, { guard: 'isPlaying', target: 'playing' }],
        },
        playing: {
          on: { 'play.tick': { actions: 'reduce' } },
          always: [{ guard: 'isStopped', target: 'stepping' }, { guard: 'isReplaying', target: 'replaying' }],
        },
        replaying: {
          on: { 'play.tick': { actions: 'reduce' } },
          always: [{ guard: 'isStopped', target: 'stepping' }, { guard: 'isPlaying', target: 'playing' }],
        },
      },
    },
    explorer: {
      initial: 'idle',
      states: {
        idle: {
          on: { 'explore.start': { target: 'running', actions: 'reduce' } },
        },
        running: {
          on: {
            'explore.progress': { actions: 'reduce' },
            'explore.done': { target: 'done', actions: 'reduce' },
            'explore.error': { target: 'failed', actions: 'reduce' },
            'explore.cancel': { actions: 'reduce' },
          },
        },
        done: {
          on: { 'explore.start': { target: 'running', actions: 'reduce' } },
          // A settings change or a new scenario clears the result.
          always: { guard: 'explorerCleared', target: 'idle' },
        },
        failed: {
          on: { 'explore.start': { target: 'running', actions: 'reduce' } },
          always: { guard: 'explorerCleared', target: 'idle' },
        },
      },
    },
  },
});
