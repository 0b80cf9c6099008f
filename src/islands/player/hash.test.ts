import { describe, expect, it } from 'vitest';
import { decodeRun, encodeRun, kernel, protocols } from './kernel.ts';
import type { Choice } from './model.ts';
import { buildSimHash, hashAction, linkTarget, parseSimHash, pickSlot, shareUrl } from './hash.ts';

const decode = (t: string) => decodeRun(t, protocols);
const p = protocols['two-phase-commit'];
/** Two legal steps from the scenario start, whatever the scenario's prefix is today. */
function twoSteps(scenarioId: string): Choice[] {
  const sc = p.scenarios.find((x) => x.id === scenarioId)!;
  const w0 = kernel.startWorld(p, sc);
  const a = kernel.choices(p, sc.config, w0).find((c) => c.kind === 'deliver' || c.kind === 'request')!;
  const w1 = kernel.step(p, sc.config, w0, a);
  const b = kernel.choices(p, sc.config, w1).find((c) => c.kind === 'deliver' || c.kind === 'request')!;
  return [a, b];
}

describe('share-link hashes', () => {
  it('parses #sim= among other hash parts, and ignores hashes without one', () => {
    expect(parseSimHash('')).toBeNull();
    expect(parseSimHash('#')).toBeNull();
    expect(parseSimHash('#section-heading')).toBeNull();
    expect(parseSimHash('#sim=a~b')).toBe('a~b');
    expect(parseSimHash('#x=1&sim=a%7Eb')).toBe('a~b');
    expect(parseSimHash('#sim=%E0%A4%A')).toBe('%E0%A4%A');
  });

  it('round-trips a run through a share URL', () => {
    const run = { protocol: p.id, scenario: 'all-vote-yes', config: { size: 3, flags: {} }, choices: twoSteps('all-vote-yes') };
    const url = shareUrl('https://x.dev/transactions/2pc/#old', encodeRun(run, p));
    expect(url.startsWith('https://x.dev/transactions/2pc/#sim=')).toBe(true);
    const act = hashAction(url.slice(url.indexOf('#')), p.id, decode);
    expect(act.kind).toBe('load');
    if (act.kind === 'load') {
      expect(act.run.choices).toEqual(run.choices);
      expect(act.notice).toBeUndefined();
    }
  });

  it('ignores a valid run of another protocol', () => {
    const text = encodeRun({ protocol: p.id, scenario: 'all-vote-yes', config: { size: 3, flags: {} }, choices: [] }, p);
    expect(hashAction(buildSimHash(text), 'saga', decode)).toEqual({ kind: 'none' });
  });

  it('loads the nearest valid prefix of a stale link, naming the bad step', () => {
    const good = encodeRun({ protocol: p.id, scenario: 'all-vote-yes', config: { size: 3, flags: {} }, choices: twoSteps('all-vote-yes') }, p);
    const act = hashAction(buildSimHash(good + '_d77'), p.id, decode);
    expect(act.kind).toBe('load');
    if (act.kind === 'load') {
      expect(act.run.choices.length).toBe(2);
      expect(act.notice).toMatch(/step 3/);
      expect(act.notice).toMatch(/first 2 steps/);
    }
  });

  it('reports garbage and unknown names clearly without throwing', () => {
    const bad = hashAction('#sim=%%%garbage', p.id, decode);
    expect(bad.kind).toBe('error');
    const unknown = hashAction('#sim=two-phase-commit~no-such~3~~', p.id, decode);
    expect(unknown.kind).toBe('error');
    if (unknown.kind === 'error') expect(unknown.message).toMatch(/no-such/);
    const thrower = hashAction('#sim=x', p.id, () => {
      throw new Error('boom');
    });
    expect(thrower).toMatchObject({ kind: 'error' });
  });
});

describe('choosing the player that answers a link', () => {
  const slots = [
    { protocol: 'two-phase-commit', scenario: 'all-vote-yes' },
    { protocol: 'two-phase-commit', scenario: 'vote-lost' },
    { protocol: 'saga', scenario: 'happy' },
  ];
  it('prefers the same scenario, then the same protocol, then the first player', () => {
    expect(pickSlot(slots, { protocol: 'two-phase-commit', scenario: 'vote-lost' })).toBe(1);
    expect(pickSlot(slots, { protocol: 'saga', scenario: 'other' })).toBe(2);
    expect(pickSlot(slots, { protocol: 'nope', scenario: 'x' })).toBe(0);
    expect(pickSlot(slots, null)).toBe(0);
    expect(pickSlot([], null)).toBe(-1);
  });
  it('reads the target loosely from the link text', () => {
    expect(linkTarget('#sim=two-phase-commit~vote-lost~3~~d1')).toEqual({ protocol: 'two-phase-commit', scenario: 'vote-lost' });
    expect(linkTarget('#sim=')).toBeNull();
    expect(linkTarget('#intro')).toBeNull();
  });
});
