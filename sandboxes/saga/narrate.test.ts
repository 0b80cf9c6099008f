// Saga narration: every step of every scenario solution is told in saga terms, in words.
import { describe, expect, it } from 'vitest';
import { narrate, startWorld, stepWithTrace, tokenToChoice } from '../kernel/index.ts';
import { saga as p } from './index.ts';

describe('saga narration', () => {
  for (const s of p.scenarios) {
    for (const sol of s.solutions ?? []) {
      it(`${s.id} prompt ${sol.prompt}: every step but a fault has its own sentence`, () => {
        const cfg = { ...s.config, flags: { ...s.config.flags, ...sol.flags } };
        let w = startWorld(p, s, cfg);
        for (const token of sol.steps) {
          const c = tokenToChoice(token);
          const { world, trace } = stepWithTrace(p, cfg, w, c);
          const own = p.narrate!(w, c, world, trace);
          const line = narrate(p, w, c, world, cfg);
          if (!['drop', 'duplicate', 'crash'].includes(c.kind)) expect(own, token).not.toBeNull();
          expect(line, token).not.toMatch(/[{}[\]]|undefined|NaN/);
          w = world;
        }
      });
    }
  }

  it('tells the pivot and the compensation in the literature’s words', () => {
    const s = p.scenarios.find((x) => x.id === 'out-of-stock')!;
    let w = startWorld(p, s, s.config);
    const lines: string[] = [];
    for (const token of ['d1', 'd2', 'd3', 'd4', 'd5', 'd6']) {
      const c = tokenToChoice(token);
      const { world, trace } = stepWithTrace(p, s.config, w, c);
      lines.push(p.narrate!(w, c, world, trace)!);
      w = world;
    }
    expect(lines[1]).toBe('Payment reserved o1’s credit, a compensatable step; the order service logged CREDIT_RESERVED and sent RESERVE_STOCK to inventory, the pivot.'.replace('’', "'"));
    expect(lines[3]).toMatch(/^The pivot failed for o1: the order service logged COMPENSATING and sent RELEASE_CREDIT to payment/);
    expect(lines[5]).toMatch(/every completed step is compensated, and the order service logged REJECTED/);
  });
});
