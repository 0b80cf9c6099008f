/**
 * Explorer benchmark: one line per run, for the quality budget in DESIGN.md.
 *
 *   <protocol>/<scenario>[@size] worlds=N transitions=N depth=N ms=N transitions_per_s=N violations=<names or none>
 *
 * Covers every scenario of every protocol at its default size, all-vote-yes at 2, 3 and 4
 * participants, and 3 participants with one crash and one drop. Time comes from performance.now
 * here (scripts may read a clock; sandboxes may not).
 *
 * Symmetry reduction is on (transitions counts only those computed). `--no-symmetry` turns it
 * off; `--compare` adds a `[no-symmetry]` line after each run for the world counts without it.
 */
import { performance } from 'node:perf_hooks';
import { protocols } from '../sandboxes/index.ts';
import { explore } from '../sandboxes/kernel/index.ts';
import type { ExploreOptions, Protocol, Scenario } from '../sandboxes/kernel/index.ts';

const args = process.argv.slice(2);
const symmetry = !args.includes('--no-symmetry');
const compare = symmetry && args.includes('--compare');

function line(label: string, protocol: Protocol, scenario: Scenario, options: ExploreOptions = {}): void {
  print(label, protocol, scenario, { ...options, symmetry });
  if (compare) print(`${label} [no-symmetry]`, protocol, scenario, { ...options, symmetry: false });
}

function print(label: string, protocol: Protocol, scenario: Scenario, options: ExploreOptions): void {
  const r = explore(protocol, scenario, { ...options, now: () => performance.now() });
  const perSecond = r.ms > 0 ? Math.round((r.transitions / r.ms) * 1000) : r.transitions;
  const names = r.violations.map((v) => v.invariant).join(',') || 'none';
  console.log(
    `${label} worlds=${r.worlds} transitions=${r.transitions} depth=${r.depth} ms=${r.ms} transitions_per_s=${perSecond} violations=${names}${r.complete ? '' : ` stopped=${r.stoppedBy}`}`,
  );
}

for (const protocol of Object.values(protocols)) {
  for (const s of protocol.scenarios) line(`${protocol.id}/${s.id}`, protocol, s);
}

const tpc = protocols['two-phase-commit'];
const yes = tpc.scenarios.find((s) => s.id === 'all-vote-yes')!;
for (const size of [2, 3, 4]) {
  line(`two-phase-commit/all-vote-yes@${size}`, tpc, yes, { config: { size, flags: yes.config.flags } });
}
line('two-phase-commit/all-vote-yes@3+crash1+drop1', tpc, yes, {
  config: { size: 3, flags: yes.config.flags },
  budget: { crash: 1, drop: 1, duplicate: 0, partition: 0 },
});
