import { performance } from 'node:perf_hooks';
import { protocols } from '../sandboxes/index.ts';
import { explore } from '../sandboxes/kernel/index.ts';
const p = protocols['two-phase-commit'];
const s = p.scenarios[0];
for (const budget of [{ crash: 0, drop: 0, duplicate: 0, partition: 0 }, { crash: 1, drop: 0, duplicate: 0, partition: 0 }]) {
  const r = explore(p, s, { config: { size: 3, flags: s.config.flags }, budget, now: () => performance.now(), timeLimitMs: 20000 });
  console.log(JSON.stringify(budget), r.worlds, r.transitions, r.depth, r.ms, r.complete);
}
