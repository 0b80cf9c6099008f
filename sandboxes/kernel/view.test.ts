// The state diagram for readers, on a toy machine defined here: flag guards, self-loops, the
// transient start state, labels. (The machine as written is covered in kernel.test.ts.)
import { describe, expect, it } from 'vitest';
import { and, not, or, setup } from 'xstate';
import { stateDiagram } from './index.ts';
import type { NodeInput, Protocol } from './index.ts';

type Ctx = { fast: boolean; loose: boolean; recovering: boolean; n: number };

const toy = setup({
  types: {
    context: {} as Ctx,
    events: {} as { type: 'GO' } | { type: 'timer.tick' } | { type: 'request.begin' } | { type: 'PING' } | { type: 'NOISE' },
    input: {} as NodeInput,
  },
  actions: { note: () => {}, bump: () => {} },
  guards: {
    recovering: ({ context }) => context.recovering,
    fast: ({ context }) => context.fast,
    loose: ({ context }) => context.loose,
    busy: ({ context }) => context.n > 1,
    logDone: ({ context }) => context.n > 2,
  },
}).createMachine({
  context: ({ input }) => ({ fast: input.config.flags.fast === true, loose: input.config.flags.loose === true, recovering: input.recovering, n: 0 }),
  initial: 'start',
  states: {
    start: { always: [{ guard: 'recovering', target: 'recovering' }, { target: 'idle' }] },
    idle: {
      on: {
        'request.begin': { target: 'busy' },
        // Swallowed: no target, no actions: not drawn.
        NOISE: {},
      },
    },
    busy: {
      on: {
        GO: [
          { guard: 'fast', target: 'done', actions: 'note' },
          { guard: and(['busy', not('loose')]), target: 'waiting' },
          { target: 'done' },
        ],
        'timer.tick': [{ guard: 'loose', target: 'done' }, { actions: 'bump' }],
        PING: [{ guard: or(['fast', 'busy']), target: 'waiting' }, { guard: 'busy', actions: 'note' }],
      },
    },
    waiting: { on: { GO: { target: 'done' } } },
    done: { type: 'final' },
    recovering: { always: [{ guard: 'logDone', target: 'done' }, { target: 'idle' }] },
  },
});

const protocol = {
  id: 'toy',
  title: 'Toy',
  machines: { node: toy },
  flags: [
    { name: 'fast', label: 'Fast', description: '', default: false, unsafe: false },
    { name: 'loose', label: 'Loose', description: '', default: false, unsafe: true },
  ],
  flagGuards: { fast: 'fast', loose: 'loose' },
  guardLabels: { logDone: 'log says done' },
  stateNames: { node: { idle: 'INIT', busy: 'WAIT' } },
} as unknown as Protocol;

const edges = (flags: Record<string, boolean>) =>
  stateDiagram(toy, { protocol, flags }).transitions.map((t) => `${t.from}>${t.to}: ${t.label}`);

describe('state diagram for readers', () => {
  it('drops the transient start and names its targets as entries', () => {
    const d = stateDiagram(toy, { protocol });
    expect(d.states.map((s) => s.id)).toEqual(['idle', 'busy', 'waiting', 'done', 'recovering']);
    expect(d.initial).toBe('idle');
    expect(d.recovery).toBe('recovering');
    expect(d.transitions.some((t) => t.from === 'start' || t.to === 'start')).toBe(false);
  });

  it('drops candidates a flag makes impossible, and those after one a flag makes certain', () => {
    // fast off: the first GO candidate is gone; `busy and not loose` is open, the unguarded one stays.
    expect(edges({})).toEqual([
      'idle>busy: client: begin',
      'busy>waiting: GO [busy]',
      'busy>done: GO [otherwise]',
      'busy>busy: tick fires',
      'busy>waiting: PING [busy]',
      'busy>busy: PING [busy]',
      'waiting>done: GO',
      'recovering>done: log says done',
      'recovering>idle: otherwise',
    ]);
    // fast on: GO surely goes to done and nothing after it can fire; `or(fast, busy)` is surely true.
    expect(edges({ fast: true })).toEqual([
      'idle>busy: client: begin',
      'busy>done: GO',
      'busy>busy: tick fires',
      'busy>waiting: PING',
      'waiting>done: GO',
      'recovering>done: log says done',
      'recovering>idle: otherwise',
    ]);
    // loose on: `busy and not loose` is surely false; the tick goes to done and its self-loop is gone.
    expect(edges({ loose: true })).toContain('busy>done: tick fires');
    expect(edges({ loose: true })).not.toContain('busy>busy: tick fires');
    expect(edges({ loose: true }).filter((e) => e.startsWith('busy>waiting: GO'))).toEqual([]);
  });

  it('takes absent flags at their defaults, and decides no guard without a protocol', () => {
    expect(edges({})).toEqual(stateDiagram(toy, { protocol }).transitions.map((t) => `${t.from}>${t.to}: ${t.label}`));
    const bare = stateDiagram(toy, {}).transitions.map((t) => `${t.from}>${t.to}: ${t.label}`);
    expect(bare).toContain('busy>done: GO [fast]');
    expect(bare).toContain('busy>done: tick fires [loose]');
    expect(bare).toContain('busy>busy: tick fires [otherwise]');
    expect(bare).toContain('recovering>done: log done');
  });

  it('shows targetless candidates with actions as self-loops, and swallowed events not at all', () => {
    const d = stateDiagram(toy, { protocol });
    expect(d.transitions).toContainEqual({ from: 'busy', to: 'busy', event: 'timer.tick', label: 'tick fires' });
    expect(d.transitions.some((t) => t.event === 'NOISE')).toBe(false);
  });

  it('labels events and recovery edges for readers, and states with their textbook names', () => {
    const d = stateDiagram(toy, { protocol });
    expect(d.transitions.find((t) => t.event === 'request.begin')?.label).toBe('client: begin');
    expect(d.transitions.filter((t) => t.from === 'recovering').map((t) => t.label)).toEqual(['log says done', 'otherwise']);
    expect(d.states.find((s) => s.id === 'busy')).toEqual({ id: 'busy', label: 'busy', final: false, textbook: 'WAIT' });
    expect(d.states.find((s) => s.id === 'waiting')?.textbook).toBeUndefined();
    expect(d.states.find((s) => s.id === 'done')?.final).toBe(true);
  });

  it('labels a lone always edge out of the recovery state "after reading its log"', () => {
    const m = setup({}).createMachine({
      initial: 'a',
      states: { a: { on: { X: 'b' } }, b: {}, recovering: { always: { target: 'b' } } },
    });
    const d = stateDiagram(m, {});
    expect(d.initial).toBe('a');
    expect(d.transitions).toContainEqual({ from: 'recovering', to: 'b', event: '(always)', label: 'after reading its log' });
  });

  it('keeps the machine as written without options', () => {
    const d = stateDiagram(toy);
    expect(d.initial).toBe('start');
    expect(d.transitions).toContainEqual({ from: 'start', to: 'recovering', event: '(always)' });
    expect(d.transitions).toContainEqual({ from: 'busy', to: 'done', event: 'GO' });
    expect(d.transitions.some((t) => t.from === t.to)).toBe(false);
  });
});
