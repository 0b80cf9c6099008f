import { describe, expect, it } from 'vitest';
import { decodeDesign, designFromHash, encodeDesign } from './share.ts';

const work = {
  components: ['gateway', 'order-service', 'order-db'] as const,
  mechanisms: { agreement: 'orchestrated-saga', publishing: 'outbox-polling', consuming: 'idempotent', statusReads: 'read-model-token', concurrency: 'version-check' } as const,
  ranking: ['write-contention', 'broker-throughput'] as const,
};

describe('design share links', () => {
  it('round-trips a design, and uses only URL-safe characters', () => {
    const text = encodeDesign({ components: [...work.components], mechanisms: work.mechanisms, ranking: [...work.ranking] });
    expect(text).toMatch(/^[A-Za-z0-9_.~:-]+$/);
    expect(decodeDesign(text)).toEqual({ ok: true, work: { components: [...work.components], mechanisms: work.mechanisms, ranking: [...work.ranking] }, warnings: [] });
  });
  it('keeps a half-made design', () => {
    const text = encodeDesign({ components: [], mechanisms: { publishing: 'dual-write' }, ranking: [] });
    expect(decodeDesign(text)).toMatchObject({ ok: true, work: { mechanisms: { publishing: 'dual-write' }, components: [] } });
  });
  it('reads what it can from a damaged link and says what it skipped', () => {
    const r = decodeDesign('1~m:2pc_carrier-pigeon_plain~c:gateway_gateway_mainframe~zz:1');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.work.mechanisms).toEqual({ agreement: '2pc', consuming: 'plain' });
    expect(r.warnings.join(' ')).toMatch(/Expected 5 mechanism choices, found 3/);
    expect(r.work.components).toEqual(['gateway']);
    expect(r.warnings.join(' ')).toMatch(/carrier-pigeon.*publishing/);
    expect(r.warnings.join(' ')).toMatch(/repeated component "gateway"/);
    expect(r.warnings.join(' ')).toMatch(/unknown component "mainframe"/);
    expect(r.warnings.join(' ')).toMatch(/unknown part "zz:1"/);
  });
  it.each([
    ['', /empty/],
    ['2~m:-', /version "2"/],
    ['1', /no design/],
    ['1~%E0%A4%A', /%-escape/],
  ])('rejects %j with a message', (text, message) => {
    const r = decodeDesign(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(message);
  });
  it('finds the design in a hash beside other parameters', () => {
    expect(designFromHash('#design=1~m:-')).toBe('1~m:-');
    expect(designFromHash('#sim=x&design=abc')).toBe('abc');
    expect(designFromHash('#sim=x')).toBeNull();
  });
});
