/**
 * Renders the exercise's Markdown (the brief, model answers) as paragraphs and lists of inline
 * text. Text only ever becomes text nodes; no HTML from content.
 */
import { Inline } from '../quiz/Inline.tsx';
import { blocks } from './markdown.ts';

export function Prose({ text }: { text: string }) {
  return (
    <>
      {blocks(text).map((b, i) =>
        b.kind === 'p' ? (
          <p key={i}>
            <Inline text={b.text} />
          </p>
        ) : b.kind === 'ul' ? (
          <ul key={i}>
            {b.items.map((item, j) => (
              <li key={j}>
                <Inline text={item} />
              </li>
            ))}
          </ul>
        ) : (
          <ol key={i}>
            {b.items.map((item, j) => (
              <li key={j}>
                <Inline text={item} />
              </li>
            ))}
          </ol>
        ),
      )}
    </>
  );
}
