// Outbox narration: every step of every solution gets its own sentence in the pattern's terms.
import { describe, expect, it } from 'vitest';
import { outbox as p } from './index.ts';
import { storyOf } from '../kernel/testing.ts';

const story = (id: string, tokens: string[], flags: Record<string, boolean> = {}): string[] => storyOf(p, id, tokens, flags);

describe('outbox narration', () => {
  it('narrates every step of every solution in its own sentence', () => {
    for (const s of p.scenarios) for (const sol of s.solutions ?? []) story(s.id, sol.steps, sol.flags);
  });

  it('tells the outbox story of the happy path', () => {
    const lines = story('happy-path', ['q.create-o1', 't.relay.poll', 'd1', 'd2', 'd3', 'd4', 'd5']);
    expect(lines[0]).toBe('A customer placed order o1: orders committed the change and its outbox row (o1-created) in one local transaction.');
    expect(lines[3]).toBe('The relay published row o1-created to partition 0; not marked sent until the broker acknowledges.');
    expect(lines[5]).toBe('The broker acknowledged o1-created: the relay marked row o1-created sent; it goes back to polling.');
    expect(lines[6]).toContain('recorded the message id in its inbox, in one transaction');
  });

  it('says where a dual write loses its event', () => {
    const lines = story('crash-after-commit', ['c.orders'], { dualWrite: true });
    expect(lines[0]).toBe('Orders crashed: o1-created, held only in memory, is gone.');
  });

  it('says a republished event lands in the log twice, and a publish-first crash rolls back', () => {
    const s = p.scenarios.find((x) => x.id === 'relay-crash')!;
    const lines = story('relay-crash', s.solutions![0].steps);
    expect(lines[9]).toBe('The broker appended o1-created again (a duplicate: the log keeps both copies) to partition 0, acknowledged it to relay.');
    const [, , crash] = story('crash-after-commit', ['d1', 'd3', 'c.orders'], { publishFirst: true });
    expect(crash).toBe('Orders crashed with its transaction open: the database will roll back o1-created, already published.');
  });

  it('names the duplicate the inbox absorbs', () => {
    const s = p.scenarios.find((x) => x.id === 'consumer-crash')!;
    const lines = story('consumer-crash', s.solutions![0].steps);
    expect(lines[lines.length - 1]).toBe('Payment found o1-created in its inbox: a duplicate, skipped; it will still commit the offset.');
  });
});
