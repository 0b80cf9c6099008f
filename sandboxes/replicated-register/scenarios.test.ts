// Replicated register: every "try this" prompt is carried out by its solution, the goals tick at the
// end of it and not before, and every step of those runs is narrated in the protocol's terms.
import { describe, expect, it } from 'vitest';
import { applyChoices, checkInvariants, choiceToToken, goalsMet, narrate, randomRun, startWorld, stepWithTrace, tokenToChoice, viewNodes } from '../kernel/index.ts';
import type { Config, Scenario, ScenarioSolution, World } from '../kernel/index.ts';
import { replicatedRegister as p } from './index.ts';
import { held } from './read.ts';

const scenario = (id: string): Scenario => p.scenarios.find((s) => s.id === id)!;

/** The scenario's configuration with a solution's flags and parameters on top. */
const configFor = (s: Scenario, sol: Pick<ScenarioSolution, 'flags' | 'params'>): Config => ({
  ...s.config,
  flags: { ...s.config.flags, ...sol.flags },
  params: { ...s.config.params, ...sol.params },
});

const solution = (id: string, prompt: number): ScenarioSolution => scenario(id).solutions!.find((x) => x.prompt === prompt)!;

/** Replays a solution; returns the final world. */
function replay(s: Scenario, sol: ScenarioSolution): { world: World; config: Config } {
  const config = configFor(s, sol);
  const r = applyChoices(p, config, startWorld(p, s, config), sol.steps.map(tokenToChoice));
  expect(r.error, `${s.id} prompt ${sol.prompt}`).toBeUndefined();
  return { world: r.world, config };
}

/** Each step of a solution with the protocol's own sentence (null when it left the step to the kernel) and the full line. */
function story(s: Scenario, sol: ScenarioSolution): { token: string; own: string | null; line: string }[] {
  const config = configFor(s, sol);
  let w = startWorld(p, s, config);
  return sol.steps.map((token) => {
    const c = tokenToChoice(token);
    const { world, trace } = stepWithTrace(p, config, w, c);
    const own = p.narrate!(w, c, world, trace);
    const line = narrate(p, w, c, world, config);
    w = world;
    return { token, own, line };
  });
}

