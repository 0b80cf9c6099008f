/**
 * Checks register histories in Jepsen's shape for linearizability:
 *
 *   npm run check-history -- FILE... [--time] [--budget N]
 *
 * One line per file on stdout: `<path> linearizable`, `<path> not linearizable: <why>`, or
 * `<path> unknown: <how far the search got>` when `--budget N` is given and the search tried N
 * placements without deciding (the problem is NP-complete; a history built to be hard can take
 * minutes). A file that cannot be read or is not a valid history gets `<path> malformed: <what>`
 * on stderr, naming the event when one is at fault. Exit 2 when any file is malformed (or no file
 * is given), else 1 when any is not linearizable, else 3 when any is unknown, else 0. `--time`
 * adds each check's milliseconds (scripts may read the clock; the checker may not).
 *
 * File format, semantics and sources: sandboxes/consistency/README.md.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { linearize, parseHistoryText } from '../sandboxes/consistency/index.ts';

const args = process.argv.slice(2);
const timed = args.includes('--time');
const budgetAt = args.indexOf('--budget');
const budget = budgetAt >= 0 ? Number(args[budgetAt + 1]) : undefined;
const files = args.filter((a, i) => a !== '--time' && !(budgetAt >= 0 && (i === budgetAt || i === budgetAt + 1)));

if (files.length === 0 || (budget !== undefined && !(Number.isInteger(budget) && budget > 0))) {
  console.error('usage: npm run check-history -- FILE... [--time] [--budget N]   (N: a whole number of placements, at least 1)');
  process.exit(2);
}

/** Exit codes by outcome; the run exits with the most serious one seen (malformed, then not, then unknown). */
const CODE = { linearizable: 0, not: 1, malformed: 2, unknown: 3 } as const;
const SEVERITY: number[] = [CODE.linearizable, CODE.unknown, CODE.not, CODE.malformed];

/** Checks one file, prints its line, and returns its exit code. */
function check(file: string): number {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    console.error(`${file} malformed: cannot read it (${err.code ?? err.message})`);
    return CODE.malformed;
  }
  const parsed = parseHistoryText(text);
  if (!parsed.ok) {
    console.error(`${file} malformed: ${parsed.message}`);
    return CODE.malformed;
  }
  const start = performance.now();
  const result = linearize(parsed.history, { budget });
  const ms = timed ? ` (${(performance.now() - start).toFixed(1)} ms)` : '';
  if (result.linearizable === 'unknown') {
    console.log(`${file} ${result.explanation}${ms}`);
    return CODE.unknown;
  }
  if (result.linearizable) {
    console.log(`${file} linearizable${ms}`);
    return CODE.linearizable;
  }
  console.log(`${file} not linearizable${ms}: ${result.explanation}`);
  return CODE.not;
}

let code = 0;
for (const file of files) {
  let c: number;
  try {
    c = check(file);
  } catch (e) {
    console.error(`${file} malformed: ${(e as Error).message}`);
    c = CODE.malformed;
  }
  if (SEVERITY.indexOf(c) > SEVERITY.indexOf(code)) code = c;
}
process.exitCode = code;
