// The design lab end to end in Node: the plan's runs are explored for real, the scorecard reads the
// outcomes, and changing one choice changes the verdicts it should (nothing on the card is stored).
// Every missed simulation comes with a run that replays in the player's protocol to the same sentence.
import { describe, expect, it } from 'vitest';
import { protocols } from '../../sandboxes/index.ts';
import { applyChoices, checkInvariants, startWorld } from '../../sandboxes/kernel/index.ts';
import { MECHANISMS, MECHANISM_IDS, type ComponentId, type MechanismChoices, type RequirementId } from './ids.ts';
import { labPlan, type LabRun } from './lab.ts';
import { labTarget, runLabRun } from './run-lab.ts';
import { scorecard, type RunOutcome, type ScoreRow, type SimulationEvidence } from './scorecard.ts';

const MODEL: MechanismChoices = { agreement: 'orchestrated-saga', publishing: 'outbox-polling', consuming: 'idempotent', statusReads: 'read-model-token', concurrency: 'version-check' };
const COMPONENTS: ComponentId[] = ['gateway', 'order-service', 'order-db', 'payment-service', 'payment-db', 'broker', 'orchestrator', 'notification-service', 'read-model'];

/** Outcomes are cached by what was explored, so the whole choice space costs each distinct run once. */
const cache = new Map<string, RunOutcome>();
const keyOf = (run: LabRun) => JSON.stringify([run.protocol, run.scenario, run.size, run.flags, run.budget ?? null, run.observe ?? []]);
function outcomes(plan: LabRun[]): Record<string, RunOutcome> {
  return Object.fromEntries(
    plan.map((run) => {
      const key = keyOf(run);
      if (!cache.has(key)) cache.set(key, runLabRun(run));
      return [run.id, { ...cache.get(key)!, runId: run.id }];
    }),
  );
}
function card(m: MechanismChoices, components = COMPONENTS): ScoreRow[] {
  return scorecard(m, components, outcomes(labPlan(m)));
}
const statusOf = (rows: ScoreRow[]) => Object.fromEntries(rows.map((r) => [r.requirement, r.status])) as Record<RequirementId, ScoreRow['status']>;
const missedBy = (rows: ScoreRow[], req: RequirementId) =>
  rows.find((r) => r.requirement === req)!.evidence.filter((e) => e.holds === false).map((e) => (e.kind === 'simulation' ? e.invariant : e.title));

/** Every design the reader can choose. */
function* allDesigns(): Generator<MechanismChoices> {
  const ids = MECHANISM_IDS;
  const walk = function* (i: number, acc: Partial<MechanismChoices>): Generator<MechanismChoices> {
    if (i === ids.length) return yield acc as MechanismChoices;
    for (const option of MECHANISMS[ids[i]]) yield* walk(i + 1, { ...acc, [ids[i]]: option });
  };
  yield* walk(0, {});
}

describe('the plan', () => {
  it('names scenarios, sizes and invariants that exist, for every design', () => {
    for (const m of allDesigns()) {
      for (const run of labPlan(m)) {
        const p = protocols[run.protocol];
        const s = p.scenarios.find((x) => x.id === run.scenario);
        expect(s, run.id).toBeDefined();
        expect(run.size).toBeGreaterThanOrEqual(p.sizes.min);
        expect(run.size).toBeLessThanOrEqual(p.sizes.max);
        for (const c of run.checks) expect(p.invariants.map((i) => i.name), `${run.id} ${c.invariant}`).toContain(c.invariant);
        for (const f of Object.keys(run.flags)) expect(p.flags.map((x) => x.name), `${run.id} flag ${f}`).toContain(f);
        // A smaller budget than the scenario's, so the run found replays in the player.
        if (run.budget) for (const [k, v] of Object.entries(run.budget)) expect(v).toBeLessThanOrEqual(s!.budget[k as keyof typeof run.budget]);
      }
      expect(new Set(labPlan(m).map((r) => r.id)).size).toBe(labPlan(m).length);
    }
  });

  it('explores every run of every design to the end', () => {
    for (const m of allDesigns()) for (const o of Object.values(outcomes(labPlan(m)))) expect(o.complete, o.runId).toBe(true);
  });

  it('judges every requirement with some evidence', () => {
    for (const row of card(MODEL)) expect(row.evidence.length, row.requirement).toBeGreaterThan(0);
  });
});

