/**
 * Share links for a design: the reader's architecture, mechanism choices and bottleneck ranking
 * as URL-safe text (`#design=<text>`). Notes and figures stay private. Decoding never throws: a
 * damaged link gets a message naming what is wrong, and what can be read is kept (with warnings).
 *
 *   1~m:orchestrated-saga_outbox-polling_idempotent_read-model-token_version-check~c:gateway_order-service~r:broker-throughput
 *
 * Fields are `~`-separated, `key:value`; lists use `_` (ids are kebab-case, so neither appears in
 * one); a mechanism not chosen is `-`.
 */
import { BOTTLENECK_IDS, COMPONENT_IDS, MECHANISMS, MECHANISM_IDS, type BottleneckId, type ComponentId, type MechanismChoices } from './ids.ts';
import type { DesignWork } from './work.ts';

const VERSION = '1';

export type SharedDesign = Pick<DesignWork, 'components' | 'mechanisms' | 'ranking'>;

export function encodeDesign(work: Pick<DesignWork, 'components' | 'mechanisms' | 'ranking'>): string {
  const m = MECHANISM_IDS.map((id) => work.mechanisms[id] ?? '-').join('_');
  const fields = [VERSION, `m:${m}`, `c:${work.components.join('_')}`];
  if (work.ranking.length) fields.push(`r:${work.ranking.join('_')}`);
  return fields.join('~');
}

export type DecodedDesign = { ok: true; work: SharedDesign; warnings: string[] } | { ok: false; error: string };

function knownList<T extends string>(raw: string, known: readonly T[], what: string, warnings: string[]): T[] {
  const out: T[] = [];
  for (const item of raw ? raw.split('_') : []) {
    if (!(known as readonly string[]).includes(item)) warnings.push(`Skipped an unknown ${what} "${item}".`);
    else if (out.includes(item as T)) warnings.push(`Skipped a repeated ${what} "${item}".`);
    else out.push(item as T);
  }
  return out;
}

function decodeMechanisms(raw: string, warnings: string[]): Partial<MechanismChoices> {
  const parts = raw.split('_');
  if (parts.length !== MECHANISM_IDS.length) warnings.push(`Expected ${MECHANISM_IDS.length} mechanism choices, found ${parts.length}; read what matched.`);
  const out: Record<string, string> = {};
  MECHANISM_IDS.forEach((id, i) => {
    const value = parts[i];
    if (value === undefined || value === '-') return;
    if ((MECHANISMS[id] as readonly string[]).includes(value)) out[id] = value;
    else warnings.push(`Skipped "${value}": not an option for ${id} (options: ${MECHANISMS[id].join(', ')}).`);
  });
  return out as Partial<MechanismChoices>;
}

/** Read a share link's text (already taken out of the hash; percent-encoding is undone here). */
export function decodeDesign(text: string): DecodedDesign {
  let raw = text.trim();
  try {
    raw = decodeURIComponent(raw);
  } catch {
    return { ok: false, error: 'The design link is damaged: it has a broken %-escape. Ask for the link again.' };
  }
  const [version, ...fields] = raw.split('~');
  if (version !== VERSION) {
    return { ok: false, error: version ? `This design link has version "${version.slice(0, 20)}", which this page cannot read (it reads version ${VERSION}).` : 'The design link is empty.' };
  }
  const warnings: string[] = [];
  const work: SharedDesign = { components: [], mechanisms: {}, ranking: [] };
  let seen = 0;
  for (const field of fields) {
    const colon = field.indexOf(':');
    const key = colon < 0 ? field : field.slice(0, colon);
    const value = colon < 0 ? '' : field.slice(colon + 1);
    if (key === 'm') work.mechanisms = decodeMechanisms(value, warnings);
    else if (key === 'c') work.components = knownList<ComponentId>(value, COMPONENT_IDS, 'component', warnings);
    else if (key === 'r') work.ranking = knownList<BottleneckId>(value, BOTTLENECK_IDS, 'bottleneck', warnings);
    else {
      warnings.push(`Skipped an unknown part "${field.slice(0, 30)}".`);
      continue;
    }
    seen += 1;
  }
  if (!seen) return { ok: false, error: 'The design link has no design in it (no mechanisms, components or ranking).' };
  return { ok: true, work, warnings };
}

/** The `#design=` text of a location hash, or null when it has none. */
export function designFromHash(hash: string): string | null {
  const found = /(?:^#|&)design=([^&]*)/.exec(hash);
  return found ? found[1] : null;
}
