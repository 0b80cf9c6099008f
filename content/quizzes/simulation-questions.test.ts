/**
 * Replays every simulation-backed quiz question against the sandbox, so a bank can never claim
 * something the simulator doesn't do.
 *
 * - predict: scenario + flags + run choices must replay legally; after the `next` choice, the
 *   answer option's claim must hold and every other option's claim must not.
 * - break-it: the explorer, given at most `maxFaults` faults in total (on top of any the scenario's
 *   prefix spends), must find a run that violates the named invariant; and the question's own
 *   `solution` (the run its explanation describes) must replay legally and violate it too.
 *
 * Generic: it reads every bank in content/quizzes/ and looks protocols up in the registry, so new
 * banks and protocols are covered without touching this file.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { parse } from 'yaml';
import { quizBankSchema, type Question, type SimulationRun } from '../../src/schemas/quiz.ts';
import { protocols } from '../../sandboxes/index.ts';
import {
  applyChoices,
  checkInvariants,
  explore,
  isFaultChoice,
  prefixOf,
  startWorld,
  step,
  tokenToChoice,
  viewNodes,
} from '../../sandboxes/kernel/index.ts';
import type { Choice, Config, FaultBudget, Protocol, Scenario, World } from '../../sandboxes/kernel/index.ts';

const dir = fileURLToPath(new URL('.', import.meta.url));
const bankFiles = readdirSync(dir)
  .filter((f) => f.endsWith('.yaml'))
  .sort();

type SimQuestion = Extract<Question, { kind: 'predict' | 'break-it' }>;

const FAULT_KINDS: (keyof FaultBudget)[] = ['crash', 'drop', 'duplicate', 'partition'];

/** The budget kind a fault choice spends. */
function faultKind(c: Choice): keyof FaultBudget {
  switch (c.kind) {
    case 'drop':
      return 'drop';
    case 'duplicate':
      return 'duplicate';
    case 'crash':
      return 'crash';
    case 'partition':
      return 'partition';
    default:
      throw new Error(`${c.kind} is not a fault`);
  }
}

/** Protocol, scenario and configuration of a question's run; throws naming the question when any is unknown. */
function resolve(id: string, run: SimulationRun): { protocol: Protocol; scenario: Scenario; config: Config } {
  const protocol = protocols[run.protocol];
  if (!protocol) throw new Error(`question "${id}": unknown protocol "${run.protocol}" (known: ${Object.keys(protocols).join(', ')})`);
  const scenario = protocol.scenarios.find((s) => s.id === run.scenario);
  if (!scenario) {
    throw new Error(
      `question "${id}": protocol ${run.protocol} has no scenario "${run.scenario}" (known: ${protocol.scenarios.map((s) => s.id).join(', ')})`,
    );
  }
  const known = new Set(protocol.flags.map((f) => f.name));
  for (const name of Object.keys(run.flags)) {
    if (!known.has(name)) throw new Error(`question "${id}": protocol ${run.protocol} has no flag "${name}" (known: ${[...known].join(', ')})`);
  }
  const config: Config = { ...scenario.config, flags: { ...scenario.config.flags, ...run.flags } };
  return { protocol, scenario, config };
}

/** Parse tokens, naming the question and the token on a malformed one. */
function parseTokens(id: string, tokens: string[]): Choice[] {
  return tokens.map((t, i) => {
    try {
      return tokenToChoice(t);
    } catch (e) {
      throw new Error(`question "${id}": choice ${i + 1} ("${t}"): ${(e as Error).message}`);
    }
  });
}

/** The world after the scenario's prefix and the run's choices; fails naming the question on an illegal step. */
function replay(id: string, protocol: Protocol, scenario: Scenario, config: Config, tokens: string[]): World {
  const start = startWorld(protocol, scenario, config);
  const r = applyChoices(protocol, config, start, parseTokens(id, tokens));
  if (r.error) {
    throw new Error(`question "${id}": choice ${r.error.index + 1} ("${tokens[r.error.index]}") is illegal: ${r.error.message}`);
  }
  return r.world;
}

/** True when `state` is the claimed state id or a sub-state of it. */
function stateMatches(state: string | null, claim: string): boolean {
  return state !== null && (state === claim || state.startsWith(claim + '.'));
}

const banks = bankFiles.map((file) => {
  const parsed = quizBankSchema.safeParse(parse(readFileSync(join(dir, file), 'utf8')));
  return { file, parsed };
});

it('every quiz bank parses', () => {
  for (const { file, parsed } of banks) {
    expect(parsed.success, `${file}: ${parsed.success ? '' : parsed.error.message}`).toBe(true);
  }
});

