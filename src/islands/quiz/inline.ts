/**
 * A deliberately tiny inline Markdown reader for quiz prompts and options: `code`, *emphasis*
 * and **strong**, nothing else. It returns tokens that React renders as elements with text
 * children, so bank text can never become HTML (no dangerouslySetInnerHTML anywhere). Pure.
 */

export interface InlineToken {
  kind: 'text' | 'code' | 'em' | 'strong';
  text: string;
}

// Code first so `*` inside backticks stays literal; ** before * so strong wins; emphasis may not
// start or end with a space, so "2 * 3 * 4" stays arithmetic.
const PATTERN = /`([^`]+)`|\*\*(?!\s)([^*]+?)(?<!\s)\*\*|\*(?!\s)([^*]+?)(?<!\s)\*/g;

export function parseInline(source: string): InlineToken[] {
  const tokens: InlineToken[] = [];
  const pushText = (text: string) => {
    if (!text) return;
    const last = tokens[tokens.length - 1];
    if (last?.kind === 'text') last.text += text;
    else tokens.push({ kind: 'text', text });
  };
  let at = 0;
  for (const m of source.matchAll(PATTERN)) {
    pushText(source.slice(at, m.index));
    if (m[1] !== undefined) tokens.push({ kind: 'code', text: m[1] });
    else if (m[2] !== undefined) tokens.push({ kind: 'strong', text: m[2] });
    else tokens.push({ kind: 'em', text: m[3] });
    at = m.index + m[0].length;
  }
  pushText(source.slice(at));
  return tokens;
}

/** The text without markup, for labels that must be plain (aria-label, saved progress). */
export function plainInline(source: string): string {
  return parseInline(source)
    .map((t) => t.text)
    .join('');
}
