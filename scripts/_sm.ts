import { performance } from 'node:perf_hooks';
import { protocols } from '/work/main/sandboxes/index.ts';
import { explore } from '/work/main/sandboxes/kernel/index.ts';
const p = protocols['two-phase-commit'];
const only = process.argv[2];
for (const s of p.scenarios) for (const size of [2, 3]) {
  if (only && s.id !== only) continue;
  const r = explore(p, s, { config: { size, flags: s.config.flags }, now: () => performance.now(), timeLimitMs: 20000 });
  console.log(s.id, size, r.worlds, r.transitions, r.depth, r.ms, Math.round(r.transitions / r.ms * 1000), r.complete, r.violations.map(v => v.invariant + ':' + v.choices.length).join(','));
}
