/**
 * Runs as links and files: encode/decode a run to a URL-safe string and to JSON, with validation
 * that turns a malformed or stale link into a clear message (and the longest valid prefix).
 *
 * Link format (fields joined by `~`, all URL-unreserved characters):
 *
 *   <protocol>~<scenario>~<size>~<flags>~<tokens>
 *   two-phase-commit~coordinator-crash-after-prepare~3~presumedAbort-1~d4_c.c_r.c
 *
 * <flags> lists flags whose value differs from the default as `name-1` / `name-0`, and numeric
 * parameters (`Protocol.params`) that differ from their default as `name-<integer>`, joined by `.`
 * in name order (empty when none); <tokens> are choice tokens (see tokens.ts) joined by `_` (empty
 * when none). Links made before parameters existed decode unchanged (every parameter at its default).
 *   replicated-register~quorum~3~r-1.readRepair-1~q.a-w1_d1
 * Must stay pure; never throws on bad input (returns `{ ok: false, error }`).
 */
import { applyChoices, startWorld } from './step.ts';
import { choiceToToken, tokenToChoice } from './tokens.ts';
import type { DecodeResult, Run } from './api-types.ts';
import type { Choice, Config, Protocol, World } from './types.ts';

/** The flags of a config with every flag of the protocol present (absent ones at their default). */
function fullFlags(protocol: Protocol, flags: Record<string, boolean>): Record<string, boolean> {
  const out: Record<string, boolean> = {};
  for (const f of protocol.flags) out[f.name] = flags[f.name] ?? f.default;
  return out;
}

/** The parameters of a config with every parameter of the protocol present; undefined when it has none. */
function fullParams(protocol: Protocol, params: Record<string, number> | undefined): Record<string, number> | undefined {
  if (!protocol.params?.length) return undefined;
  const out: Record<string, number> = {};
  for (const p of protocol.params) out[p.name] = params?.[p.name] ?? p.default;
  return out;
}

/** The link text for a run. */
export function encodeRun(run: Run, protocol?: Protocol): string {
  const defaults = new Map((protocol?.flags ?? []).map((f) => [f.name, f.default]));
  const paramDefaults = new Map((protocol?.params ?? []).map((p) => [p.name, p.default]));
  const params = run.config.params ?? {};
  const entries = [
    ...Object.keys(run.config.flags)
      .filter((k) => run.config.flags[k] !== (defaults.get(k) ?? false))
      .map((k) => [k, `${k}-${run.config.flags[k] ? 1 : 0}`]),
    ...Object.keys(params)
      .filter((k) => params[k] !== paramDefaults.get(k))
      .map((k) => [k, `${k}-${params[k]}`]),
  ];
  const flags = entries
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map((e) => e[1])
    .join('.');
  return [run.protocol, run.scenario, String(run.config.size), flags, run.choices.map(choiceToToken).join('_')].join('~');
}

type Raw = { protocol: unknown; scenario: unknown; size: unknown; flags: Record<string, unknown>; params?: Record<string, unknown>; tokens: unknown[] };

