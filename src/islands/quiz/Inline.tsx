/**
 * Renders quiz text with the tiny inline Markdown of `inline.ts` as React elements. Text only ever
 * becomes text nodes: there is no path from bank content to raw HTML.
 */
import { parseInline } from './inline.ts';

export function Inline({ text }: { text: string }) {
  return (
    <>
      {parseInline(text).map((t, i) =>
        t.kind === 'code' ? <code key={i}>{t.text}</code> : t.kind === 'em' ? <em key={i}>{t.text}</em> : t.kind === 'strong' ? <strong key={i}>{t.text}</strong> : t.text,
      )}
    </>
  );
}
