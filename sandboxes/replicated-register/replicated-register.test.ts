// Replicated register: promises kept, findings found and replayed, CAP by search, links with parameters.
import { describe, expect, it } from 'vitest';
import { applyChoices, checkInvariants, decodeRun, encodeRun, explore, historySteps, randomRun, runFromJSON, runToJSON, startWorld, step, tokenToChoice } from '../kernel/index.ts';
import type { Config, ExploreOptions, Scenario } from '../kernel/index.ts';
import { protocols } from '../index.ts';
import { replicatedRegister as p } from './index.ts';
import { flagValues, paramValues, promises } from './design.ts';

const scenario = (id: string): Scenario => p.scenarios.find((s) => s.id === id)!;
const cfg = (flags: Record<string, boolean>, params: Record<string, number> = {}, size = 3): Config => ({ size, flags: flagValues(flags), params: paramValues(params) });
const withData = (s: Scenario, requests: string[]): Scenario => ({ ...s, data: { requests } });

/** Explores and checks every violation found replays to the same verdict. */
function exploreChecked(s: Scenario, config: Config, options: ExploreOptions = {}) {
  const r = explore(p, s, { config, ...options });
  for (const v of r.violations) {
    if (p.invariants.find((i) => i.name === v.invariant)!.kind !== 'safety') continue;
    const replay = applyChoices(p, config, startWorld(p, s, config), v.choices);
    expect(replay.error).toBeUndefined();
    const res = checkInvariants(p, config, replay.world, v.choices).find((x) => x.name === v.invariant)!;
    expect(res.holds, v.invariant).toBe(false);
    expect(res.message).toBe(v.message);
  }
  return r;
}

const broken = (r: { violations: { invariant: string; promised?: boolean }[] }) => r.violations.map((v) => v.invariant).sort();
const bugs = (r: { violations: { invariant: string; promised?: boolean }[] }) => r.violations.filter((v) => v.promised).map((v) => v.invariant);

describe('leaderless quorums (exhaustive, N=3)', () => {
  it('W=2, R=2 without read repair keeps its promises, and the explorer shows it is not linearizable', () => {
    const s = scenario('quorum');
    const r = exploreChecked(s, s.config);
    expect(r.complete).toBe(true);
    expect(bugs(r)).toEqual([]);
    expect(broken(r)).toEqual(['linearizable', 'monotonic-reads', 'sequential']);
    const v = r.violations.find((x) => x.invariant === 'linearizable')!;
    expect(v.promised).toBe(false);
    expect(v.message).toMatch(/read by client b returned null/);
  });

  it('with synchronous read repair the same operations are linearizable', () => {
    const s = scenario('quorum');
    const config = cfg({ leaderless: true, readRepair: true });
    const r = exploreChecked(s, config);
    expect(r.complete).toBe(true);
    expect(promises(config)).toContain('linearizable');
    expect(r.violations).toEqual([]);
  });

  it('R + W ≤ N gives up read-your-writes', () => {
    const s = withData(scenario('quorum'), ['a-w1', 'a-r1-via-r2']);
    const r = exploreChecked(s, cfg({ leaderless: true }, { w: 1, r: 1 }));
    expect(r.complete).toBe(true);
    expect(bugs(r)).toEqual([]);
    expect(broken(r)).toContain('read-your-writes');
  });
});

describe('last writer wins (W = R = 1)', () => {
  it('stays available and converges under a partition, and loses linearizability', () => {
    const s = withData(scenario('lww'), ['a-w1', 'b-r1']);
    const r = exploreChecked(s, s.config);
    expect(r.complete).toBe(true);
    expect(bugs(r)).toEqual([]);
    expect(broken(r)).toContain('linearizable');
    expect(broken(r)).not.toContain('availability');
    expect(broken(r)).not.toContain('convergence');
  });
});