describe('replicated register scenarios', () => {
  it('every scenario has 2 to 4 prompts, each with a solution, and says that its timers wait for delivery', () => {
    for (const s of p.scenarios) {
      expect(s.tryThis.length, s.id).toBeGreaterThanOrEqual(2);
      expect(s.tryThis.length, s.id).toBeLessThanOrEqual(4);
      expect(s.solutions?.map((x) => x.prompt).sort(), s.id).toEqual(s.tryThis.map((_, i) => i));
      for (let size = p.sizes.min; size <= p.sizes.max; size++) expect(() => startWorld(p, s, { ...s.config, size })).not.toThrow();
      if (s.timing === 'after-delivery') expect(s.description, s.id).toMatch(/timer[^.]*(wait|holds off|only fires)[^.]*(arrived|delivered)/i);
    }
  });

  it('every solution replays, shows what its prompt asks for, and ticks its goal only at the end', () => {
    for (const s of p.scenarios) {
      for (const sol of s.solutions ?? []) {
        const { world, config } = replay(s, sol);
        const path = sol.steps.map(tokenToChoice);
        const states = Object.fromEntries(viewNodes(p, world).map((n) => [n.id, n.state]));
        for (const [node, state] of Object.entries(sol.expect.states ?? {})) expect(states[node], `${s.id} prompt ${sol.prompt}: ${node}`).toBe(state);
        if (sol.expect.breaks) {
          const res = checkInvariants(p, config, world, path).find((x) => x.name === sol.expect.breaks)!;
          expect(res.holds, `${s.id} prompt ${sol.prompt} breaks ${sol.expect.breaks}`).toBe(false);
        }
        expect(goalsMet(p, s, config, world, path)[sol.prompt], `${s.id} prompt ${sol.prompt} ticks`).toBe(true);
        expect(goalsMet(p, s, config, startWorld(p, s, config), [])[sol.prompt], `${s.id} prompt ${sol.prompt} ticked at the start`).toBe(false);
      }
    }
  });

  it('a safe design only loses what it does not promise; the unsafe flag breaks a promise', () => {
    for (const s of p.scenarios) {
      for (const sol of s.solutions ?? []) {
        if (!sol.expect.breaks) continue;
        const { world, config } = replay(s, sol);
        const res = checkInvariants(p, config, world, sol.steps.map(tokenToChoice)).find((x) => x.name === sol.expect.breaks)!;
        const unsafe = p.flags.some((f) => f.unsafe && config.flags[f.name]);
        expect(res.promised, `${s.id} prompt ${sol.prompt}`).toBe(unsafe);
      }
    }
  });

  it('leader-sync: a majority confirms before a reads, and a reads the committed 1', () => {
    const s = scenario('leader-sync');
    const { world } = replay(s, solution('leader-sync', 1));
    const a = p.history!(world).find((o) => o.client === 'a')!;
    expect(a).toMatchObject({ op: 'read', value: 1, outcome: 'ok' });
  });

  it('quorum: without read repair b reads 1 then nothing; with it, 1 twice and linearizable', () => {
    const s = scenario('quorum');
    const reads = (w: World) => p.history!(w).filter((o) => o.client === 'b').map((o) => o.value);
    expect(reads(replay(s, solution('quorum', 0)).world)).toEqual([1, null]);
    const repaired = replay(s, solution('quorum', 1));
    expect(reads(repaired.world)).toEqual([1, 1]);
    const lin = checkInvariants(p, repaired.config, repaired.world).find((x) => x.name === 'linearizable')!;
    expect(lin.holds).toBe(true);
  });

  it('lww: both sides acknowledged a write in the partition, and the replicas converge on 2', () => {
    const s = scenario('lww');
    const { world } = replay(s, solution('lww', 0));
    expect(p.history!(world).map((o) => [o.client, o.op, o.value, o.outcome])).toEqual([
      ['b', 'write', 2, 'ok'],
      ['a', 'write', 1, 'ok'],
    ]);
    const healed = replay(s, solution('lww', 1));
    expect(['r1', 'r2', 'r3'].map((r) => held(healed.world, r))).toEqual(['2 (v2.2)', '2 (v2.2)', '2 (v2.2)']);
  });

  it('lww-two-writes: a’s second write is stamped below its first and lost; with W = R = 2 it is stamped above and kept', () => {
    const s = scenario('lww-two-writes');
    const versions = (w: World) => ['r1', 'r2', 'r3'].map((r) => held(w, r));
    const lww = replay(s, solution('lww-two-writes', 0));
    expect(p.history!(lww.world).map((o) => [o.client, o.op, o.value, o.outcome])).toEqual([
      ['a', 'write', 1, 'ok'],
      ['a', 'write', 2, 'ok'],
    ]);
    expect(versions(lww.world)).toEqual(['1 (v2.2)', '1 (v2.2)', '1 (v2.2)']);
    const quorum = replay(s, solution('lww-two-writes', 1));
    expect(versions(quorum.world)).toEqual(['2 (v3.1)', '2 (v3.1)', '2 (v3.1)']);
    const mw = checkInvariants(p, quorum.config, quorum.world).find((x) => x.name === 'monotonic-writes')!;
    expect(mw).toMatchObject({ holds: true, promised: true });
  });

  it('session: a’s read waits at r2 until the APPEND arrives, then returns 1', () => {
    const s = scenario('session');
    const sol = solution('session', 0);
    const config = configFor(s, sol);
    const upToRead = applyChoices(p, config, startWorld(p, s, config), sol.steps.slice(0, 5).map(tokenToChoice)).world;
    expect(p.history!(upToRead).find((o) => o.op === 'read')).toMatchObject({ client: 'a', outcome: 'unknown' });
    expect(upToRead.inFlight.filter((m) => m.to === 'a')).toEqual([]);
    const { world } = replay(s, sol);
    expect(p.history!(world).find((o) => o.op === 'read')).toMatchObject({ client: 'a', value: 1, outcome: 'ok' });
  });
});

