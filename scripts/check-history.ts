/**
 * Checks register histories in Jepsen's shape for linearizability:
 *
 *   npm run check-history -- FILE... [--time]
 *
 * One line per file on stdout: `<path> linearizable` or `<path> not linearizable: <why>`.
 * A file that cannot be read or is not a valid history gets `<path> malformed: <what>` on
 * stderr, naming the event when one is at fault. Exit 0 when every file is linearizable, 1 when
 * any is not, 2 when any is malformed (or no file is given). `--time` adds each check's
 * milliseconds (scripts may read the clock; the checker may not).
 *
 * File format, semantics and sources: sandboxes/consistency/README.md.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { linearize, parseHistoryText } from '../sandboxes/consistency/index.ts';

const args = process.argv.slice(2);
const timed = args.includes('--time');
const files = args.filter((a) => a !== '--time');

if (files.length === 0) {
  console.error('usage: npm run check-history -- FILE... [--time]');
  process.exit(2);
}

/** Checks one file, prints its line, and returns its exit code (0, 1 or 2). */
function check(file: string): number {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    console.error(`${file} malformed: cannot read it (${err.code ?? err.message})`);
    return 2;
  }
  const parsed = parseHistoryText(text);
  if (!parsed.ok) {
    console.error(`${file} malformed: ${parsed.message}`);
    return 2;
  }
  const start = performance.now();
  const result = linearize(parsed.history);
  const ms = timed ? ` (${(performance.now() - start).toFixed(1)} ms)` : '';
  if (result.linearizable) {
    console.log(`${file} linearizable${ms}`);
    return 0;
  }
  console.log(`${file} not linearizable${ms}: ${result.explanation}`);
  return 1;
}

let code = 0;
for (const file of files) {
  let c: number;
  try {
    c = check(file);
  } catch (e) {
    console.error(`${file} malformed: ${(e as Error).message}`);
    c = 2;
  }
  code = Math.max(code, c);
}
process.exitCode = code;
