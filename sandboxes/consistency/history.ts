/**
 * The history model the consistency checkers share, and a parser for histories in Jepsen's shape.
 *
 * A history is the list of client operations on one register, each with the time it was invoked
 * and the time it completed, on one clock (event indices for a parsed file, step indices for a
 * simulation). Semantics, as Jepsen and Knossos use them:
 *
 * - An operation's arguments are those of its invoke: `write v`, `cas [expected, new]`, `read`.
 * - `ok`: it happened. A read carries the value read (null: never written); a cas swapped.
 * - `fail`: a cas whose compare failed (it read something else and changed nothing); a read or a
 *   write that did not happen at all (the checkers drop it).
 * - `info`: unknown. It may take effect at any moment after its invoke, or never; its process
 *   does not invoke again (Jepsen gives the client a new process id). An operation still pending
 *   when the history ends counts as `info`.
 *
 * Pure: no I/O, no clock. `parseHistory` validates untrusted input and names the first bad event.
 */

/** A register value. Jepsen values are usually small integers; null is "never written". */
export type Value = number | string | boolean | null;

/** `register`: read and write. `cas-register`: read, write and compare-and-set. */
export type Model = 'register' | 'cas-register';

export type Outcome = 'ok' | 'fail' | 'info';

/** A Jepsen process (this module says "client"): a number, or a name. */
export type Process = number | string;

interface OpCommon {
  /** Position in `History.ops`; the checkers name offending operations by it. */
  id: number;
  process: Process;
  /** When it was invoked (event or step index). */
  invoke: number;
  /** When it completed, on the same clock; null when the outcome is `info` (crashed or pending). */
  response: number | null;
  outcome: Outcome;
}

/** A read. `result` is the value read, present only when the outcome is `ok`. */
export type ReadOp = OpCommon & { f: 'read'; result?: Value };
export type WriteOp = OpCommon & { f: 'write'; value: Value };
/** Compare-and-set: if the register holds `expected`, it becomes `value`. */
export type CasOp = OpCommon & { f: 'cas'; expected: Value; value: Value };
export type Operation = ReadOp | WriteOp | CasOp;

export interface History {
  model: Model;
  /** The register's value before any operation (Jepsen's default is null). */
  initial: Value;
  /** Operations in invoke order; `ops[i].id === i`. */
  ops: Operation[];
  /**
   * What the invoke and response numbers count, named in explanations ("events 3–7"). Omit it
   * and explanations name operations without times.
   */
  clock?: string;
}

export type ParseResult =
  | { ok: true; history: History }
  | { ok: false; message: string; event?: number };

/** Process ids Jepsen uses for fault injection; their events are not client operations. */
const NEMESIS = 'nemesis';

type Pending = { op: Operation; event: number };
type ProcessState = { pending: Pending | null; crashed: { f: string; event: number } | null };

class ParseError extends Error {
  readonly event: number | undefined;
  constructor(message: string, event?: number) {
    super(event === undefined ? message : `event ${event}: ${message}`);
    this.event = event;
  }
}

export function isValue(v: unknown): v is Value {
  return v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));
}

/** A value as the explanations print it: 3, null, "a". */
export function showValue(v: Value): string {
  return typeof v === 'string' ? JSON.stringify(v) : String(v);
}

/** Parses JSON text in Jepsen's shape (see `parseHistory`). */
export function parseHistoryText(text: string): ParseResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { ok: false, message: `not valid JSON (${(e as Error).message.replace(/\s+/g, ' ')})` };
  }
  return parseHistory(data);
}

/**
 * Validates `{ model, initial?, events }` and builds the history. Events are
 * `{ process, type: invoke|ok|fail|info, f: read|write|cas, value }`; other fields (time, error,
 * index) are ignored, and events of the `nemesis` process are skipped.
 */
export function parseHistory(data: unknown): ParseResult {
  try {
    return { ok: true, history: build(data) };
  } catch (e) {
    if (e instanceof ParseError) return { ok: false, message: e.message, event: e.event };
    throw e;
  }
}

function build(data: unknown): History {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new ParseError('expected a JSON object with "model", "initial" and "events"');
  }
  const d = data as Record<string, unknown>;
  if (d.model !== 'register' && d.model !== 'cas-register') {
    throw new ParseError(`"model" must be "register" or "cas-register", not ${JSON.stringify(d.model) ?? 'missing'}`);
  }
  const initial = d.initial === undefined ? null : d.initial;
  if (!isValue(initial)) throw new ParseError('"initial" must be a number, string, boolean or null');
  if (!Array.isArray(d.events)) throw new ParseError('"events" must be an array of events');
  const ops: Operation[] = [];
  const processes = new Map<Process, ProcessState>();
  d.events.forEach((ev, i) => readEvent(d.model as Model, ev, i, ops, processes));
  return { model: d.model, initial, ops, clock: 'event' };
}