describe('replicated register narration', () => {
  it('every step of every solution run gets its own sentence, in words rather than data', () => {
    for (const s of p.scenarios) {
      for (const sol of s.solutions ?? []) {
        for (const { token, own, line } of story(s, sol)) {
          const where = `${s.id} prompt ${sol.prompt} ${token}`;
          expect(own, where).not.toBeNull();
          expect(line, where).not.toMatch(/[{}[\]]/);
          expect(line, where).not.toMatch(/undefined|NaN|\?\)/);
        }
      }
    }
  });

  it('tells a synchronous write and a confirmed read in the protocol’s terms', () => {
    const lines = story(scenario('leader-sync'), solution('leader-sync', 1)).map((x) => x.own);
    expect(lines[0]).toBe('b asked r1 to write 1.');
    expect(lines[1]).toBe('r1 (leader, term 1) appended write 1 as v1.1 and sent it to r2 and r3; it waits for 1 more ack before telling b the write succeeded.');
    expect(lines[3]).toBe('r2 holds v1.1: with r1 that makes a majority (r1 and r2), so b\'s write is committed and b is told it succeeded.');
    expect(lines[6]).toBe('r1 (leader, term 1) does not answer a\'s read from its own copy yet: it asked r2 and r3 to confirm it still leads, and needs 1 of them.');
    expect(lines[8]).toBe('r2 confirmed too: a majority (r1 and r2) agrees that r1 still leads term 1, so it answered a\'s read with its newest committed value, 1 (v1.1).');
    expect(lines[9]).toBe('a read 1 from r1 (v1.1).');
  });

  it('tells an election behind a partition, a step-down and the copy the new leader keeps', () => {
    const lines = story(scenario('leader-sync'), solution('leader-sync', 2)).map((x) => x.own);
    expect(lines[1]).toBe("r2's election timer fired (r1, its leader, is cut off from it): it stood for term 2 and asked r1 and r3 for votes.");
    expect(lines[3]).toBe('r2 became leader of term 2 with votes from r3 and the newest copy it heard: nothing (v1.0). It told a and b and sent that value to r1 and r3 to commit it in its own term.');
    expect(lines[13]).toBe('r1 (leader, term 1) does not answer a\'s read from its own copy yet: it asked r2 and r3 to confirm it still leads, and needs 1 of them.');
    expect(lines[16]).toBe("r1 learned that r2 leads term 2, and stepped down from leader to follower; it took r2's copy, 1 (v2.1), and acknowledged it; it told a that it no longer leads.");
  });

  it('tells quorum reads, read repair and last-writer-wins', () => {
    const q = story(scenario('quorum'), solution('quorum', 0)).map((x) => x.own);
    expect(q[7]).toBe('r3 heard r1\'s copy 1 (v2.1), so it has R=2 answers and returned the newest to b: 1 (v2.1), without writing it back.');
    const r = story(scenario('quorum'), solution('quorum', 1)).map((x) => x.own);
    expect(r[7]).toMatch(/^r3 heard r1's copy 1 \(v2\.1\), so it has R=2 answers; the newest is 1 \(v2\.1\), and before answering b it writes that back \(read repair\)/);
    const l = story(scenario('lww'), solution('lww', 1)).map((x) => x.own);
    expect(l[0]).toBe('The network split: r1 and a can reach only each other, while r2, r3 and b are on the other side.');
    expect(l[13]).toBe('r2 answered with a newer value, 2 (v2.2): r1 gave up its own 1 (v2.1) for it (last writer wins).');
  });

  it('tells how an acknowledged write disappears on failover', () => {
    const lines = story(scenario('leader-async'), solution('leader-async', 1)).map((x) => x.own);
    expect(lines[3]).toBe('r1 crashed: its stored copy 1 (v1.1) survives, the operations it was working on and its timers do not; its leadership does not survive it.');
    expect(lines[7]).toBe('r1 restarted with its stored copy 1 (v1.1) from term 1; leading is not stored, so it rejoins as a follower.');
    expect(lines[4]).toBe("r2's election timer fired (r1, its leader, is down): it stood for term 2 and asked r1 and r3 for votes.");
    expect(lines[11]).toBe("r1 learned that r2 leads term 2; it replaced its 1 (v1.1) with r2's copy, nothing (v2.0), and acknowledged it: the leader's copy wins, so 1 is gone from r1.");
  });

  it('words every step of seeded random runs, with faults, at sizes 3 and 5', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const s = p.scenarios[seed % p.scenarios.length];
      const budget = { crash: 1, drop: 1, duplicate: 1, partition: 1 };
      const sc = { ...s, budget };
      const config = { ...s.config, size: seed % 2 ? 3 : 5 };
      const run = randomRun(p, sc, { seed, maxSteps: 50, faultWeight: 0.15, config });
      let w = startWorld(p, sc, config);
      for (const c of run.choices) {
        const { world, trace } = stepWithTrace(p, config, w, c);
        const own = p.narrate!(w, c, world, trace);
        const where = `${s.id} seed ${seed} ${choiceToToken(c)}`;
        if (c.kind !== 'drop' && c.kind !== 'duplicate') expect(own, where).not.toBeNull();
        expect(narrate(p, w, c, world, config), where).not.toMatch(/[{}[\]]|undefined|NaN|\?\)/);
        w = world;
      }
    }
  });

  it('tells a session read held back and served once caught up', () => {
    const lines = story(scenario('session'), solution('session', 0)).map((x) => x.own);
    expect(lines[3]).toBe('a asked r2 (its nearby replica) for a read, carrying its session token v1.1.');
    expect(lines[4]).toBe('r2 holds only v1.0, behind a\'s session token v1.1: rather than answer with something older than a has seen, it keeps the read until it catches up.');
    expect(lines[6]).toMatch(/now caught up, it answered the read a was waiting on with 1 \(v1\.1\)\.$/);
  });
});
