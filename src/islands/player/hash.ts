/**
 * Share links: a run travels in the URL hash as `#sim=<encoded run>`. This module only parses and
 * builds hashes and decides what a player should do with one; the run codec itself is the
 * kernel's (`encodeRun` / `decodeRun`), passed in so this stays testable.
 */
import type { DecodeResult, Run } from './model.ts';

export const HASH_KEY = 'sim';

/** The encoded run in a location hash, or null when the hash holds none. Never throws. */
export function parseSimHash(hash: string): string | null {
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  if (!body) return null;
  for (const part of body.split('&')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq) !== HASH_KEY) continue;
    const raw = part.slice(eq + 1);
    try {
      return decodeURIComponent(raw);
    } catch {
      return raw; // a malformed %-escape: hand the text to the codec, which will say what is wrong
    }
  }
  return null;
}

/** The hash for a run (`#sim=…`). */
export function buildSimHash(encoded: string): string {
  return `#${HASH_KEY}=${encodeURIComponent(encoded)}`;
}

/** A page URL with its hash replaced by the run's. */
export function shareUrl(pageHref: string, encoded: string): string {
  const i = pageHref.indexOf('#');
  return (i < 0 ? pageHref : pageHref.slice(0, i)) + buildSimHash(encoded);
}

export type HashAction =
  | { kind: 'none' }
  | { kind: 'load'; run: Run; notice?: string }
  | { kind: 'error'; message: string };

/**
 * What a player for `protocolId` should do with a location hash: nothing (no run, or another
 * protocol's run), load a run, or load the nearest valid prefix with a message naming what was
 * wrong, or just show the message when nothing valid is left.
 */
export function hashAction(hash: string, protocolId: string, decode: (text: string) => DecodeResult): HashAction {
  const text = parseSimHash(hash);
  if (text == null) return { kind: 'none' };
  let result: DecodeResult;
  try {
    result = decode(text);
  } catch (err) {
    return { kind: 'error', message: `This link's simulation could not be read (${err instanceof Error ? err.message : String(err)}). Showing the scenario from the start.` };
  }
  if (result.ok) {
    return result.run.protocol === protocolId ? { kind: 'load', run: result.run } : { kind: 'none' };
  }
  if (result.nearest) {
    if (result.nearest.protocol !== protocolId) return { kind: 'none' };
    const kept = result.nearest.choices.length;
    return {
      kind: 'load',
      run: result.nearest,
      notice: `This link's run is broken or out of date: ${result.error}. Loaded the first ${kept} step${kept === 1 ? '' : 's'} that still replay.`,
    };
  }
  return { kind: 'error', message: `This link's run could not be loaded: ${result.error}. Showing the scenario from the start.` };
}

/** Where a simulation sits on the page: its protocol and the scenario it opens on. */
export type PlayerSlot = { protocol: string; scenario: string };

/**
 * Which of a page's players answers a share link: the first one opening on the run's scenario,
 * else the first one of the run's protocol, else (for a link that names nothing usable) the first
 * player. -1 when the page has no player. Keeps six players on one page from all loading a link.
 */
export function pickSlot(slots: PlayerSlot[], target: { protocol: string; scenario?: string } | null): number {
  if (!slots.length) return -1;
  if (!target) return 0;
  const exact = slots.findIndex((s) => s.protocol === target.protocol && s.scenario === target.scenario);
  if (exact >= 0) return exact;
  const same = slots.findIndex((s) => s.protocol === target.protocol);
  return same >= 0 ? same : 0;
}

/** The protocol and scenario a link names, read loosely from its text (for choosing a player only). */
export function linkTarget(hash: string): { protocol: string; scenario: string } | null {
  const text = parseSimHash(hash);
  if (!text) return null;
  const [protocol = '', scenario = ''] = text.split('~');
  return protocol ? { protocol, scenario } : null;
}