describe('the scorecard follows the choices', () => {
  it('the model design meets every requirement', () => {
    expect(Object.values(statusOf(card(MODEL)))).toEqual(Array(10).fill('met'));
  });

  it('a choreographed saga or log tailing keeps every requirement', () => {
    expect(Object.values(statusOf(card({ ...MODEL, agreement: 'choreographed-saga' })))).toEqual(Array(10).fill('met'));
    expect(Object.values(statusOf(card({ ...MODEL, publishing: 'outbox-log-tailing' })))).toEqual(Array(10).fill('met'));
  });

  it('a dual write loses an event after a crash and puts the broker on the accept path', () => {
    const rows = card({ ...MODEL, publishing: 'dual-write' });
    expect(missedBy(rows, 'FR2')).toContain('no-lost-event');
    expect(missedBy(rows, 'NFR3')).toEqual(['Availability of the synchronous paths']);
    expect(statusOf(rows).FR4).toBe('met');
  });

  it('consumers without a processed-message record apply a duplicate twice', () => {
    const rows = card({ ...MODEL, consuming: 'plain' });
    expect(missedBy(rows, 'FR1')).toEqual(expect.arrayContaining(['no-double-charge', 'effectively-once', 'no-phantom-or-double']));
  });

  it('a read model without the position token breaks read-your-writes; the order database breaks availability', () => {
    expect(missedBy(card({ ...MODEL, statusReads: 'read-model' }), 'FR2')).toEqual(['read-your-writes']);
    const db = card({ ...MODEL, statusReads: 'order-db' });
    expect(statusOf(db).FR2).toBe('met');
    expect(missedBy(db, 'NFR3')).toEqual(['Availability of the synchronous paths']);
  });

  it('last writer wins loses the cancel and sells the last item twice', () => {
    const rows = card({ ...MODEL, concurrency: 'last-writer-wins' });
    expect(missedBy(rows, 'FR4')).toEqual(expect.arrayContaining(['one-outcome', 'stock-never-negative']));
    expect(missedBy(rows, 'NFR1')).toEqual(['stock-never-negative']);
  });

  it('two-phase commit keeps atomicity but blocks, couples the services and lengthens the accept path', () => {
    const rows = card({ ...MODEL, agreement: '2pc' }, [...COMPONENTS, 'tx-coordinator']);
    const s = statusOf(rows);
    expect([s.FR1, s.FR3]).toEqual(['met', 'met']);
    for (const req of ['FR5', 'NFR2', 'NFR5'] as const) expect(missedBy(rows, req), req).toContain('blocked');
    expect(missedBy(rows, 'NFR3')).toEqual(['Availability of the synchronous paths']);
    expect(missedBy(rows, 'NFR4')).toEqual(['Each service owns its data']);
  });

  it('a shared database fails ownership even with a saga', () => {
    expect(missedBy(card(MODEL, [...COMPONENTS, 'shared-db']), 'NFR4')).toEqual(['Each service owns its data']);
  });

  it('every option other than the model’s turns some requirement red', () => {
    const base = statusOf(card(MODEL));
    for (const id of MECHANISM_IDS) {
      for (const option of MECHANISMS[id]) {
        const m = { ...MODEL, [id]: option } as MechanismChoices;
        const changed = Object.entries(statusOf(card(m))).filter(([k, v]) => v !== base[k as RequirementId]);
        const harmless = option === MODEL[id] || option === 'choreographed-saga' || option === 'outbox-log-tailing';
        expect(changed.length > 0, `${id}=${option}`).toBe(!harmless);
      }
    }
  });

  it('shows rows as pending until their runs are explored', () => {
    const rows = scorecard(MODEL, COMPONENTS, {});
    expect(statusOf(rows).FR1).toBe('pending');
    expect(statusOf(rows).NFR4).toBe('met');
  });
});

describe('every missed simulation opens a run the player can replay', () => {
  it('replays to a world where the invariant reports the same sentence', () => {
    const seen = new Set<string>();
    for (const m of allDesigns()) {
      for (const row of card(m, [...COMPONENTS, 'tx-coordinator'])) {
        for (const e of row.evidence.filter((x): x is SimulationEvidence => x.kind === 'simulation' && x.holds === false)) {
          const key = JSON.stringify([e.protocol, e.scenario, e.flags, e.invariant]);
          if (seen.has(key)) continue;
          seen.add(key);
          const p = protocols[e.protocol];
          const s = p.scenarios.find((x) => x.id === e.scenario)!;
          const config = { ...s.config, size: e.size, flags: { ...s.config.flags, ...e.flags } };
          const replay = applyChoices(p, config, startWorld(p, s, config), e.choices);
          expect(replay.error, key).toBeUndefined();
          const result = checkInvariants(p, config, replay.world, [...e.choices]).find((x) => x.name === e.invariant)!;
          expect(result.holds, key).toBe(false);
          expect(result.message, key).toBe(e.message);
        }
      }
    }
    expect(seen.size).toBeGreaterThan(10);
  });

  it('the lab searches an observation as if it were a safety invariant, and only in its own copy', () => {
    const run = labPlan({ ...MODEL, agreement: '2pc' })[0];
    expect(labTarget(run).protocol.invariants.find((i) => i.name === 'blocked')!.kind).toBe('safety');
    expect(protocols['two-phase-commit'].invariants.find((i) => i.name === 'blocked')!.kind).toBe('observation');
  });
});
