// Outbox: exhaustive checks of the safe variants, shortest counterexamples for the unsafe ones,
// seeded random runs, and the machines' shape.
import { describe, expect, it } from 'vitest';
import { applyChoices, checkInvariants, choiceToToken, encodeRun, explore, randomRun, startWorld, stateDiagram, step, tokenToChoice } from '../kernel/index.ts';
import type { Config, Scenario } from '../kernel/index.ts';
import { protocols } from '../index.ts';
import { outbox as p } from './index.ts';
import { UNSAFE_CASES } from './cases.ts';
import { defaultFlags } from './flags.ts';

const scenario = (id: string): Scenario => p.scenarios.find((s) => s.id === id)!;
const cfg = (size: number, set: Record<string, boolean> = {}): Config => ({ size, flags: { ...defaultFlags(), ...set } });

describe('safe variants: every reachable world holds every invariant', () => {
  for (const logTailing of [false, true]) {
    for (const s of p.scenarios) {
      it(`${s.id}${logTailing ? ' (log tailing)' : ' (polling publisher)'}`, () => {
        const r = explore(p, s, { config: cfg(1, { logTailing }) });
        expect(r.complete).toBe(true);
        expect(r.violations).toEqual([]);
      }, 60_000);
    }
  }
  for (const logTailing of [false, true]) {
    for (const s of p.scenarios) {
      it(`${s.id} with a second consumer${logTailing ? ' (log tailing)' : ''}`, () => {
        const r = explore(p, s, { config: cfg(1, { logTailing, notify: true }) });
        expect(r.complete).toBe(true);
        expect(r.violations).toEqual([]);
      }, 60_000);
    }
  }
  // Two orders: the bench-sized spaces, still small.
  for (const id of ['happy-path', 'redelivery', 'create-then-cancel']) {
    it(`${id} with two orders`, () => {
      const r = explore(p, scenario(id), { config: cfg(2) });
      expect(r.complete).toBe(true);
      expect(r.violations).toEqual([]);
    }, 60_000);
  }
});

describe('unsafe variants: the explorer finds the short counterexample the lesson tells', () => {
  for (const c of UNSAFE_CASES) {
    it(`${Object.keys(c.flags).join(' + ')} breaks ${c.invariant} in ${c.scenario}`, () => {
      const config = cfg(1, c.flags);
      const s = scenario(c.scenario);
      const r = explore(p, s, { config });
      const v = r.violations.find((x) => x.invariant === c.invariant);
      expect(v, `violations: ${r.violations.map((x) => x.invariant).join(', ') || 'none'}`).toBeDefined();
      expect(v!.choices.map(choiceToToken)).toEqual(c.run);
      expect(v!.choices.length).toBeLessThanOrEqual(12);
      const replay = applyChoices(p, config, startWorld(p, s, config), v!.choices);
      expect(replay.error).toBeUndefined();
      const result = checkInvariants(p, config, replay.world, [...v!.choices]).find((x) => x.name === c.invariant)!;
      expect(result.holds).toBe(false);
      expect(result.message).toBe(v!.message);
    }, 60_000);
  }

  it('every unsafe flag has a case', () => {
    for (const f of p.flags.filter((x) => x.unsafe)) expect(UNSAFE_CASES.some((c) => c.flags[f.name]), f.name).toBe(true);
  });

  it('each consumer group is judged on its own: a crash at notify loses the event there only', () => {
    const config = cfg(1, { notify: true, commitOffsetFirst: true });
    const s = scenario('consumer-crash');
    // DELIVER to payment is 5, to notify 6. Payment commits (7) and applies; notify commits its
    // offset (8) and crashes before applying.
    const run = ['t.relay.poll', 'd1', 'd2', 'd3', 'd5', 't.payment.apply', 'd6', 'c.notify', 'r.notify', 'd8'].map(tokenToChoice);
    const r = applyChoices(p, config, startWorld(p, s, config), run);
    expect(r.error).toBeUndefined();
    const lost = checkInvariants(p, config, r.world, run).find((x) => x.name === 'no-lost-event')!;
    expect(lost.message).toBe('OrderCreated for o1 committed, but notify never applies it: no continuation without faults gets there');
  });

  it('the dual write loses the event the outbox keeps, in the same run', () => {
    const s = scenario('crash-after-commit');
    const run = ['c.orders', 'r.orders'].map(tokenToChoice);
    const lost = (set: Record<string, boolean>) => {
      const config = cfg(1, set);
      const w = applyChoices(p, config, startWorld(p, s, config), run).world;
      return checkInvariants(p, config, w, run).find((x) => x.name === 'no-lost-event')!.message;
    };
    expect(lost({ dualWrite: true })).toBe('OrderCreated for o1 committed, but payment never applies it: no continuation without faults gets there');
    expect(lost({})).toBeNull();
  });
});

