// The history parser: what it builds from Jepsen-shaped JSON, and the event each bad input names.
import { describe, expect, it } from 'vitest';
import { parseHistory, parseHistoryText, toJepsen } from './history.ts';

const ev = (process: number | string, type: string, f: string, value: unknown) => ({ process, type, f, value });

function parse(events: unknown[], extra: Record<string, unknown> = {}) {
  return parseHistory({ model: 'cas-register', initial: null, events, ...extra });
}

function error(events: unknown[], extra: Record<string, unknown> = {}) {
  const r = parse(events, extra);
  if (r.ok) throw new Error('expected a parse error');
  return r;
}

describe('parseHistory', () => {
  it('builds operations with their invoke and response events and outcomes', () => {
    const r = parse([
      ev(4, 'invoke', 'cas', [2, 4]),
      ev(1, 'invoke', 'read', null),
      ev(4, 'ok', 'cas', [2, 4]),
      ev(1, 'ok', 'read', 4),
      ev(2, 'invoke', 'write', 3),
      ev(2, 'info', 'write', 3),
      ev(3, 'invoke', 'write', 5),
    ]);
    if (!r.ok) throw new Error(r.message);
    expect(r.history.clock).toBe('event');
    expect(r.history.ops).toEqual([
      { id: 0, process: 4, invoke: 0, response: 2, outcome: 'ok', f: 'cas', expected: 2, value: 4 },
      { id: 1, process: 1, invoke: 1, response: 3, outcome: 'ok', f: 'read', result: 4 },
      { id: 2, process: 2, invoke: 4, response: null, outcome: 'info', f: 'write', value: 3 },
      { id: 3, process: 3, invoke: 6, response: null, outcome: 'info', f: 'write', value: 5 },
    ]);
  });

  it('takes arguments from the invoke, reads a null as never written, and skips the nemesis', () => {
    const r = parse([
      ev('nemesis', 'info', 'start', 'partition'),
      ev(0, 'invoke', 'write', 1),
      ev(0, 'ok', 'write', 99),
      ev(1, 'invoke', 'read', null),
      ev(1, 'ok', 'read', null),
      ev(1, 'invoke', 'read', null),
      ev(1, 'fail', 'read', null),
    ]);
    if (!r.ok) throw new Error(r.message);
    expect(r.history.ops.map((o) => [o.f, o.outcome, o.f === 'write' ? o.value : o.f === 'read' ? o.result : null])).toEqual([
      ['write', 'ok', 1],
      ['read', 'ok', null],
      ['read', 'fail', undefined],
    ]);
  });

  it('defaults the initial value to null and accepts another one', () => {
    const a = parseHistory({ model: 'register', events: [] });
    const b = parseHistory({ model: 'register', initial: 0, events: [] });
    expect(a.ok && a.history.initial).toBe(null);
    expect(b.ok && b.history.initial).toBe(0);
  });

  it.each([
    ['a second invoke before completion', [ev(0, 'invoke', 'write', 1), ev(0, 'invoke', 'read', null)], 1, /process 0 invokes read while its write from event 0 has not completed/],
    ['a completion without an invoke', [ev(0, 'ok', 'read', 1)], 0, /ok read by process 0 without an invoke: it has no operation in flight/],
    ['a completion of another function', [ev(0, 'invoke', 'write', 1), ev(0, 'ok', 'cas', [1, 2])], 1, /ok cas by process 0, but its invoke at event 0 was write/],
    ['an invoke after info', [ev(0, 'invoke', 'write', 1), ev(0, 'info', 'write', 1), ev(0, 'invoke', 'read', null)], 2, /process 0 invokes again after its write ended in info at event 1/],
    ['a completion after info', [ev(0, 'invoke', 'write', 1), ev(0, 'info', 'write', 1), ev(0, 'ok', 'write', 1)], 2, /already ended in info at event 1/],
    ['an unknown type', [ev(0, 'invoked', 'read', null)], 0, /unknown type "invoked"/],
    ['an unknown f', [ev(0, 'invoke', 'append', 1)], 0, /unknown f "append"/],
    ['a bad cas value', [ev(0, 'invoke', 'cas', [1])], 0, /cas value must be \[expected, new\], not \[1\]/],
    ['a write without a value', [{ process: 0, type: 'invoke', f: 'write' }], 0, /write needs a value/],
    ['an ok read without a value', [ev(0, 'invoke', 'read', null), { process: 0, type: 'ok', f: 'read' }], 1, /ok read must carry the value read/],
    ['a bad process', [ev(-1, 'invoke', 'read', null)], 0, /"process" must be a non-negative integer or a name/],
    ['an event that is not an object', [7], 0, /not an object/],
  ])('rejects %s, naming the event', (_name, events, index, message) => {
    const r = error(events);
    expect(r.event).toBe(index);
    expect(r.message).toMatch(new RegExp(`^event ${index}: `));
    expect(r.message).toMatch(message);
  });

  it('rejects a cas in a plain register history', () => {
    const r = error([ev(0, 'invoke', 'cas', [1, 2])], { model: 'register' });
    expect(r.message).toBe('event 0: cas in a "register" history (use model "cas-register")');
  });

  it('rejects the wrong shape without an event index', () => {
    for (const [data, message] of [
      [[], /expected a JSON object/],
      [{ model: 'queue', events: [] }, /"model" must be "register" or "cas-register", not "queue"/],
      [{ model: 'register', initial: [1], events: [] }, /"initial" must be/],
      [{ model: 'register', events: {} }, /"events" must be an array/],
    ] as const) {
      const r = parseHistory(data);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.event).toBeUndefined();
        expect(r.message).toMatch(message);
      }
    }
  });

  it('reports invalid JSON on one line', () => {
    const r = parseHistoryText('{"model": \n nope');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/^not valid JSON \([^\n]*\)$/);
  });
});

describe('toJepsen', () => {
  it('round-trips through the parser', () => {
    const r = parse([
      ev(0, 'invoke', 'write', 1),
      ev(1, 'invoke', 'cas', [1, 2]),
      ev(0, 'ok', 'write', 1),
      ev(1, 'fail', 'cas', [1, 2]),
      ev(2, 'invoke', 'read', null),
      ev(2, 'ok', 'read', 1),
      ev(3, 'invoke', 'write', 3),
    ]);
    if (!r.ok) throw new Error(r.message);
    const again = parseHistory(toJepsen(r.history));
    if (!again.ok) throw new Error(again.message);
    expect(again.history.ops.map(({ f, outcome, process }) => ({ f, outcome, process }))).toEqual(
      r.history.ops.map(({ f, outcome, process }) => ({ f, outcome, process })),
    );
  });
});