describe('monotonic writes: one client writing through two replicas (exhaustive, N=3)', () => {
  it('last writer wins can stamp the second write below the first (a finding); W = R = 2 never does', () => {
    const s = scenario('lww-two-writes');
    const r = exploreChecked(s, s.config);
    expect(r.complete).toBe(true);
    expect(bugs(r)).toEqual([]);
    expect(broken(r)).toEqual(['monotonic-writes', 'no-lost-acked-write']);
    const v = r.violations.find((x) => x.invariant === 'monotonic-writes')!;
    expect(v.promised).toBe(false);
    expect(v.message).toBe('client a wrote 1 and then 2, but the version order puts 2 before 1');
    const quorum = cfg({ leaderless: true }, { w: 2, r: 2 });
    expect(promises(quorum)).toContain('monotonic-writes');
    const q = exploreChecked(s, quorum);
    expect(q.complete).toBe(true);
    expect(q.violations).toEqual([]);
  });
});

describe('single leader: the deposed-leader read, played by name', () => {
  /** Plays a run naming messages by sender, receiver and type (`r2>r3:REQUEST_VOTE`), other steps by token (`p.r1-a`, `t.r2.election`, `q.a-r1`). */
  function play(s: Scenario, config: Config, script: string[]) {
    let w = startWorld(p, s, config);
    const path = [];
    for (const t of script) {
      const m = /^(\w+)>(\w+):(\w+)$/.exec(t);
      const c = m ? { kind: 'deliver' as const, id: w.inFlight.find((x) => x.from === m[1] && x.to === m[2] && x.type === m[3])!.id } : tokenToChoice(t);
      w = step(p, config, w, c);
      path.push(c);
    }
    return { world: w, path };
  }
  // r1 is cut off with client a; r2 wins term 2 with r3's vote while r1 has not heard; b writes 1
  // through r2; then a asks r1.
  const deposed = [
    'p.r1-a', 't.r2.election', 'r2>r3:REQUEST_VOTE', 'r3>r2:VOTE', 'r2>b:LEADER', 'r2>r3:APPEND', 'r3>r2:APPEND_OK',
    'q.b-w1', 'b>r2:WRITE', 'r2>r3:APPEND', 'r3>r2:APPEND_OK', 'r2>b:WRITE_OK', 'q.a-r1', 'a>r1:READ', 'r1>a:READ_OK',
  ];

  it('the unsafe “leader reads without confirming” lets a deposed leader serve a stale read; the safe leader cannot', () => {
    const s = scenario('leader-sync');
    const unsafe = cfg({ leaderReadsWithoutConfirm: true });
    const { world, path } = play(s, unsafe, deposed);
    const res = checkInvariants(p, unsafe, world, path).find((x) => x.name === 'linearizable')!;
    expect(res.holds).toBe(false);
    expect(res.promised).toBe(true);
    expect(res.message).toMatch(/read by client a returned null/);
    // With confirmation r1 asks the others first, across the cut: no READ_OK to deliver.
    expect(() => play(s, s.config, deposed)).toThrow();
  });

  it('no election while the leader is up and reachable: its heartbeats outlast the timeout', () => {
    const s = scenario('leader-sync');
    const w = startWorld(p, s, s.config);
    expect(() => step(p, s.config, w, tokenToChoice('t.r2.election'))).toThrow(/r1 is up and reachable/);
    const cut = step(p, s.config, w, tokenToChoice('p.r1-a'));
    expect(step(p, s.config, cut, tokenToChoice('t.r2.election')).nodes.r2.up).toBe(true);
  });
});