describe('random runs', () => {
  it('200 seeded runs with two orders, bigger fault budgets and impatient timers keep every safety invariant', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const base = p.scenarios[seed % p.scenarios.length];
      // Larger than the explored spaces: more faults of every kind, and timers that may fire while
      // messages are merely slow.
      const s: Scenario = { ...base, budget: { crash: 2, drop: 2, duplicate: 2, partition: 0 }, timing: 'any' };
      const config = cfg(2, { logTailing: seed % 2 === 0, notify: seed % 3 === 0 });
      const run = randomRun(p, s, { seed, maxSteps: 60, faultWeight: 0.15, config });
      let w = startWorld(p, s, config);
      for (const c of run.choices) {
        w = step(p, config, w, c);
        const bad = p.invariants.filter((inv) => inv.kind === 'safety' && inv.check(w, config) !== null).map((inv) => inv.name);
        expect(bad, `seed ${seed} ${encodeRun(run, p)}`).toEqual([]);
      }
    }
  }, 60_000);
});

describe('machines and registry', () => {
  it('is registered, and every machine has a recovery state', () => {
    expect(protocols.outbox).toBe(p);
    expect(Object.keys(p.machines)).toEqual(['orders', 'relay', 'broker', 'payment', 'notify']);
    for (const role of Object.keys(p.machines)) {
      const d = stateDiagram(p.machines[role]);
      expect(d.recovery, role).toBe('recovering');
      for (const s of d.states.filter((x) => x.id !== 'start' && x.id !== 'recovering')) expect(p.stateNames?.[role]?.[s.id], `${role}.${s.id}`).toBeDefined();
    }
  });

  it('reader diagrams show only the paths a variant allows', () => {
    const states = (role: string, flags: Record<string, boolean>) => stateDiagram(p.machines[role], { protocol: p, role, flags }).states.map((s) => s.id);
    expect(states('orders', {})).toEqual(['ready', 'recovering']);
    expect(states('orders', { dualWrite: true })).toContain('publishing');
    expect(states('orders', { publishFirst: true })).toContain('committing');
    expect(states('payment', {})).not.toContain('offsetCommitted');
    expect(states('payment', { commitOffsetFirst: true })).not.toContain('applied');
    const d = stateDiagram(p.machines.orders, { protocol: p, role: 'orders', flags: {} });
    expect(d.transitions.filter((t) => t.event.startsWith('request.')).map((t) => t.event)).toEqual(['request.create-o1', 'request.create-o2', 'request.cancel-o1']);
  });

  it('shows an event held only in memory under dual write, and never under the outbox', () => {
    const s = scenario('crash-after-commit');
    const shown = (set: Record<string, boolean>) => checkInvariants(p, cfg(1, set), startWorld(p, s, cfg(1, set))).find((x) => x.name === 'event-in-memory')!.message;
    expect(shown({ dualWrite: true })).toBe('OrderCreated for o1 committed, but held only in orders’ memory until it is published: a crash now loses it');
    expect(shown({ publishFirst: true })).toBe('OrderCreated for o1 published, but its transaction is still open: a crash now makes it a phantom');
    expect(shown({})).toBeNull();
  });

  it('keeps the outbox row in the same transaction as the order', () => {
    const s = scenario('crash-after-commit');
    const w = startWorld(p, s, cfg(1));
    expect((w.nodes.orders.store as { log: unknown[] }).log).toEqual([{ type: 'COMMIT', id: 'o1-created', order: 'o1', event: 'OrderCreated', lsn: 1, outbox: true }]);
    expect(w.inFlight).toEqual([]);
  });

  it('machines never see the ghost records', () => {
    const s = scenario('consumer-crash');
    const config = cfg(1);
    const sol = s.solutions![0];
    const w = applyChoices(p, config, startWorld(p, s, config), sol.steps.map(tokenToChoice)).world;
    expect((w.nodes.payment.store as { audit: string[] }).audit).toEqual(['applied o1-created #1']);
    expect(JSON.stringify(w.nodes.payment.snapshot)).not.toContain('audit');
  });

  it('an outcome line once the run is over', () => {
    const s = scenario('happy-path');
    const sol = s.solutions![0];
    const w = applyChoices(p, s.config, startWorld(p, s), sol.steps.map(tokenToChoice)).world;
    expect(p.outcome!(w)).toBe('every committed event took effect once at payment (OrderCreated for o1)');
    expect(p.outcome!(startWorld(p, s))).toBeNull();
  });
});
