import { performance } from 'node:perf_hooks';
const wm = new WeakMap<object, string>(); const objs = Array.from({ length: 100 }, (_, i) => ({ i })); for (const o of objs) wm.set(o, 'k' + o.i);
let t = performance.now(); let s = 0;
for (let k = 0; k < 100000; k++) for (const o of objs) s += wm.get(o)!.length;
console.log('weakmap get', ((performance.now() - t) / 1e7 * 1e6).toFixed(1), 'ns');
const m = new Map<string, number>(); for (let i = 0; i < 100000; i++) m.set('U' + i + ',' + (i * 7) + ';U3,4;U5,6;|1,2,3|p1.decision-timeout,p2.decision-timeout|0,0,0,0|', i);
t = performance.now();
for (let k = 0; k < 1000000; k++) { const key = 'U' + (k % 100000) + ',' + ((k % 100000) * 7) + ';U3,4;U5,6;|1,2,3|p1.decision-timeout,p2.decision-timeout|0,0,0,0|'; s += m.get(key) ?? 0; }
console.log('build+map get', ((performance.now() - t) / 1e6 * 1e6).toFixed(1), 'ns', s > 0);
