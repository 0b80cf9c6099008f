// Real and generated histories with known verdicts (fixtures/README.md says where each comes
// from): the committed JSON still matches its source, the checker agrees with every verdict, each
// checks within a loose time bound (speed goals belong to benchmarks; the measured times are
// printed), and the command line prints and exits as documented.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FIXTURES } from './fixtures/catalog.ts';
import { fixtureJson } from './fixtures/build.ts';
import { linearize, parseHistoryText } from './index.ts';

const dir = fileURLToPath(new URL('./fixtures/', import.meta.url));
const root = fileURLToPath(new URL('../../', import.meta.url));
const read = (p: string) => readFileSync(join(dir, p), 'utf8');

describe('fixtures', () => {
  it.each(FIXTURES.map((f) => [f.file, f] as const))('%s matches its source', (_file, f) => {
    expect(read(f.file)).toBe(fixtureJson(f, read));
  });

  it('agree with their known verdicts, each within 5 s', () => {
    const rows: string[] = [];
    for (const f of FIXTURES) {
      const parsed = parseHistoryText(read(f.file));
      if (!parsed.ok) throw new Error(`${f.file}: ${parsed.message}`);
      const h = parsed.history;
      const start = performance.now();
      const r = linearize(h);
      const ms = performance.now() - start;
      expect(r.linearizable, f.file).toBe(f.linearizable);
      expect(ms, f.file).toBeLessThan(5000);
      const info = h.ops.filter((o) => o.outcome === 'info').length;
      rows.push(`${f.file.padEnd(36)} ${String(h.ops.length).padStart(4)} ops ${String(info).padStart(3)} info  ${ms.toFixed(1).padStart(7)} ms  ${r.linearizable ? 'linearizable' : 'not linearizable'}`);
    }
    console.log(`linearizability check times:\n${rows.join('\n')}`);
  }, 60_000);
});

describe('npm run check-history', () => {
  const script = join(root, 'scripts/check-history.ts');
  const run = (...files: string[]) => {
    try {
      const stdout = execFileSync(process.execPath, ['--experimental-strip-types', '--no-warnings', script, ...files], { cwd: root, encoding: 'utf8', stdio: 'pipe' });
      return { code: 0, stdout, stderr: '' };
    } catch (e) {
      const err = e as { status: number; stdout: string; stderr: string };
      return { code: err.status, stdout: err.stdout, stderr: err.stderr };
    }
  };
  const good = join(dir, 'etcd-002.json');
  const bad = join(dir, 'etcd-001.json');

  it('exits 0 when every file is linearizable', () => {
    const r = run(good, join(dir, 'etcd-005.json'));
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toEqual([`${good} linearizable`, `${join(dir, 'etcd-005.json')} linearizable`]);
  }, 30_000);

  it('exits 1 when any file is not, with the explanation on its line', () => {
    const r = run(good, bad);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`${bad} not linearizable: read by client 7 (events 72–73) returned 4, but the register holds 1 wherever it could take effect.`);
  }, 30_000);

  it('exits 2 on a malformed file, naming the file and the event, without a stack trace', () => {
    const tmp = mkdtempSync(join(tmpdir(), 'check-history-'));
    const shape = join(tmp, 'shape.json');
    const json = join(tmp, 'json.json');
    writeFileSync(shape, JSON.stringify({ model: 'cas-register', events: [{ process: 0, type: 'ok', f: 'read', value: 1 }] }));
    writeFileSync(json, '{ "model": ');
    const r = run(good, join(dir, 'malformed/double-invoke.json'), shape, json, join(tmp, 'missing.json'), bad);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([
      `${join(dir, 'malformed/double-invoke.json')} malformed: event 2: process 0 invokes cas while its write from event 0 has not completed`,
      `${shape} malformed: event 0: ok read by process 0 without an invoke: it has no operation in flight`,
      expect.stringMatching(new RegExp(`^${json} malformed: not valid JSON \\(`)),
      `${join(tmp, 'missing.json')} malformed: cannot read it (ENOENT)`,
    ]);
    expect(r.stdout.trim().split('\n')).toHaveLength(2);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  }, 30_000);

  it('with --budget, answers unknown (exit 3) when the search runs out, and a verdict still outranks it', () => {
    const stale = join(dir, 'generated-300-stale-read.json');
    const r = run('--budget', '1', good);
    expect(r.code).toBe(3);
    expect(r.stdout.trim()).toMatch(new RegExp(`^${good} unknown: the search tried 1 placement without deciding`));
    // The stale read is proved by real time alone, so a budget cannot hide it.
    const both = run(good, '--budget', '1', stale);
    expect(both.code).toBe(1);
    expect(both.stdout).toContain(`${stale} not linearizable: `);
    expect(run('--budget', 'lots', good).code).toBe(2);
    // A budget large enough gives the verdict the unbounded search gives.
    expect(run('--budget', '1000000', good).code).toBe(0);
  }, 30_000);
});
