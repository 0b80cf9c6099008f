// Two-phase commit's narration: each step worded in the protocol's terms, losses still reported.
import { describe, expect, it } from 'vitest';
import { applyChoices, choices, narrate, runCostsFromStart, startWorld, tokenToChoice } from '../kernel/index.ts';
import type { Config, World } from '../kernel/index.ts';
import { twoPhaseCommit as p } from './index.ts';

const scenario = (id: string) => p.scenarios.find((s) => s.id === id)!;

/** The narration of each step of a run, by token. */
function story(id: string, tokens: string[], flags: Record<string, boolean> = {}): string[] {
  const s = scenario(id);
  const cfg: Config = { ...s.config, flags: { ...s.config.flags, ...flags } };
  let w: World = startWorld(p, s, cfg);
  return tokens.map((t) => {
    const c = tokenToChoice(t);
    const next = applyChoices(p, cfg, w, [c]);
    expect(next.error, t).toBeUndefined();
    const line = narrate(p, w, c, next.world, cfg);
    w = next.world;
    return line;
  });
}

describe('two-phase commit narration', () => {
  it('counts votes and names the point of no return', () => {
    const lines = story('all-vote-yes', ['d1', 'd2', 'd3', 'd4', 'd5', 'd6']);
    expect(lines[0]).toBe('p1 forced PREPARED to its log and voted yes (VOTE_COMMIT). It is now in doubt (READY), holding its write locks.');
    expect(lines[3]).toBe("c recorded p1's yes vote, 1 of 3; still collecting.");
    expect(lines[5]).toBe('c has all 3 yes votes: it forced COMMIT to its log (the point of no return) and sent GLOBAL_COMMIT to p1, p2 and p3.');
  });

  it('says a timeout cannot tell slow from lost', () => {
    const [line] = story('all-vote-yes', ['t.c.vote-timeout']);
    expect(line).toMatch(/^c's vote-timeout fired before every vote arrived \(lost or merely slow, c cannot tell\): it decided abort, forced ABORT to its log/);
  });

  it('explains the presumption and still reports what the network lost', () => {
    const lines = story('coordinator-crash-after-prepare', ['c.c', 'r.c', 't.p1.decision-timeout', 'd7']);
    expect(lines[0]).toContain('Lost: VOTE_COMMIT p1 → c (c crashed)');
    expect(lines[1]).toBe('c restarted with no record of T1: it sends nothing, and will answer abort if a participant asks.');
    expect(lines[2]).toBe('p1 is still in doubt: it asked c again (DECISION_REQUEST) and re-armed its timer.');
    expect(lines[3]).toBe('p1 asked c for the outcome; c has no record of T1, so it answers GLOBAL_ABORT (no record means abort).');
  });

  it('marks a lazy COMMIT as not on disk', () => {
    const lines = story('coordinator-crash-after-commit', ['d7'], { ackBeforeForce: true });
    expect(lines[0]).toBe('p1 wrote COMMIT lazily (not on disk yet), committed and sent ACK at once.');
  });
});

describe('two-phase commit outcome and costs', () => {
  it('a finished happy path costs 2N + 1 forced writes and 4N messages, prefix included', () => {
    const s = scenario('all-vote-yes');
    const steps = ['d1', 'd2', 'd3', 'd4', 'd5', 'd6', 'd7', 'd8', 'd9', 'd10', 'd11', 'd12'].map(tokenToChoice);
    const w = applyChoices(p, s.config, startWorld(p, s), steps).world;
    expect(p.outcome!(w)).toBe('T1 committed on all 3');
    expect(runCostsFromStart(p, s, s.config, steps)).toEqual({ messages: 12, forcedWrites: 7, lazyWrites: 1 });
    expect(p.outcome!(startWorld(p, s))).toBeNull();
  });

  it('names a split outcome', () => {
    const s = scenario('coordinator-crash-after-prepare');
    const cfg = { ...s.config, flags: { ...s.config.flags, abortWhenInDoubt: true } };
    let w = applyChoices(p, cfg, startWorld(p, s, cfg), ['d4', 'd5', 'd6', 'd7', 't.p2.decision-timeout'].map(tokenToChoice)).world;
    // Deliver what is in flight (and let c resend) until the run has ended.
    for (let i = 0; i < 40 && !p.outcome!(w); i++) {
      const c = choices(p, cfg, w).find((x) => x.kind === 'deliver') ?? choices(p, cfg, w).find((x) => x.kind === 'timer' && x.name === 'ack-timeout')!;
      w = applyChoices(p, cfg, w, [c]).world;
    }
    expect(p.outcome!(w)).toBe('T1 split: p1 and p3 committed and p2 aborted');
  });
});
