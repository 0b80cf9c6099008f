import { describe, expect, it } from 'vitest';
import { describeChoice, startWorld } from '../kernel/index.ts';
import { requestLabel } from './client.ts';
import p from './index.ts';

describe('client requests in words', () => {
  it('names the client, the operation and the replica asked', () => {
    expect(requestLabel('a-w1')).toBe('a writes 1');
    expect(requestLabel('b-r1')).toBe('b reads');
    expect(requestLabel('b-r2-via-r2')).toBe('b reads (read 2), asking r2');
    expect(requestLabel('weird')).toBe('Client request: weird');
  });

  it('is what the choice list shows', () => {
    const sc = p.scenarios.find((s) => s.id === 'quorum')!;
    const w = startWorld(p, sc, sc.config);
    expect(describeChoice(w, { kind: 'request', name: 'a-w1' }, p)).toBe('a writes 1');
    expect(describeChoice(w, { kind: 'request', name: 'a-w1' })).toBe('Client request: a-w1');
  });
});