for (const { file, parsed } of banks) {
  if (!parsed.success) continue;
  const sim = parsed.data.questions.filter((q): q is SimQuestion => q.kind === 'predict' || q.kind === 'break-it');
  if (sim.length === 0) continue;

  describe(`${file}: simulation-backed questions`, () => {
    for (const q of sim) {
      if (q.kind === 'predict') {
        it(`predict "${q.id}": the answer is what the simulator does`, () => {
          const { protocol, scenario, config } = resolve(q.id, q.run);
          const before = replay(q.id, protocol, scenario, config, q.run.choices);
          const [next] = parseTokens(q.id, [q.next]);
          let after: World;
          try {
            after = step(protocol, config, before, next);
          } catch (e) {
            throw new Error(`question "${q.id}": next choice "${q.next}" is illegal: ${(e as Error).message}`);
          }
          const views = new Map(viewNodes(protocol, after).map((v) => [v.id, v]));
          q.options.forEach((o, i) => {
            const view = views.get(o.claim.node);
            expect(view, `question "${q.id}" option ${i}: no node "${o.claim.node}"`).toBeDefined();
            const holds = stateMatches(view!.state, o.claim.state);
            const shouldHold = i === q.answer;
            expect(
              holds,
              `question "${q.id}" option ${i} claims ${o.claim.node} is "${o.claim.state}"; after ${q.next} it is ${view!.state ?? 'down'}` +
                (shouldHold ? ' (this is the answer, so the claim must hold)' : ' (not the answer, so the claim must not hold)'),
            ).toBe(shouldHold);
          });
        });
      } else {
        // Exhaustive search: give it time (the explorer covers a whole scenario per fault spread).
        it(`break-it "${q.id}": ${q.invariant} breaks within ${q.maxFaults} fault(s)`, { timeout: 300_000 }, () => {
          const { protocol, scenario, config } = resolve(q.id, q.run);
          const invariant = protocol.invariants.find((inv) => inv.name === q.invariant);
          expect(
            invariant,
            `question "${q.id}": protocol ${protocol.id} has no invariant "${q.invariant}" (known: ${protocol.invariants.map((i) => i.name).join(', ')})`,
          ).toBeDefined();
          expect(invariant!.kind, `question "${q.id}": "${q.invariant}" is an observation, which never breaks`).not.toBe('observation');

          // Start where the reader starts: the scenario's prefix plus the run's own choices. Faults
          // spent there are part of the setting, not the reader's budget.
          const start = [...prefixOf(scenario, config), ...parseTokens(q.id, q.run.choices)];
          const fixed: Scenario = { ...scenario, prefix: start, prefixFor: undefined };
          const spent: FaultBudget = { crash: 0, drop: 0, duplicate: 0, partition: 0 };
          for (const c of start) if (isFaultChoice(c)) spent[faultKind(c)]++;
          // The reader may spend any kind the scenario allows, at most maxFaults in all.
          const caps = Object.fromEntries(
            FAULT_KINDS.map((k) => [k, Math.max(0, scenario.budget[k] - spent[k])]),
          ) as unknown as FaultBudget;

          // Exactly what "Give up / show me" runs in the browser: the explorer with a cap on faults of
          // all kinds together, so the run it reports is one the reader could have played.
          const budget = Object.fromEntries(FAULT_KINDS.map((k) => [k, spent[k] + caps[k]])) as unknown as FaultBudget;
          const v = explore(protocol, fixed, { config, budget, maxFaults: q.maxFaults }).violations.find((x) => x.invariant === q.invariant);
          const found: { choices: Choice[]; message: string } | null = v ? { choices: v.choices, message: v.message } : null;
          expect(found, `question "${q.id}": no run breaks ${q.invariant} with at most ${q.maxFaults} fault(s)`).not.toBeNull();
          const faults = found!.choices.filter(isFaultChoice).length;
          expect(faults, `question "${q.id}": the breaking run spends ${faults} faults`).toBeLessThanOrEqual(q.maxFaults);

          // The run the explorer reports must replay to a world where the invariant is broken.
          const w0 = startWorld(protocol, fixed, config);
          const r = applyChoices(protocol, config, w0, found!.choices);
          expect(r.error, `question "${q.id}": the explorer's run does not replay`).toBeUndefined();
          const result = checkInvariants(protocol, config, r.world, found!.choices).find((x) => x.name === q.invariant);
          expect(result?.holds, `question "${q.id}": replayed run leaves ${q.invariant} intact`).toBe(false);

          // The run the explanation walks through can be played, within the fault cap, and breaks it.
          const solution = parseTokens(q.id, q.solution);
          const played = applyChoices(protocol, config, w0, solution);
          expect(played.error, `question "${q.id}": solution step ${(played.error?.index ?? 0) + 1} is illegal: ${played.error?.message}`).toBeUndefined();
          expect(solution.filter(isFaultChoice).length, `question "${q.id}": the solution spends too many faults`).toBeLessThanOrEqual(q.maxFaults);
          const broken = checkInvariants(protocol, config, played.world, solution).find((x) => x.name === q.invariant);
          expect(broken?.holds, `question "${q.id}": the solution leaves ${q.invariant} intact`).toBe(false);
        });
      }
    }
  });
}
