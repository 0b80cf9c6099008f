/**
 * Explorer benchmark: one line per run, for the quality budget in DESIGN.md.
 *
 *   <protocol>/<scenario>[@size] worlds=N transitions=N depth=N ms=N transitions_per_s=N violations=<names or none>
 *
 * Covers every scenario of every protocol at its default size (the sagas' in both styles, the outbox's with both relays), all-vote-yes at 2 and 3
 * participants (and at 3 and 4 with timeouts that outlast delivery, `~patient`), and 3
 * participants with one crash and one drop, both ways; and the design lab's whole plan for the model
 * design and for the weakest one (`design-lab/<name> runs=N worlds=N ms=N`). Time comes from performance.now
 * here (scripts may read a clock; sandboxes may not).
 *
 * Each line runs in a fresh process, as a reader's first exploration runs in a fresh Worker: in one
 * process, later runs would reuse the node memo and key caches that earlier runs filled (and a
 * warm JIT), which roughly halves the time of the 3-participant runs. `--warm` runs every line in
 * this process anyway, for profiling.
 *
 * Symmetry reduction is on (transitions counts only those computed). `--no-symmetry` turns it
 * off; `--compare` adds a `[no-symmetry]` line after each run for the world counts without it.
 * `--no-obsolete` drops each protocol's obsolete-message rules (`Protocol.obsolete`), to see what
 * they save and that the violations found stay the same.
 *
 * Every line runs to completion. The replicated register's single-leader scenarios and its
 * last-writer-wins one are the big ones (about 150,000 to 190,000 worlds each: a partition or a
 * crash, then an election or anti-entropy, with every interleaving of the messages around it),
 * so they take several seconds where the other lines take well under one. Without the register's
 * obsolete-message rules (sandboxes/replicated-register/obsolete.ts) leader-sync would be 1.55
 * million worlds and leader-async 777,000.
 */
import { execFileSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { protocols } from '../sandboxes/index.ts';
import { explore } from '../sandboxes/kernel/index.ts';
import type { ExploreOptions, Protocol, Scenario } from '../sandboxes/kernel/index.ts';
import type { MechanismChoices } from '../src/design/ids.ts';
import { labPlan } from '../src/design/lab.ts';
import { runLabRun } from '../src/design/run-lab.ts';

const args = process.argv.slice(2);
const symmetry = !args.includes('--no-symmetry');
const compare = symmetry && args.includes('--compare');
const warm = args.includes('--warm');
const obsolete = !args.includes('--no-obsolete');
const onlyAt = args.indexOf('--only');
const only = onlyAt >= 0 ? args[onlyAt + 1] : null;

/** One bench line: an exploration of a scenario, or the design lab's whole plan for one design. */
type Run = { label: string; protocol: Protocol; scenario: Scenario; options: ExploreOptions } | { label: string; lab: MechanismChoices };

const runs: Run[] = [];

function line(label: string, protocol: Protocol, scenario: Scenario, options: ExploreOptions = {}): void {
  runs.push({ label, protocol, scenario, options });
}

function print(label: string, protocol: Protocol, scenario: Scenario, options: ExploreOptions): void {
  const r = explore(protocol, scenario, { ...options, now: () => performance.now() });
  const perSecond = r.ms > 0 ? Math.round((r.transitions / r.ms) * 1000) : r.transitions;
  const names = r.violations.map((v) => v.invariant).join(',') || 'none';
  console.log(
    `${label} worlds=${r.worlds} transitions=${r.transitions} depth=${r.depth} ms=${r.ms} transitions_per_s=${perSecond} violations=${names}${r.complete ? '' : ` stopped=${r.stoppedBy}`}${
      !r.complete && r.stoppedBy === 'worlds' && options.maxWorlds !== undefined ? ` capped=${options.maxWorlds}` : ''
    }`,
  );
}

for (const protocol of Object.values(protocols)) {
  for (const s of protocol.scenarios) line(`${protocol.id}/${s.id}`, protocol, s, { maxWorlds: 3_000_000 });
}

// Sagas: every scenario once more in the choreographed style (the scenarios default to orchestration).
const saga = protocols.saga;
for (const s of saga.scenarios) {
  line(`saga/${s.id}~choreography`, saga, s, { config: { ...s.config, flags: { ...s.config.flags, choreography: true } } });
}

// The outbox: every scenario once more with the relay tailing the log instead of polling.
const outbox = protocols.outbox;
for (const s of outbox.scenarios) {
  line(`outbox/${s.id}~logTailing`, outbox, s, { config: { ...s.config, flags: { ...s.config.flags, logTailing: true } } });
}

const tpc = protocols['two-phase-commit'];
const yes = tpc.scenarios.find((s) => s.id === 'all-vote-yes')!;
// Timers fire while messages are merely slow (the lessons' model); `~patient` lines use the much
// smaller space where a timer waits for mail to its node (timeouts outlast delivery), comparable
// with the numbers of earlier versions.
const patient: Scenario = { ...yes, timing: 'after-delivery' };
for (const size of [2, 3]) {
  line(`two-phase-commit/all-vote-yes@${size}`, tpc, yes, { config: { size, flags: yes.config.flags } });
}
for (const size of [3, 4]) {
  line(`two-phase-commit/all-vote-yes@${size}~patient`, tpc, patient, { config: { size, flags: yes.config.flags } });
}
for (const [label, s] of [['', yes], ['~patient', patient]] as const) {
  line(`two-phase-commit/all-vote-yes@3+crash1+drop1${label}`, tpc, s, {
    config: { size: 3, flags: yes.config.flags },
    budget: { crash: 1, drop: 1, duplicate: 0, partition: 0 },
  });
}

// The design lab: every run a design calls for, one after another, as the reader's "Run my design"
// does in its worker (the model answer, and a design that picks every weak option).
const labDesigns: Record<string, MechanismChoices> = {
  model: { agreement: 'orchestrated-saga', publishing: 'outbox-polling', consuming: 'idempotent', statusReads: 'read-model-token', concurrency: 'version-check' },
  weakest: { agreement: '2pc', publishing: 'dual-write', consuming: 'plain', statusReads: 'read-model', concurrency: 'last-writer-wins' },
};
const LAB = 'design-lab/';
for (const [name, lab] of Object.entries(labDesigns)) runs.push({ label: `${LAB}${name}`, lab });

function printLab(label: string, design: MechanismChoices): void {
  const plan = labPlan(design);
  const t = performance.now();
  const outcomes = plan.map((run) => runLabRun(run, () => performance.now()));
  const ms = Math.round(performance.now() - t);
  const worlds = outcomes.reduce((a, o) => a + o.worlds, 0);
  const broken = [...new Set(outcomes.flatMap((o) => o.violations.map((v) => v.invariant)))].join(',') || 'none';
  console.log(`${label} runs=${plan.length} worlds=${worlds} ms=${ms} complete=${outcomes.every((o) => o.complete)} violations=${broken}`);
}

function printRun(run: Run): void {
  if ('lab' in run) return printLab(run.label, run.lab);
  const { label, protocol, scenario, options } = run;
  // --no-obsolete: the same protocol without its obsolete-message rules (slow on the register).
  const used = obsolete ? protocol : { ...protocol, obsolete: undefined };
  print(label, used, scenario, { ...options, symmetry });
  if (compare) print(`${label} [no-symmetry]`, used, scenario, { ...options, symmetry: false });
}

if (only !== null) {
  const run = runs.find((r) => r.label === only);
  if (!run) throw new Error(`bench: no run named ${only}`);
  printRun(run);
} else if (warm) {
  runs.forEach(printRun);
} else {
  // Same flags for the child, plus the run to do; its lines go straight to our stdout.
  const self = fileURLToPath(import.meta.url);
  const passOn = args.filter((a) => a === '--no-symmetry' || a === '--compare' || a === '--no-obsolete');
  for (const run of runs) {
    execFileSync(process.execPath, [...process.execArgv, self, ...passOn, '--only', run.label], { stdio: 'inherit' });
  }
}
