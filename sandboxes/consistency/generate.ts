/**
 * Seeded histories for tests, benchmarks and fixtures: a simulated linearizable register with
 * concurrent clients whose operations crash (`info`) before or after taking effect, and a crashed
 * operation may still take effect later or never. `injectStaleRead` then breaks one read.
 *
 * Randomness is data: a mulberry32 state (kernel/rng.ts) threaded through, so a seed always gives
 * the same history. Pure.
 */
import { nextRandom } from '../kernel/rng.ts';
import type { JepsenJson } from './convert.ts';
import { parseHistory, showValue } from './history.ts';
import type { Operation, ReadOp, Value } from './history.ts';
import { precedes } from './steps.ts';

export interface SimOptions {
  seed: number;
  /** Concurrent clients (each crash hands its slot to a new process id, as Jepsen does). */
  clients: number;
  /** Operations invoked in all. */
  ops: number;
  /** Chance that an operation crashes (ends in `info`). */
  crashRate: number;
  /** `distinct`: every write a new value; a number k: values drawn from 0..k-1. */
  values: 'distinct' | number;
}

type Pending = { f: 'read' | 'write' | 'cas'; args: Value | [Value, Value]; result?: Value | boolean };
type Slot = { process: number; phase: 'idle' | 'invoked' | 'applied'; op: Pending | null };

class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed;
  }
  next(): number {
    const r = nextRandom(this.state);
    this.state = r.state;
    return r.value;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
}

/** Applies an operation to the register; returns the new value and the result. */
function effect(reg: Value, op: Pending): { reg: Value; result: Value | boolean } {
  if (op.f === 'read') return { reg, result: reg };
  if (op.f === 'write') return { reg: op.args as Value, result: true };
  const [expected, next] = op.args as [Value, Value];
  return reg === expected ? { reg: next, result: true } : { reg, result: false };
}

export function simulateRegister(o: SimOptions): JepsenJson {
  const rng = new Rng(o.seed);
  const events: JepsenJson['events'] = [];
  const slots: Slot[] = Array.from({ length: o.clients }, (_, i) => ({ process: i, phase: 'idle', op: null }));
  const limbo: Pending[] = [];
  let reg: Value = null, invoked = 0, counter = 0;
  const fresh = (): Value => (o.values === 'distinct' ? ++counter : rng.int(o.values));
  const emit = (s: Slot, type: string, value: unknown) => events.push({ process: s.process, type, f: (s.op as Pending).f, value });
  const crash = (s: Slot) => {
    emit(s, 'info', null);
    Object.assign(s, { process: s.process + o.clients, phase: 'idle', op: null });
  };
  while (invoked < o.ops || slots.some((s) => s.phase !== 'idle')) {
    if (limbo.length > 0 && rng.next() < 0.05) {
      const late = limbo.splice(rng.int(limbo.length), 1)[0];
      if (rng.next() < 0.5) reg = effect(reg, late).reg;
      continue;
    }
    const s = slots[rng.int(slots.length)];
    if (s.phase === 'idle') {
      if (invoked >= o.ops) continue;
      invoked++;
      const x = rng.next();
      s.op = x < 0.4 ? { f: 'read', args: null } : x < 0.75 ? { f: 'write', args: fresh() } : { f: 'cas', args: [rng.next() < 0.6 ? reg : fresh(), fresh()] };
      s.phase = 'invoked';
      emit(s, 'invoke', s.op.args);
    } else if (s.phase === 'invoked') {
      const x = rng.next();
      if (x < o.crashRate / 2) {
        limbo.push(s.op as Pending);
        crash(s);
      } else if (x < o.crashRate / 2 + 0.02 && s.op?.f !== 'cas') {
        emit(s, 'fail', s.op?.args);
        Object.assign(s, { phase: 'idle', op: null });
      } else {
        const r = effect(reg, s.op as Pending);
        reg = r.reg;
        (s.op as Pending).result = r.result;
        s.phase = 'applied';
      }
    } else if (rng.next() < o.crashRate / 2) crash(s);
    else {
      const op = s.op as Pending;
      emit(s, op.f === 'cas' && op.result === false ? 'fail' : 'ok', op.f === 'read' ? op.result : op.args);
      Object.assign(s, { phase: 'idle', op: null });
    }
  }
  return { model: 'cas-register', initial: null, events };
}

/**
 * Makes one ok read stale: it returns the value of an acknowledged write W that was overwritten
 * by a write Y which began after W completed and completed before the read began. Returns the
 * changed history and the read's position among the operations, or null when no read qualifies.
 */
export function injectStaleRead(h: JepsenJson, seed: number): { history: JepsenJson; op: number; note: string } | null {
  const parsed = parseHistory(h);
  if (!parsed.ok) throw new Error(parsed.message);
  const ops = parsed.history.ops;
  const reads = ops.filter((r): r is ReadOp => r.f === 'read' && r.outcome === 'ok');
  const start = new Rng(seed).int(Math.max(1, reads.length));
  for (let k = 0; k < reads.length; k++) {
    const r = reads[(start + k) % reads.length];
    for (const y of ops) {
      if (y.f === 'read' || y.outcome !== 'ok' || !precedes(y, r)) continue;
      const w = ops.find((w) => w.f === 'write' && w.outcome === 'ok' && w.value !== y.value && w.value !== r.result && precedes(w, y) && onlyWriter(ops, w));
      if (!w || w.f !== 'write') continue;
      const events = h.events.map((e) => ({ ...e }));
      events[r.response as number].value = w.value;
      return { history: { ...h, events }, op: r.id, note: `read by client ${r.process} now returns ${showValue(w.value)}` };
    }
  }
  return null;
}

function onlyWriter(ops: Operation[], w: Operation): boolean {
  return w.f === 'write' && ops.filter((o) => o.f !== 'read' && o.value === w.value).length === 1;
}
