import { performance } from 'node:perf_hooks';
import { protocols } from '../sandboxes/index.ts';
import { startWorld, choices, worldKey } from '../sandboxes/kernel/index.ts';
import { applyChoice } from '../sandboxes/kernel/step.ts';
const p = protocols['two-phase-commit'];
const s = p.scenarios[0];
const cfg = s.config;
let w = startWorld(p, s, cfg);
const ws = [w];
for (let i = 0; i < 8; i++) { w = applyChoice(p, cfg, w, choices(p, cfg, w)[0]); ws.push(w); }
let t = performance.now(); let n = 0;
for (let k = 0; k < 20000; k++) for (const x of ws) { for (const c of choices(p, cfg, x)) { applyChoice(p, cfg, x, c); n++; } }
console.log('apply', n, ((performance.now() - t) / n * 1000).toFixed(2), 'us');
t = performance.now(); n = 0;
const nexts = ws.flatMap(x => choices(p, cfg, x).map(c => applyChoice(p, cfg, x, c)));
for (let k = 0; k < 20000; k++) for (const x of nexts) { worldKey(x); n++; }
console.log('key', n, ((performance.now() - t) / n * 1000).toFixed(2), 'us');
t = performance.now(); n = 0;
for (let k = 0; k < 20000; k++) for (const x of nexts) { for (const inv of p.invariants) inv.check(x, cfg); n++; }
console.log('inv', n, ((performance.now() - t) / n * 1000).toFixed(2), 'us');
