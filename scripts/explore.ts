/**
 * CLI: explore every reachable world of a scenario and print counts and counterexamples.
 *
 *   npm run explore -- <protocol> <scenario> [--size N] [--set flag=value | --set param=N]... [--json]
 *
 * Counterexamples print as run tokens (paste into a quiz or a link) with their labels.
 */
import { performance } from 'node:perf_hooks';
import { protocols } from '../sandboxes/index.ts';
import { applyChoices, choiceToToken, describeChoice, explore, startWorld } from '../sandboxes/kernel/index.ts';
import type { Config } from '../sandboxes/kernel/index.ts';

function fail(message: string): never {
  process.stderr.write(`explore: ${message}\n`);
  process.exit(2);
}

const args = process.argv.slice(2);
const positional: string[] = [];
const sets: string[] = [];
let size: number | undefined;
let json = false;
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === '--json') json = true;
  else if (a === '--size') size = Number(args[++i]);
  else if (a.startsWith('--size=')) size = Number(a.slice(7));
  else if (a === '--set') sets.push(args[++i] ?? '');
  else if (a.startsWith('--set=')) sets.push(a.slice(6));
  else if (a.startsWith('--')) fail(`unknown option ${a}`);
  else positional.push(a);
}
if (positional.length !== 2) fail('usage: npm run explore -- <protocol> <scenario> [--size N] [--set flag=value]... [--json]');
const [protocolId, scenarioId] = positional;
const protocol = protocols[protocolId] ?? fail(`unknown protocol "${protocolId}" (known: ${Object.keys(protocols).join(', ')})`);
const scenario =
  protocol.scenarios.find((s) => s.id === scenarioId) ??
  fail(`unknown scenario "${scenarioId}" for ${protocol.id} (known: ${protocol.scenarios.map((s) => s.id).join(', ')})`);
const config: Config = { size: scenario.config.size, flags: { ...scenario.config.flags }, ...(scenario.config.params ? { params: { ...scenario.config.params } } : {}) };
if (size !== undefined) {
  if (!Number.isInteger(size) || size < protocol.sizes.min || size > protocol.sizes.max) {
    fail(`--size must be an integer from ${protocol.sizes.min} to ${protocol.sizes.max}`);
  }
  config.size = size;
}
for (const s of sets) {
  // A numeric parameter (a quorum size): --set w=2.
  const param = protocol.params?.find((p) => s.startsWith(`${p.name}=`));
  if (param) {
    const value = Number(s.slice(param.name.length + 1));
    if (!Number.isInteger(value) || value < param.min || value > param.max) fail(`--set ${param.name} expects an integer from ${param.min} to ${param.max}, got "${s}"`);
    config.params = { ...config.params, [param.name]: value };
    continue;
  }
  const m = /^([A-Za-z0-9]+)=(true|false|1|0|on|off)$/.exec(s);
  if (!m) fail(`--set expects flag=true|false or parameter=N, got "${s}"`);
  if (!protocol.flags.some((f) => f.name === m[1])) fail(`unknown flag "${m[1]}" (known: ${[...protocol.flags.map((f) => f.name), ...(protocol.params ?? []).map((p) => `${p.name} (a number)`)].join(', ')})`);
  config.flags[m[1]] = ['true', '1', 'on'].includes(m[2]);
}

const result = explore(protocol, scenario, { config, now: () => performance.now() });
const start = startWorld(protocol, scenario, config);
const labelled = result.violations.map((v) => {
  // Labels need the world each choice was taken in, so replay step by step.
  const labels: string[] = [];
  let w = start;
  for (const c of v.choices) {
    labels.push(describeChoice(w, c));
    w = applyChoices(protocol, config, w, [c]).world;
  }
  return { ...v, tokens: v.choices.map(choiceToToken), labels };
});

if (json) {
  process.stdout.write(JSON.stringify({ protocol: protocol.id, scenario: scenario.id, config, ...result, violations: labelled }, null, 2) + '\n');
} else {
  const flagText = Object.entries(config.flags).filter(([, v]) => v).map(([k]) => k).join(', ') || 'none';
  const paramText = (protocol.params ?? []).map((p) => `${p.name}=${config.params?.[p.name] ?? p.default}`).join(' ');
  console.log(`${protocol.id}/${scenario.id} size=${config.size} flags=${flagText}${paramText ? ` ${paramText}` : ''}`);
  console.log(`worlds=${result.worlds} transitions=${result.transitions} depth=${result.depth} ms=${result.ms} complete=${result.complete}${result.stoppedBy ? ` stoppedBy=${result.stoppedBy}` : ''}`);
  if (!labelled.length) console.log('no invariant violated');
  for (const v of labelled) {
    console.log(`\nVIOLATED ${v.invariant}: ${v.message}`);
    console.log(`  run (${v.tokens.length} steps after the prefix): ${v.tokens.join(' ')}`);
    v.labels.forEach((l, i) => console.log(`  ${String(i + 1).padStart(2)}. ${v.tokens[i].padEnd(22)} ${l}`));
  }
}
