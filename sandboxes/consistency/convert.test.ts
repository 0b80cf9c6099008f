// Converters from published formats, and the seeded generator the fixtures and benchmarks use.
import { describe, expect, it } from 'vitest';
import { fromJepsenLog, fromKnossosEdn, readEdn } from './convert.ts';
import { injectStaleRead, simulateRegister } from './generate.ts';
import { parseHistory } from './history.ts';
import { linearize } from './linearizable.ts';

describe('fromJepsenLog', () => {
  it('reads log lines, keeps timed-out reads as failed and makes timed-out writes info', () => {
    const log = [
      'INFO  jepsen.util - 3\t:invoke\t:cas\t[1 2]',
      'INFO  jepsen.util - 3\t:fail\t:cas\t:timed-out',
      '4\t:invoke\t:read\tnil',
      '4\t:fail\t:read\t:timed-out',
      '5\t:invoke\t:write\t2',
      '5\t:info\t:write\t:timed-out',
      '',
    ].join('\n');
    expect(fromJepsenLog(log).events).toEqual([
      { process: 3, type: 'invoke', f: 'cas', value: [1, 2] },
      { process: 3, type: 'info', f: 'cas', value: null },
      { process: 4, type: 'invoke', f: 'read', value: null },
      { process: 4, type: 'fail', f: 'read', value: null },
      { process: 5, type: 'invoke', f: 'write', value: 2 },
      { process: 5, type: 'info', f: 'write', value: null },
    ]);
    expect(() => fromJepsenLog('INFO  jepsen.core - Worker 0 starting')).toThrow(/line 1: not a Jepsen operation/);
  });
});

describe('fromKnossosEdn', () => {
  it('reads maps with keywords, commas as whitespace and comments', () => {
    const edn = '; comment\n[{:process 0, :type :invoke, :f :write, :value 0}\n {:process 0  :type :ok :f :write, :value 0, :error [:x nil]}\n {:process :nemesis, :type :info, :f :start, :value nil}]';
    expect(fromKnossosEdn(edn).events).toEqual([
      { process: 0, type: 'invoke', f: 'write', value: 0 },
      { process: 0, type: 'ok', f: 'write', value: 0 },
      { process: 'nemesis', type: 'info', f: 'start', value: null },
    ]);
    expect(readEdn('(1 "a" true [nil])')).toEqual([1, 'a', true, [null]]);
    expect(() => readEdn('[1 2')).toThrow(/missing \]/);
  });
});

describe('generated histories', () => {
  it('are linearizable, have dozens of info operations, and one injected stale read breaks them', () => {
    for (let seed = 1; seed <= 8; seed++) {
      for (const values of ['distinct', 4] as const) {
        const h = simulateRegister({ seed, clients: 8, ops: 300, crashRate: 0.12, values });
        const parsed = parseHistory(h);
        if (!parsed.ok) throw new Error(parsed.message);
        expect(parsed.history.ops).toHaveLength(300);
        expect(parsed.history.ops.filter((o) => o.outcome === 'info').length).toBeGreaterThan(15);
        expect(linearize(parsed.history).linearizable, `seed ${seed} ${values}`).toBe(true);
        if (values !== 'distinct') continue;
        const stale = injectStaleRead(h, seed);
        if (!stale) throw new Error(`seed ${seed}: no stale read`);
        const broken = parseHistory(stale.history);
        if (!broken.ok) throw new Error(broken.message);
        const r = linearize(broken.history);
        expect(r).toMatchObject({ linearizable: false, blocked: stale.op });
        if (!r.linearizable) expect(r.explanation).toMatch(/, but it began after .* completed and no later write of \d+ exists\./);
      }
    }
  }, 60_000);
});
