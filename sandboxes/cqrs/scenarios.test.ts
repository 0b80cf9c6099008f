// CQRS: every "try this" prompt is carried out by its solution, and its goal ticks only at the end.
import { describe, expect, it } from 'vitest';
import { startWorld } from '../kernel/index.ts';
import { cqrs as p } from './index.ts';
import { expectSolutionsReplay, solutionConfig as configFor } from '../kernel/testing.ts';

describe('cqrs scenarios', () => {
  it('has the six scenarios the lesson names, each with 2 to 4 prompts, each with a solution', () => {
    expect(p.scenarios.map((s) => s.id)).toEqual(['happy-path', 'read-after-write', 'last-item', 'projector-crash', 'redelivery', 'rebuild']);
    for (const s of p.scenarios) {
      expect(s.tryThis.length, s.id).toBeGreaterThanOrEqual(2);
      expect(s.tryThis.length, s.id).toBeLessThanOrEqual(4);
      expect(s.solutions?.map((x) => x.prompt).sort(), s.id).toEqual(s.tryThis.map((_, i) => i));
      for (let size = p.sizes.min; size <= p.sizes.max; size++) {
        for (const f of p.flags) expect(() => startWorld(p, s, { size, flags: { ...s.config.flags, [f.name]: !f.default } }), `${s.id} ${f.name}`).not.toThrow();
      }
    }
  });

  it('every solution replays, shows what its prompt asks for, and ticks its goal only at the end', () => {
    expectSolutionsReplay(p);
  });

  it('only solutions that switch on an unsafe flag break a promise; dropping the promise makes it an observation', () => {
    for (const s of p.scenarios) {
      for (const sol of s.solutions ?? []) {
        const cfg = configFor(s, sol);
        const unsafe = p.flags.some((f) => f.unsafe && sol.flags?.[f.name]);
        const promised = sol.expect.breaks ? (p.promises?.(cfg) ?? []).includes(sol.expect.breaks) : false;
        expect(promised, `${s.id} prompt ${sol.prompt}`).toBe(unsafe);
      }
    }
  });
});