/** Shared validation for links and JSON: header first, then each choice in order. */
function validate(raw: Raw, protocols: Record<string, Protocol>): DecodeResult {
  const protocolId = String(raw.protocol ?? '');
  const protocol = protocols[protocolId];
  if (!protocol) return { ok: false, error: `Unknown protocol "${protocolId}" (known: ${Object.keys(protocols).join(', ')}).` };
  const scenarioId = String(raw.scenario ?? '');
  const scenario = protocol.scenarios.find((s) => s.id === scenarioId);
  if (!scenario) {
    return { ok: false, error: `Unknown scenario "${scenarioId}" for ${protocol.id} (known: ${protocol.scenarios.map((s) => s.id).join(', ')}).` };
  }
  const size = typeof raw.size === 'number' ? raw.size : /^[0-9]+$/.test(String(raw.size)) ? Number(raw.size) : NaN;
  if (!Number.isInteger(size) || size < protocol.sizes.min || size > protocol.sizes.max) {
    return { ok: false, error: `Size "${String(raw.size)}" is out of range: ${protocol.id} runs with ${protocol.sizes.min} to ${protocol.sizes.max}.` };
  }
  const flags: Record<string, boolean> = {};
  const params: Record<string, number> = {};
  const paramSpecs = protocol.params ?? [];
  const setParam = (name: string, value: unknown): string | null => {
    const spec = paramSpecs.find((p) => p.name === name)!;
    // A link cannot tell `r-1` (a parameter) from `flag-1`, so 1 and 0 arrive as booleans.
    const n =
      typeof value === 'number' ? value : typeof value === 'boolean' ? Number(value) : typeof value === 'string' && /^-?[0-9]+$/.test(value) ? Number(value) : NaN;
    if (!Number.isInteger(n) || n < spec.min || n > spec.max) {
      return `Parameter ${name} has value "${String(value)}"; use a whole number from ${spec.min} to ${spec.max}.`;
    }
    params[name] = n;
    return null;
  };
  for (const [name, value] of Object.entries(raw.flags)) {
    if (paramSpecs.some((p) => p.name === name)) {
      const err = setParam(name, value);
      if (err) return { ok: false, error: err };
      continue;
    }
    if (!protocol.flags.some((f) => f.name === name)) {
      return { ok: false, error: `Unknown flag "${name}" (known: ${protocol.flags.map((f) => f.name).join(', ')}).` };
    }
    if (typeof value !== 'boolean') return { ok: false, error: `Flag ${name} has value "${String(value)}"; use 1 or 0.` };
    flags[name] = value;
  }
  for (const [name, value] of Object.entries(raw.params ?? {})) {
    if (!paramSpecs.some((p) => p.name === name)) {
      return { ok: false, error: `Unknown parameter "${name}" (known: ${paramSpecs.map((p) => p.name).join(', ') || 'none'}).` };
    }
    const err = setParam(name, value);
    if (err) return { ok: false, error: err };
  }
  const allParams = fullParams(protocol, params);
  const config: Config = allParams ? { size, flags: fullFlags(protocol, flags), params: allParams } : { size, flags: fullFlags(protocol, flags) };
  const base = { protocol: protocol.id, scenario: scenario.id, config };
  const parsed: Choice[] = [];
  let error: string | null = null;
  for (let i = 0; i < raw.tokens.length; i++) {
    const t = raw.tokens[i];
    if (typeof t !== 'string') {
      error = `step ${i + 1}: expected a choice token, found ${JSON.stringify(t)}`;
      break;
    }
    try {
      parsed.push(tokenToChoice(t));
    } catch (e) {
      error = `step ${i + 1} (${t}): ${(e as Error).message}`;
      break;
    }
  }
  let world: World;
  try {
    world = startWorld(protocol, scenario, config);
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
  const r = applyChoices(protocol, config, world, parsed);
  if (r.error) {
    const i = r.error.index;
    return {
      ok: false,
      error: `step ${i + 1} (${choiceToToken(parsed[i])}): ${r.error.message}`,
      nearest: { ...base, choices: parsed.slice(0, i) },
    };
  }
  if (error) return { ok: false, error, nearest: { ...base, choices: parsed } };
  return { ok: true, run: { ...base, choices: parsed } };
}

/** Parse and check a link. Unknown names, bad sizes, bad tokens and illegal steps are reported, not thrown. */
export function decodeRun(text: string, protocols: Record<string, Protocol>): DecodeResult {
  const s = (text ?? '').trim().replace(/^#/, '');
  if (!s) return { ok: false, error: 'The run link is empty.' };
  const parts = s.split('~');
  if (parts.length !== 5) {
    return { ok: false, error: `A run link has 5 parts joined by ~ (protocol~scenario~size~flags~choices); this one has ${parts.length}.` };
  }
  const [protocol, scenario, size, flagText, tokenText] = parts;
  const flags: Record<string, unknown> = {};
  for (const entry of flagText ? flagText.split('.') : []) {
    const m = /^([A-Za-z][A-Za-z0-9]*)-(.*)$/.exec(entry);
    if (!m) return { ok: false, error: `Flag "${entry}" should look like name-1 or name-0.` };
    // A parameter's value is a number; validate() tells flags and parameters apart by name.
    if (/^-?[0-9]+$/.test(m[2]) && m[2] !== '0' && m[2] !== '1') {
      flags[m[1]] = m[2];
      continue;
    }
    flags[m[1]] = m[2] === '1' ? true : m[2] === '0' ? false : m[2];
  }
  return validate({ protocol, scenario, size, flags, tokens: tokenText ? tokenText.split('_') : [] }, protocols);
}

/** A run as pretty JSON for export (choices as tokens, so the file is readable and editable). */
export function runToJSON(run: Run): string {
  return JSON.stringify(
    { format: 'consistency-lab-run', version: 1, protocol: run.protocol, scenario: run.scenario, config: run.config, choices: run.choices.map(choiceToToken) },
    null,
    2,
  );
}

/** Parse and check an exported run (a JSON string or an already parsed object). */
export function runFromJSON(json: unknown, protocols: Record<string, Protocol>): DecodeResult {
  let data: unknown = json;
  if (typeof json === 'string') {
    try {
      data = JSON.parse(json);
    } catch (e) {
      return { ok: false, error: `The file is not valid JSON: ${(e as Error).message}` };
    }
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) return { ok: false, error: 'A run file is a JSON object.' };
  const d = data as { protocol?: unknown; scenario?: unknown; config?: { size?: unknown; flags?: unknown; params?: unknown }; choices?: unknown };
  if (!d.config || typeof d.config !== 'object') return { ok: false, error: 'The run file has no config.' };
  const flags = d.config.flags ?? {};
  if (typeof flags !== 'object' || Array.isArray(flags)) return { ok: false, error: 'config.flags must be an object.' };
  const params = d.config.params ?? {};
  if (typeof params !== 'object' || params === null || Array.isArray(params)) return { ok: false, error: 'config.params must be an object.' };
  const choices = d.choices ?? [];
  if (!Array.isArray(choices)) return { ok: false, error: 'choices must be a list of tokens.' };
  const tokens = choices.map((c) => (c && typeof c === 'object' ? choiceToTokenSafe(c) : c));
  return validate(
    { protocol: d.protocol, scenario: d.scenario, size: d.config.size, flags: flags as Record<string, unknown>, params: params as Record<string, unknown>, tokens },
    protocols,
  );
}

function choiceToTokenSafe(c: object): unknown {
  try {
    return choiceToToken(c as Choice);
  } catch {
    return c;
  }
}

/** The world at the end of a run (prefix and choices applied). Throws on an illegal choice. */
export function runWorld(protocol: Protocol, run: Run): World {
  const scenario = protocol.scenarios.find((s) => s.id === run.scenario);
  if (!scenario) throw new Error(`Unknown scenario ${run.scenario}`);
  const r = applyChoices(protocol, run.config, startWorld(protocol, scenario, run.config), run.choices);
  if (r.error) throw new Error(`step ${r.error.index + 1}: ${r.error.message}`);
  return r.world;
}
