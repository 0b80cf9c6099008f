/**
 * Converters from the formats real histories are published in to this module's JSON shape:
 * Jepsen's console log lines (as in Porcupine's `test_data/jepsen/etcd_*.log`) and Knossos's EDN
 * history files (`data/cas-register/{good,bad}/*.edn`). Used by fixtures/build.ts; pure.
 */
import type { Model, Value } from './history.ts';

export interface JepsenJson {
  model: Model;
  initial: Value;
  events: { process: number | string; type: string; f: string; value: unknown }[];
}

type Edn = null | boolean | number | string | Edn[] | { [k: string]: Edn };

/**
 * Jepsen log lines `INFO  jepsen.util - 3\t:invoke\t:cas\t[1 2]`. A timed-out read that `fail`ed
 * is kept as a failed read (it did not happen, as Porcupine's test treats it too); a write or cas
 * that `fail`ed with `:timed-out` instead of its value is ambiguous, so it becomes `info`.
 */
export function fromJepsenLog(text: string, model: Model = 'cas-register', initial: Value = null): JepsenJson {
  const events: JepsenJson['events'] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    const m = /^(?:INFO\s+jepsen\.util\s+-\s+)?(\d+)\s+:(invoke|ok|fail|info)\s+:(read|write|cas)\s+(.*?)\s*$/.exec(line);
    if (!m) throw new Error(`line ${i + 1}: not a Jepsen operation: ${line}`);
    const [, proc, type, f, raw] = m;
    const value = readEdn(raw);
    const timedOut = value === ':timed-out';
    const t = type === 'fail' && timedOut && f !== 'read' ? 'info' : type;
    events.push({ process: Number(proc), type: t, f, value: timedOut ? null : value });
  });
  return { model, initial, events };
}

/** A Knossos EDN history: a vector or list of `{:process p, :type :t, :f :f, :value v}` maps. */
export function fromKnossosEdn(text: string, model: Model = 'cas-register', initial: Value = null): JepsenJson {
  const data = readEdn(text);
  if (!Array.isArray(data)) throw new Error('expected a vector or list of operations');
  const events = data.map((x, i) => {
    if (typeof x !== 'object' || x === null || Array.isArray(x)) throw new Error(`operation ${i}: not a map`);
    const kw = (v: Edn) => (typeof v === 'string' && v.startsWith(':') ? v.slice(1) : v);
    return { process: kw(x.process) as number | string, type: kw(x.type) as string, f: kw(x.f) as string, value: x.value ?? null };
  });
  return { model, initial, events };
}

/** Reads one EDN form of the subset histories use: nil, booleans, integers, keywords, strings, vectors, lists, maps. */
export function readEdn(text: string): Edn {
  const tokens = text.replace(/;[^\n]*/g, ' ').match(/"(?:[^"\\]|\\.)*"|[()[\]{}]|[^\s,()[\]{}]+/g) ?? [];
  let at = 0;
  const form = (): Edn => {
    const t = tokens[at++];
    if (t === undefined) throw new Error('EDN ends too early');
    if (t === '(' || t === '[') return seq(t === '(' ? ')' : ']');
    if (t === '{') {
      const items = seq('}');
      const map: { [k: string]: Edn } = {};
      for (let i = 0; i < items.length; i += 2) map[String(items[i]).replace(/^:/, '')] = items[i + 1];
      return map;
    }
    if (t === 'nil') return null;
    if (t === 'true' || t === 'false') return t === 'true';
    if (/^-?\d+$/.test(t)) return Number(t);
    if (t.startsWith('"')) return JSON.parse(t) as string;
    return t;
  };
  const seq = (close: string): Edn[] => {
    const out: Edn[] = [];
    while (tokens[at] !== close) {
      if (at >= tokens.length) throw new Error(`EDN: missing ${close}`);
      out.push(form());
    }
    at++;
    return out;
  };
  return form();
}

/** The fixture layout: one event per line, so diffs and reviews stay readable. */
export function formatJepsenJson(h: JepsenJson): string {
  const j = JSON.stringify;
  const lines = h.events.map((e) => `    {"process": ${j(e.process)}, "type": ${j(e.type)}, "f": ${j(e.f)}, "value": ${j(e.value)}}`);
  return `{\n  "model": ${JSON.stringify(h.model)},\n  "initial": ${JSON.stringify(h.initial)},\n  "events": [\n${lines.join(',\n')}\n  ]\n}\n`;
}