function readEvent(model: Model, ev: unknown, i: number, ops: Operation[], processes: Map<Process, ProcessState>): void {
  if (typeof ev !== 'object' || ev === null || Array.isArray(ev)) throw new ParseError('not an object', i);
  const e = ev as Record<string, unknown>;
  const process = e.process;
  if (process === NEMESIS) return;
  if (!(typeof process === 'number' && Number.isInteger(process) && process >= 0) && !(typeof process === 'string' && process !== '')) {
    throw new ParseError(`"process" must be a non-negative integer or a name, not ${JSON.stringify(process) ?? 'missing'}`, i);
  }
  const { type, f } = e;
  if (type !== 'invoke' && type !== 'ok' && type !== 'fail' && type !== 'info') {
    throw new ParseError(`unknown type ${JSON.stringify(type) ?? '(missing)'}: expected invoke, ok, fail or info`, i);
  }
  if (f !== 'read' && f !== 'write' && f !== 'cas') {
    throw new ParseError(`unknown f ${JSON.stringify(f) ?? '(missing)'}: expected read, write or cas`, i);
  }
  if (f === 'cas' && model === 'register') throw new ParseError('cas in a "register" history (use model "cas-register")', i);
  let st = processes.get(process);
  if (!st) processes.set(process, (st = { pending: null, crashed: null }));
  if (type === 'invoke') invoke(st, process, f, e, i, ops);
  else complete(st, process, type, f, e, i);
}

function invoke(st: ProcessState, process: Process, f: Operation['f'], e: Record<string, unknown>, i: number, ops: Operation[]): void {
  if (st.crashed) {
    throw new ParseError(`process ${process} invokes again after its ${st.crashed.f} ended in info at event ${st.crashed.event} (a crashed process does not come back)`, i);
  }
  if (st.pending) {
    throw new ParseError(`process ${process} invokes ${f} while its ${st.pending.op.f} from event ${st.pending.event} has not completed`, i);
  }
  const common = { id: ops.length, process, invoke: i, response: null, outcome: 'info' as Outcome };
  let op: Operation;
  if (f === 'read') op = { ...common, f };
  else if (f === 'write') {
    if (!isValue(e.value)) throw new ParseError(`write needs a value (number, string, boolean or null), not ${JSON.stringify(e.value) ?? 'missing'}`, i);
    op = { ...common, f, value: e.value };
  } else {
    const v = e.value;
    if (!Array.isArray(v) || v.length !== 2 || !isValue(v[0]) || !isValue(v[1])) {
      throw new ParseError(`cas value must be [expected, new], not ${JSON.stringify(v) ?? 'missing'}`, i);
    }
    op = { ...common, f, expected: v[0], value: v[1] };
  }
  ops.push(op);
  st.pending = { op, event: i };
}

function complete(st: ProcessState, process: Process, type: Outcome, f: Operation['f'], e: Record<string, unknown>, i: number): void {
  const p = st.pending;
  if (!p) {
    const why = st.crashed ? `its ${st.crashed.f} already ended in info at event ${st.crashed.event}` : 'it has no operation in flight';
    throw new ParseError(`${type} ${f} by process ${process} without an invoke: ${why}`, i);
  }
  if (p.op.f !== f) throw new ParseError(`${type} ${f} by process ${process}, but its invoke at event ${p.event} was ${p.op.f}`, i);
  if (type === 'ok' && f === 'read') {
    if (!isValue(e.value)) throw new ParseError(`ok read must carry the value read (null: never written), not ${JSON.stringify(e.value) ?? 'missing'}`, i);
    (p.op as ReadOp).result = e.value;
  }
  p.op.outcome = type;
  if (type === 'info') st.crashed = { f, event: i };
  else p.op.response = i;
  st.pending = null;
}

/**
 * Converts a history back to Jepsen-shaped JSON data, events in time order (ties: invokes first).
 * An `info` or pending operation gets its `info` event at the end, which means the same thing.
 */
export function toJepsen(history: History): { model: Model; initial: Value; events: Record<string, unknown>[] } {
  const stamped: { t: number; k: number; ev: Record<string, unknown> }[] = [];
  for (const op of history.ops) {
    const args = op.f === 'read' ? null : op.f === 'write' ? op.value : [op.expected, op.value];
    const value = op.f === 'read' ? (op.outcome === 'ok' ? op.result : null) : args;
    stamped.push({ t: op.invoke, k: 0, ev: { process: op.process, type: 'invoke', f: op.f, value: args } });
    stamped.push({ t: op.response ?? Number.POSITIVE_INFINITY, k: 1, ev: { process: op.process, type: op.outcome, f: op.f, value } });
  }
  stamped.sort((a, b) => a.t - b.t || a.k - b.k);
  return { model: history.model, initial: history.initial, events: stamped.map((s) => s.ev) };
}