describe('CAP by search: under a partition no design keeps both C and A', () => {
  const designs: [string, Config][] = [
    ['leader, synchronous', cfg({})],
    ['leader, asynchronous', cfg({ syncReplication: false, readAnyReplica: true })],
    ['quorum 2/2', cfg({ leaderless: true })],
    ['quorum 2/2 + read repair', cfg({ leaderless: true, readRepair: true })],
    ['last writer wins', cfg({ leaderless: true }, { w: 1, r: 1 })],
    ['sessions', cfg({ syncReplication: false, readAnyReplica: true, sessionTokens: true })],
  ];
  const s: Scenario = { ...scenario('lww'), data: { requests: ['a-w1', 'b-r1'] }, budget: { crash: 0, drop: 0, duplicate: 0, partition: 1 } };
  for (const [name, config] of designs) {
    it(name, () => {
      const r = exploreChecked(s, config, { maxWorlds: 30_000 });
      const lost = broken(r).filter((x) => x === 'linearizable' || x === 'availability');
      expect(lost.length, broken(r).join(', ')).toBeGreaterThan(0);
    });
  }
});

describe('configuration, links and history', () => {
  it('parameters travel in links and JSON; old links decode with defaults', () => {
    const config = cfg({ leaderless: true, readRepair: true }, { w: 3, r: 1 });
    const run = { protocol: p.id, scenario: 'quorum', config, choices: [{ kind: 'request', name: 'a-w1' } as const] };
    const link = encodeRun(run, p);
    expect(link).toBe('replicated-register~quorum~3~leaderless-1.r-1.readRepair-1.w-3~q.a-w1');
    const back = decodeRun(link, protocols);
    expect(back.ok && back.run.config.params).toEqual({ w: 3, r: 1 });
    const old = decodeRun('replicated-register~quorum~3~leaderless-1~q.a-w1', protocols);
    expect(old.ok && old.run.config.params).toEqual({ w: 2, r: 2 });
    const json = runFromJSON(runToJSON(run), protocols);
    expect(json.ok && json.run.config.params).toEqual({ w: 3, r: 1 });
    expect(decodeRun('replicated-register~quorum~3~w-9~', protocols)).toMatchObject({ ok: false });
    // Protocols without parameters keep configs without them.
    const tpc = decodeRun('two-phase-commit~all-vote-yes~3~~', protocols);
    expect(tpc.ok && tpc.run.config.params).toBeUndefined();
  });

  it('a client runs one operation at a time, in order, and the history is on the step axis', () => {
    const s = scenario('quorum');
    const config = s.config;
    let w = startWorld(p, s, config);
    expect(() => step(p, config, w, { kind: 'request', name: 'b-r2-via-r2' })).toThrow(/b must first issue b-r1-via-r3/);
    const steps = [{ kind: 'request', name: 'a-w1' } as const];
    w = step(p, config, w, steps[0]);
    const h = historySteps(p, config, startWorld(p, s, config), steps);
    expect(h).toEqual([{ client: 'a', op: 'write', value: 1, invokedAt: 0, completedAt: null, outcome: 'unknown', invokedStep: 1, completedStep: null }]);
  });

  it('violations of history invariants name the operations', () => {
    const s = scenario('quorum');
    const r = explore(p, s);
    const v = r.violations.find((x) => x.invariant === 'monotonic-reads')!;
    const w = applyChoices(p, s.config, startWorld(p, s), v.choices).world;
    const res = checkInvariants(p, s.config, w).find((x) => x.name === 'monotonic-reads')!;
    expect(res.ops?.length).toBeGreaterThan(0);
    expect(res.promised).toBe(false);
  });
});

describe('random runs at size 5', () => {
  it('seeded runs keep each design’s promised safety invariants', () => {
    const safety = p.invariants.filter((i) => i.kind === 'safety');
    for (let seed = 1; seed <= 40; seed++) {
      const s = p.scenarios[seed % p.scenarios.length];
      const config = { ...s.config, size: 5 };
      const promised = new Set(promises(config));
      const run = randomRun(p, s, { seed, maxSteps: 60, faultWeight: 0.1, config });
      let w = startWorld(p, s, config);
      for (const c of run.choices) {
        w = step(p, config, w, c);
        const bad = safety.filter((inv) => promised.has(inv.name) && inv.check(w, config) !== null).map((inv) => inv.name);
        expect(bad, `seed ${seed} ${encodeRun(run, p)}`).toEqual([]);
      }
    }
  });
});
