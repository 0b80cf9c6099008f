// CQRS narration: every step of every solution gets its own sentence in the pattern's terms.
import { describe, expect, it } from 'vitest';
import { cqrs as p } from './index.ts';
import { storyOf } from '../kernel/testing.ts';

const story = (id: string, tokens: string[], flags: Record<string, boolean> = {}): string[] => storyOf(p, id, tokens, flags);

describe('cqrs narration', () => {
  it('narrates every step of every solution in its own sentence', () => {
    for (const s of p.scenarios) {
      for (const sol of s.solutions ?? []) {
        const lines = story(s.id, sol.steps, sol.flags);
        for (let i = 1; i < lines.length; i++) if (sol.steps[i] !== sol.steps[i - 1]) expect(lines[i], `${s.id} ${sol.steps[i]}`).not.toBe('');
      }
    }
  });

  it('tells the command side in the pattern’s terms', () => {
    const lines = story('happy-path', ['q.a-reserve', 'd1', 'd2', 'd3', 'd4']);
    expect(lines[3]).toBe('The handler rebuilt item 1 from 1 event (stock 2) for a’s command and appended ItemReserved with expected version 1.');
    expect(lines[4]).toBe('The store appended ItemReserved by a at expected version 1: position 2, durable and pushed it to the projector.');
  });

  it('says who lost the race and what the retry decided', () => {
    const s = p.scenarios.find((x) => x.id === 'last-item')!;
    const lines = story('last-item', s.solutions![1].steps);
    expect(lines[9]).toBe('The store refused ItemReserved by b: expected version 1, but another append got there first.');
    expect(lines[12]).toBe('The handler rebuilt item 1 from 2 events (stock 0) for b’s command: out of stock, so it rejected the command.');
  });

  it('says a query waits for its position token', () => {
    const s = p.scenarios.find((x) => x.id === 'read-after-write')!;
    const lines = story('read-after-write', s.solutions![1].steps);
    expect(lines[8]).toBe('a queried the read model with position token 2; the read model is at 1, so the query waits.');
  });
});
