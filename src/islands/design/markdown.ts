/**
 * Splits the exercise's block Markdown (the brief and model answers: paragraphs and bullet or
 * numbered lists) into blocks that the island renders as React elements, each holding inline
 * Markdown for `Inline` (src/islands/quiz/inline.ts). Pure; never produces HTML.
 */
export type Block = { kind: 'p'; text: string } | { kind: 'ul' | 'ol'; items: string[] };

const BULLET = /^\s*[-*+]\s+/;
const NUMBERED = /^\s*\d+[.)]\s+/;

export function blocks(source: string): Block[] {
  const out: Block[] = [];
  for (const chunk of source.replace(/\r\n?/g, '\n').split(/\n\s*\n/)) {
    let para: string[] = [];
    let list: Extract<Block, { items: string[] }> | null = null;
    const flush = () => {
      if (para.length) out.push({ kind: 'p', text: para.join(' ') });
      para = [];
    };
    for (const line of chunk.split('\n')) {
      if (line.trim() === '') continue;
      const kind = BULLET.test(line) ? 'ul' : NUMBERED.test(line) ? 'ol' : null;
      if (kind) {
        flush();
        const text = line.replace(kind === 'ul' ? BULLET : NUMBERED, '').trim();
        if (list && list.kind === kind) list.items.push(text);
        else {
          list = { kind, items: [text] };
          out.push(list);
        }
      } else if (list && /^\s+\S/.test(line)) {
        // An indented line continues the list's last item.
        list.items[list.items.length - 1] += ` ${line.trim()}`;
      } else {
        list = null;
        para.push(line.trim());
      }
    }
    flush();
  }
  return out;
}
