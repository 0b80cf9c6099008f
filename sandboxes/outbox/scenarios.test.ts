// Outbox: every "try this" prompt is carried out by its solution, and its goal ticks only at the end.
import { describe, expect, it } from 'vitest';
import { startWorld } from '../kernel/index.ts';
import { outbox as p } from './index.ts';
import { expectSolutionsReplay } from '../kernel/testing.ts';

describe('outbox scenarios', () => {
  it('every scenario has 2 to 4 prompts, each with a solution, and starts legally at every size and flag', () => {
    for (const s of p.scenarios) {
      expect(s.tryThis.length, s.id).toBeGreaterThanOrEqual(2);
      expect(s.tryThis.length, s.id).toBeLessThanOrEqual(4);
      expect(s.solutions?.map((x) => x.prompt).sort(), s.id).toEqual(s.tryThis.map((_, i) => i));
      expect(s.description, s.id).toMatch(/timers wait until the messages to their node have arrived/i);
      for (let size = p.sizes.min; size <= p.sizes.max; size++) {
        for (const f of p.flags) expect(() => startWorld(p, s, { size, flags: { ...s.config.flags, [f.name]: true } }), `${s.id} ${f.name}`).not.toThrow();
      }
    }
  });

  it('every solution replays, shows what its prompt asks for, and ticks its goal only at the end', () => {
    expectSolutionsReplay(p);
  });

  it('only solutions that switch on an unsafe flag break an invariant', () => {
    for (const s of p.scenarios) {
      for (const sol of s.solutions ?? []) {
        const unsafe = p.flags.some((f) => f.unsafe && sol.flags?.[f.name]);
        expect(Boolean(sol.expect.breaks), `${s.id} prompt ${sol.prompt}`).toBe(unsafe);
      }
    }
  });
});
